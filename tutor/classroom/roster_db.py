"""Where the roster is kept: a SQLite file in the class folder, or the class's PostgreSQL database.

With PostgreSQL (`--db` / TUTOR_DB) every serve node signs students in against the same
roster, and shares the key that signs session cookies, so a cookie one node set is good on
the others. Both forms offer `execute` (SQLite's SQL, rewritten for PostgreSQL by
`tutor.study.dialect`) and `transaction()`; psycopg is imported only for a URL.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tutor.study.pg import PgCursor

SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS students (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    generation INTEGER NOT NULL DEFAULT 1,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    generation INTEGER NOT NULL DEFAULT 1,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    digest TEXT PRIMARY KEY,
    student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL,
    used_at REAL
);
"""

POSTGRES_SCHEMA = SQLITE_SCHEMA.replace(" REAL", " DOUBLE PRECISION") + """
CREATE TABLE IF NOT EXISTS class_secret (
    one    BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    secret TEXT NOT NULL
);
"""
_SCHEMA_LOCK = 0x726F7374  # "rost": the advisory lock the roster's tables are created under
SECRET_BYTES = 32


class RosterDb(Protocol):
    """What the roster needs of its database."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (SQLite's SQL); a cursor-like result."""

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """A block whose statements commit together (and serialise with other writers)."""

    def shared_secret(self) -> bytes | None:
        """The cookie-signing key every node shares (None: the class folder keeps it)."""

    def close(self) -> None:
        """Close the connection."""


class SqliteRoster:
    """The roster in `roster.db`. Safe to open from several processes (WAL, busy timeout)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.executescript(SQLITE_SCHEMA)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement (autocommit, or inside `transaction`)."""
        return self._conn.execute(sql, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an error)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            yield

    def shared_secret(self) -> bytes | None:
        """None: one node, whose class folder keeps the key."""
        return None

    def close(self) -> None:
        """Close the database."""
        self._conn.close()


class Result:
    """A finished statement's rows and row count (read before its connection went back)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        """The first row, or None."""
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        """Every row."""
        return list(self._rows)


class PgRoster:
    """The roster in the class's PostgreSQL database, over a small pool whose connections are
    checked as they are taken (a dropped one is replaced: a database restart needs no node
    restarted)."""

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        from tutor.study.pg import Row, row_factory

        with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            conn.execute(POSTGRES_SCHEMA)
        self._pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            url, connection_class=psycopg.Connection[Row], kwargs={"row_factory": row_factory, "autocommit": True},
            min_size=1, max_size=4, open=True, timeout=10, name="tutor-roster",
            check=ConnectionPool.check_connection)  # sign-ins are rare: a round trip buys a live one
        self._local = threading.local()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        """Run one statement written in SQLite's form (inside `transaction`, on its connection)."""
        from tutor.study.pg import PgConnection

        held = getattr(self._local, "conn", None)
        if held is not None:
            return _result(PgConnection(held).execute(sql, params))
        with self._pool.connection() as conn:
            return _result(PgConnection(conn).execute(sql, params))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction on one pooled connection, for the statements this thread runs in it."""
        with self._pool.connection() as conn, conn.transaction():
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def shared_secret(self) -> bytes:
        """The class's cookie-signing key, made by whichever node asks first."""
        self.execute("INSERT INTO class_secret (secret) VALUES (?) ON CONFLICT DO NOTHING",
                     (secrets.token_hex(SECRET_BYTES),))
        row = self.execute("SELECT secret FROM class_secret").fetchone()
        assert row is not None
        return str(row[0]).encode("ascii")

    def close(self) -> None:
        """Close the connections."""
        self._pool.close()


def _result(cursor: PgCursor) -> Result:
    """Read a statement's rows now (its connection may go back to the pool)."""
    rows = cursor.fetchall() if cursor.returns_rows else []
    return Result(rows, cursor.rowcount)


def open_roster_db(path: Path, url: str | None) -> RosterDb:
    """The roster's database: PostgreSQL at `url` when given, else the SQLite file at `path`."""
    if url:
        return PgRoster(url)
    return SqliteRoster(path)

