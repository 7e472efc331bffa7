"""The study store on PostgreSQL: one database for a whole class, each student's rows kept apart.

A `Store` opened with a PostgreSQL URL runs every call through a `PgBackend`, over a psycopg
connection pool. Every call runs in one
transaction that first sets `tutor.student` for that transaction only (`set_config(...,
true)`), so row-level security (see `tutor.study.pg_schema`) shows and accepts only that
student's rows, and a pooled connection never carries one student's identity into the next
call. Writes also take a per-student advisory lock, so a student's writes are serialised as
SQLite's `BEGIN IMMEDIATE` serialises them on one file.

The study modules' SQL runs unchanged through `PgConnection`, which speaks the part of
`sqlite3.Connection` they use (`execute`, rows by name or index, `rowcount`, `lastrowid`)
and rewrites each statement with `tutor.study.dialect`. Database errors reach callers as
`sqlite3` errors, which they already handle. psycopg is imported only here, and this module
only when a PostgreSQL URL is used.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from tutor.study import dialect, pg_schema, schema
from tutor.study.timeutil import utc_now

if TYPE_CHECKING:
    from psycopg.rows import RowMaker

T = TypeVar("T")
STUDENT_ENV = "TUTOR_STUDENT"
MAX_STUDENT_CHARS = 200
OPEN_TIMEOUT_S = 10.0
STUDENT_POOL_SIZE = 2  # a student's tutor process: one call at a time, and a spare
_WRITE_LOCK = 0x73747564  # "stud": advisory lock namespace of a student's writes
_BEGIN_READ = "SELECT set_config('tutor.student', %s, true)"
_BEGIN_WRITE = _BEGIN_READ + ", pg_advisory_xact_lock(%s, hashtext(%s))"


class Row:
    """A result row readable by column name or position, like `sqlite3.Row`."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[Any]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._names[key] if isinstance(key, str) else key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        """The column names."""
        return list(self._names)


def row_factory(cursor: psycopg.Cursor[Any]) -> RowMaker[Row]:
    """psycopg row factory making `Row`s."""
    names = {col.name: i for i, col in enumerate(cursor.description or ())}
    return lambda values: Row(names, values)


class PgCursor:
    """A finished statement: its rows, `rowcount`, and the new row's id for an insert."""

    def __init__(self, cursor: psycopg.Cursor[Row], returns_id: bool) -> None:
        self._cursor = cursor
        self.lastrowid: int | None = None
        if returns_id:
            row = cursor.fetchone()
            self.lastrowid = int(row[0]) if row is not None else None

    @property
    def returns_rows(self) -> bool:
        """Whether the statement produced rows to fetch (a SELECT, or RETURNING)."""
        return self._cursor.description is not None

    @property
    def rowcount(self) -> int:
        """Rows the statement changed."""
        return self._cursor.rowcount

    def fetchone(self) -> Row | None:
        """The next row, or None."""
        return self._cursor.fetchone()

    def fetchall(self) -> list[Row]:
        """The remaining rows."""
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Row]:
        return iter(self._cursor)


