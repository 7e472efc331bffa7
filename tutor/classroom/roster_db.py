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
    import psycopg

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


class PgRoster:
    """The roster in the class's PostgreSQL database: one connection, one caller at a time."""

    def __init__(self, url: str) -> None:
        import psycopg

        from tutor.study.pg import Row, row_factory

        self._conn: psycopg.Connection[Row] = psycopg.connect(url, autocommit=True, row_factory=row_factory)
        self._lock = threading.RLock()
        try:
            with self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self._conn.execute(POSTGRES_SCHEMA)
        except BaseException:
            self._conn.close()
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement written in SQLite's form."""
        from tutor.study.pg import PgConnection

        with self._lock:
            return PgConnection(self._conn).execute(sql, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; other threads of this process wait for it."""
        with self._lock, self._conn.transaction():
            yield

    def shared_secret(self) -> bytes:
        """The class's cookie-signing key, made by whichever node asks first."""
        with self._lock:
            self._conn.execute("INSERT INTO class_secret (secret) VALUES (%s) ON CONFLICT DO NOTHING",
                               (secrets.token_hex(SECRET_BYTES),))
            row = self._conn.execute("SELECT secret FROM class_secret").fetchone()
        assert row is not None
        return str(row[0]).encode("ascii")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


def open_roster_db(path: Path, url: str | None) -> RosterDb:
    """The roster's database: PostgreSQL at `url` when given, else the SQLite file at `path`."""
    if url:
        return PgRoster(url)
    return SqliteRoster(path)

