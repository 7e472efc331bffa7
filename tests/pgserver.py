"""The PostgreSQL server the tests use: `TUTOR_TEST_PG`, a superuser's URL (see `.ci/postgres`);
when it is unset and PostgreSQL is installed, a throwaway server of this test process's own.

Each test gets a fresh database of its own, owned by an ordinary role (row-level security
binds it, as it binds the tutor in a real deployment), and dropped afterwards.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

ENV = "TUTOR_TEST_PG"
APP_ROLE = "tutor_test_app"


SCRIPT = Path(__file__).parents[1] / ".ci" / "postgres"


@cache
def _own_server() -> tuple[str | None, str]:
    """Start a throwaway server with `.ci/postgres` (stopped when this process exits):
    (its URL, "") or (None, why it could not start)."""
    folder = tempfile.mkdtemp(prefix="tutor-test-pg-")
    try:
        started = subprocess.run(["bash", str(SCRIPT), "start", folder], capture_output=True, text=True,
                                 timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, str(error)
    if started.returncode != 0:
        subprocess.run(["bash", str(SCRIPT), "stop", folder], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)  # `stop` leaves it when there is no PostgreSQL at all
        return None, started.stderr.strip().splitlines()[-1] if started.stderr.strip() else "it did not start"
    atexit.register(subprocess.run, ["bash", str(SCRIPT), "stop", folder], capture_output=True, timeout=60,
                    check=False)
    return started.stdout.strip(), ""


def installed() -> bool:
    """Whether this machine has PostgreSQL's server programs (Debian's layout, or on PATH)."""
    return bool(list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))) or shutil.which("pg_ctl") is not None


def server_url() -> str:
    """The server's URL: TUTOR_TEST_PG, else a server of our own. Only a machine without
    PostgreSQL at all skips the test (and in CI, CI=true, even that fails it); an installed
    server that does not start fails it, with the reason."""
    url = os.environ.get(ENV)
    if url:
        return url
    if not installed():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{ENV} is not set and PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip(f"PostgreSQL is not installed (apt-get install postgresql), or set {ENV}")
    url, why = _own_server()
    if url:
        return url
    pytest.fail(f"PostgreSQL is installed but a server of the tests' own did not start: {why}")


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
