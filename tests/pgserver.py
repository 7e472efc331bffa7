"""The PostgreSQL server the tests use: `TUTOR_TEST_PG`, a superuser's URL (see `.ci/postgres`).

Each test gets a fresh database of its own, owned by an ordinary role (row-level security
binds it, as it binds the tutor in a real deployment), and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "TUTOR_TEST_PG"
APP_ROLE = "tutor_test_app"


def server_url() -> str:
    """The server's URL; skips the test when unset, and fails it in CI (CI=true)."""
    url = os.environ.get(ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{ENV} is not set: CI runs the PostgreSQL tests (.ci/run starts a server)")
        pytest.skip(f"{ENV} is not set (start one with .ci/postgres start DIR)")
    return url


def _ensure_role(conn) -> None:
    import psycopg

    try:
        conn.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS")
    except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
        pass  # made already, perhaps by another test worker at this very moment


def with_user(url: str, dbname: str, user: str = APP_ROLE) -> str:
    """The URL of database `dbname` on the same server, as `user` (trust authentication)."""
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(url)
    host, port = parts.get("host") or "127.0.0.1", parts.get("port") or "5432"
    return f"postgresql://{user}@{host}:{port}/{dbname}"


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new empty database owned by the ordinary test role; yields its URL; drops it after."""
    import psycopg

    name = f"tutor_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        _ensure_role(conn)
        conn.execute(f"CREATE DATABASE {name} OWNER {APP_ROLE}")
    try:
        yield with_user(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
