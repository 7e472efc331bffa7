"""Shared fixtures: the shipped exam, and running the installed `tutor` console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.model import load_exams

TUTOR = Path(sys.executable).parent / "tutor"


@pytest.fixture(scope="session")
def exam():
    """The shipped exam, loaded once per test session."""
    return load_exams()[0]


@pytest.fixture
def run_tutor(tmp_path):
    """Run the installed console script from an unrelated folder; returns CompletedProcess."""

    def run(*args: str, data_dir: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        env = dict(os.environ, TUTOR_DATA_DIR=str(data_dir or tmp_path / "data"), NO_COLOR="1")
        return subprocess.run(
            [str(TUTOR), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout
        )

    return run


@pytest.fixture
def pg_admin_url():
    """A superuser URL of the test PostgreSQL server (skips, or fails in CI, without one)."""
    from tests.pgserver import server_url

    return server_url()


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh PostgreSQL database for this test, as the ordinary role the tutor runs as."""
    from tests.pgserver import fresh_database

    with fresh_database(pg_admin_url) as url:
        yield url
