"""Fixtures for the Textual UI tests: the real exam, a real study store, Pilot helpers, and the
study tests' settable clock and fake checker for the study screens."""

from __future__ import annotations

from typing import Any

import pytest

from tests.study.conftest import Clock, fake_check
from tutor.ui.app import TutorApp, make_app


@pytest.fixture
def store(tmp_path):
    """A real study store in a temporary folder."""
    from tutor.study import open_store

    s = open_store(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def app_for(exam, store):
    """Build the app on the shipped exam with a fresh store: `app_for(start=("practice", "4a"))`."""

    def build(start: tuple[Any, ...] | None = None, *, with_store: Any = store) -> TutorApp:
        return make_app([exam], with_store, start)

    return build


@pytest.fixture
def clock():
    """A settable UTC clock starting at 2025-02-18 12:00 (as in the study tests)."""
    return Clock()


@pytest.fixture
def check():
    """The study tests' fake checker (stands in for tutor.engine.check)."""
    return fake_check
