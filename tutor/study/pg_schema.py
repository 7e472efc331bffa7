"""Running the shared migration list on PostgreSQL (the tables: `tutor.study.pg_tables`).

The version is the highest row of the `migrations` table; migrations are taken under an
advisory lock, so several serve nodes starting at once apply each one exactly once.
psycopg is not imported here: the caller passes a connection.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.study.schema import SchemaTooNew
from tutor.study.timeutil import iso

if TYPE_CHECKING:
    import psycopg

MIGRATION_LOCK = 0x7475746F  # "tuto": the advisory lock key migrations are applied under

_LOG = """
CREATE TABLE IF NOT EXISTS migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class BypassesSecurity(Exception):
    """The database role would see every student's rows (a superuser, or BYPASSRLS)."""


def version(conn: psycopg.Connection[Any]) -> int:
    """The highest migration applied (0 for an empty database)."""
    exists = conn.execute("SELECT to_regclass('migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM migrations").fetchone()
    return int(row[0]) if row else 0


def check_role(conn: psycopg.Connection[Any]) -> None:
    """Refuse a role that row-level security does not bind (each student would see all)."""
    row = conn.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()
    conn.rollback()
    if row is None or row[0]:
        raise BypassesSecurity(
            "the database role is a superuser or has BYPASSRLS, so row-level security would not keep "
            "students apart; connect as an ordinary role (the owner of the tutor's tables)")


def migrate(conn: psycopg.Connection[Any], migrations: tuple[tuple[int, str, str, str], ...],
            now: datetime) -> int:
    """Bring the database up to the last of `migrations`; returns how many were applied.

    Each migration runs in its own transaction holding the advisory lock, and re-reads the
    version inside it, so a migration another node has just applied is skipped.
    """
    latest = migrations[-1][0]
    applied = 0
    while True:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute(_LOG)
            current = version(conn)
            if current > latest:
                raise SchemaTooNew(f"schema version {current} is newer than this tutor's {latest}")
            pending = [m for m in migrations if m[0] > current]
            if not pending:
                return applied
            number, name, _sqlite, sql = pending[0]
            conn.execute(sql)  # several statements: without parameters they go as one simple query
            conn.execute("INSERT INTO migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                         (number, name, iso(now)))
        applied += 1