class PgConnection:
    """The slice of `sqlite3.Connection` the study modules call, over one psycopg connection."""

    in_transaction = True  # always inside the store's transaction

    def __init__(self, conn: psycopg.Connection[Row]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        """Run one statement written in SQLite's form."""
        text, returns_id = dialect.to_postgres(sql, bool(params))
        return PgCursor(self._conn.execute(text, tuple(params) if params else None), returns_id)


def is_postgres_url(url: str | None) -> bool:
    """Whether `url` names a PostgreSQL database."""
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def describe_url(url: str) -> str:
    """host:port/dbname of a URL, without user or password (for messages)."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:
        return "the class database"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{host}{port}/{parts.get('dbname') or ''}"


class PgDatabase:
    """A connection pool on one database, migrated and checked on opening (may be shared)."""

    def __init__(self, url: str, *, max_size: int = STUDENT_POOL_SIZE, timeout: float | None = None) -> None:
        self.url = url
        wait = OPEN_TIMEOUT_S if timeout is None else timeout
        # one plain connection first: its error says what is wrong (the pool's only "timed out")
        with psycopg.connect(url, connect_timeout=max(1, round(wait))) as conn:
            pg_schema.check_role(conn)
            pg_schema.migrate(conn, schema.MIGRATIONS, utc_now())
        self.pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            url, connection_class=psycopg.Connection[Row], kwargs={"row_factory": row_factory},
            min_size=1, max_size=max_size, open=False, timeout=wait, name="tutor")
        try:
            self.pool.open(wait=True, timeout=wait)
        except BaseException:
            self.pool.close()
            raise

    def close(self) -> None:
        """Close every connection."""
        self.pool.close()


class PgBackend:
    """One student's side of a PostgreSQL database: what a `Store` runs its calls through."""

    def __init__(self, database: PgDatabase, student: str, *, owns_database: bool = True) -> None:
        self.database = database
        self.student = student
        self._owns = owns_database

    @property
    def pool(self) -> ConnectionPool[psycopg.Connection[Row]]:
        """The database's connection pool."""
        return self.database.pool

    def close(self) -> None:
        """Close the pool (unless it is shared with other students' backends)."""
        if self._owns:
            self.database.close()

    def run(self, fn: Callable[[sqlite3.Connection], T], write: bool) -> T:
        """Run fn in one transaction as this student; a stale pooled connection is retried once."""
        student = self.student
        for attempt in (1, 2):
            started = False
            try:
                with self.database.pool.connection() as conn:
                    if write:
                        conn.execute(_BEGIN_WRITE, (student, _WRITE_LOCK, student))
                    else:
                        conn.execute(_BEGIN_READ, (student,))
                    started = True
                    return fn(cast(sqlite3.Connection, PgConnection(conn)))
            except psycopg.OperationalError as error:
                if not started and attempt == 1:
                    continue  # the server dropped an idle connection: the pool replaces it
                raise _as_sqlite(error) from error
            except psycopg.Error as error:
                raise _as_sqlite(error) from error
        raise AssertionError("unreachable")


def _as_sqlite(error: psycopg.Error) -> sqlite3.Error:
    """The sqlite3 error callers already handle, for a PostgreSQL one."""
    if isinstance(error, psycopg.IntegrityError):
        return sqlite3.IntegrityError(str(error))
    if isinstance(error, psycopg.OperationalError):
        return sqlite3.OperationalError(f"the class database failed: {error}")
    return sqlite3.DatabaseError(str(error))


def student_id(student: str | None) -> str:
    """The student whose rows a store reads: as given, else $TUTOR_STUDENT, else the OS user."""
    chosen = student or os.environ.get(STUDENT_ENV) or getpass.getuser()
    if not chosen.strip() or len(chosen) > MAX_STUDENT_CHARS:
        raise ValueError(f"not a student id: {chosen[:40]!r}")
    return chosen


class Unavailable(Exception):
    """The database cannot hold this student's progress; the message says why."""


def open_backend(url: str, student: str | None = None) -> PgBackend:
    """One student's backend on the database at `url` (migrated and checked); Unavailable if
    it cannot be used."""
    try:
        return PgBackend(PgDatabase(url), student_id(student))
    except (ValueError, psycopg.Error, pg_schema.BypassesSecurity, schema.SchemaTooNew) as error:
        raise Unavailable(f"the class database {describe_url(url)} cannot be used ({error})") from error
    except Exception as error:  # the pool's own timeouts and errors
        raise Unavailable(f"the class database {describe_url(url)} cannot be reached "
                          f"({type(error).__name__}: {error})") from error


def database_problem(url: str) -> str | None:
    """Why the database at `url` cannot hold the class's progress (None: it can); migrates it."""
    try:
        PgDatabase(url).close()
    except (psycopg.Error, pg_schema.BypassesSecurity, schema.SchemaTooNew) as error:
        return f"the class database {describe_url(url)} cannot be used: {error}"
    except Exception as error:  # noqa: BLE001 - the pool's own timeouts
        return f"the class database {describe_url(url)} cannot be reached: {type(error).__name__}: {error}"
    return None
