"""The tests' PostgreSQL server: a machine without PostgreSQL skips (CI fails), and an installed
server that will not start fails the test instead of skipping it."""

from __future__ import annotations

import pytest

from tests import pgserver


def test_an_installed_server_that_does_not_start_fails_rather_than_skips(monkeypatch):
    monkeypatch.delenv(pgserver.ENV, raising=False)
    monkeypatch.setattr(pgserver, "installed", lambda: True)
    monkeypatch.setattr(pgserver, "_own_server", lambda: (None, "initdb: cannot create folder"))
    with pytest.raises(pytest.fail.Exception, match="initdb: cannot create folder"):
        pgserver.server_url()


def test_without_postgresql_it_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv(pgserver.ENV, raising=False)
    monkeypatch.setattr(pgserver, "installed", lambda: False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        pgserver.server_url()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        pgserver.server_url()


def test_a_given_server_is_used_as_it_is(monkeypatch):
    monkeypatch.setenv(pgserver.ENV, "postgresql://admin@127.0.0.1:5999/postgres")
    assert pgserver.server_url() == "postgresql://admin@127.0.0.1:5999/postgres"
