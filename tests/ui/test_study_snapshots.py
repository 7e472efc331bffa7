"""SVG snapshots of the mock, submit, results, review and stats screens at 100x32.

Deterministic: the store runs on a frozen clock (the countdown shows the stored deadline
against it), times are shown in UTC, and focus is moved off inputs so no cursor blinks.
Regenerate after an intended change with `pytest tests/study/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import time

import pytest

from tutor.study import Attempt, open_store
from tutor.ui.app import make_app

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Local time is UTC, so dates on screen do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()


async def _without_toasts(pilot) -> None:
    """Dismiss notifications: a toast times out after a few seconds, so whether it is still
    on screen would depend on how fast the machine ran the test."""
    pilot.app.clear_notifications()
    await pilot.pause()


def _mock_in_progress(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "1a.explain", "Classification predicts a discrete label.")
    store.save_answer(session.id, "4a.loss", "-ln(0.3)")
    store.set_flag(session.id, "2b")
    clock.advance(minutes=100, seconds=30)     # 9:30 left: the warning style
    return store


def test_mock_in_progress(snap_compare, tmp_path, clock, exam):
    store = _mock_in_progress(tmp_path, clock, exam)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.screen.show_part("4a")
        await pilot.press("escape")
        await _settle(pilot)
        await _without_toasts(pilot)

    assert snap_compare(make_app([exam], store, ("mock", None)), terminal_size=SIZE, run_before=run_before)


def test_submit_modal(snap_compare, tmp_path, clock, exam):
    store = _mock_in_progress(tmp_path, clock, exam)
    clock.advance(minutes=8)                   # 1:30 left: urgent

    async def run_before(pilot):
        await _settle(pilot)
        await _without_toasts(pilot)
        await pilot.press("ctrl+s")
        await _settle(pilot)

    assert snap_compare(make_app([exam], store, ("mock", None)), terminal_size=SIZE, run_before=run_before)


def test_mock_results(snap_compare, tmp_path, clock, exam):
    store = _mock_in_progress(tmp_path, clock, exam)
    store.save_answer(1, "4b.loss", "ln(0.4)")
    store.save_answer(1, "2b.dW_shape", "m x n")
    clock.advance(hours=2)                     # ran out while closed

    async def run_before(pilot):
        await _settle(pilot)
        await _settle(pilot)

    assert snap_compare(make_app([exam], store, ("mock", None)), terminal_size=SIZE, run_before=run_before)


def test_review_rating(snap_compare, tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    store.record_attempt(Attempt(exam.id, "4a", "loss", "ln(0.3)", "incorrect", 0, 3, "sign"))
    clock.advance(days=1)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)

    assert snap_compare(make_app([exam], store, ("review",)), terminal_size=SIZE, run_before=run_before)


def test_stats(snap_compare, tmp_path, clock, exam, check):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    mistake = exam.field("4a.loss").mistakes[0].id
    for _ in range(2):
        store.record_attempt(Attempt(exam.id, "4a", "loss", "ln(0.3)", "incorrect", 0, 3, mistake))
    store.record_attempt(Attempt(exam.id, "2b", "db_shape", "m", "correct", 2, 2))
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "2b.db_shape", "m")
    clock.advance(minutes=75)
    store.finish_mock(exam, session.id, check)
    clock.advance(days=1)

    async def run_before(pilot):
        await _settle(pilot)

    assert snap_compare(make_app([exam], store, ("stats",)), terminal_size=SIZE, run_before=run_before)


def test_mock_results_part_by_part_at_80x24(snap_compare, tmp_path, clock, exam):
    """Each part to learn from: the answer, how it read, the reference and the mistake feedback."""
    store = _mock_in_progress(tmp_path, clock, exam)
    store.save_answer(1, "4b.loss", "ln(0.4)")
    clock.advance(hours=2)

    async def run_before(pilot):
        await _settle(pilot)
        await _settle(pilot)
        pilot.app.screen.query_one("#result-4b").scroll_visible(top=True, animate=False)
        await _settle(pilot)

    assert snap_compare(make_app([exam], store, ("mock", None)), terminal_size=(80, 24), run_before=run_before)
