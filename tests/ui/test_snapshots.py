"""SVG snapshots of each screen at 100x32 (pytest-textual-snapshot).

Deterministic: a fresh in-memory store (default theme, nothing due, no mock), no clock in
the header, focus moved off inputs so no blinking cursor is captured. Regenerate after an
intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from tests.ui.ui_pilot import settle, type_text
from tutor.ui.app import make_app

SIZE = (100, 32)


def _app(exam, start=None):
    return make_app([exam], None, start)


def test_home(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(_app(exam), terminal_size=SIZE, run_before=run_before)


def test_number_part_with_feedback(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await type_text(pilot, "ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(_app(exam, ("practice", "4a")), terminal_size=SIZE,
                        run_before=run_before)


def test_formula_part_with_feedback(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await type_text(pilot, "((f - y) * where(g > 0, 1, alpha)) @ x.T")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        pilot.app.screen.query_one("#feedback-dW").scroll_visible(animate=False, top=True)
        await settle(pilot)

    assert snap_compare(_app(exam, ("practice", "2b")), terminal_size=SIZE,
                        run_before=run_before)


def test_text_part_with_rubric(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await type_text(pilot, "Classification predicts a discrete class label. "
                               "Regression predicts a continuous number.")
        await pilot.press("ctrl+s")
        await settle(pilot)  # the checklist now has the keys (no cursor in the input)
        pilot.app.screen.query_one("#feedback-explain").scroll_visible(animate=False, top=True)
        await settle(pilot)

    assert snap_compare(_app(exam, ("practice", "1a")), terminal_size=SIZE,
                        run_before=run_before)


def test_critique_view(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("escape", "c")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(_app(exam, ("practice", "4a")), terminal_size=SIZE,
                        run_before=run_before)


def test_help(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await settle(pilot)

    assert snap_compare(_app(exam, ("practice", "4a")), terminal_size=SIZE,
                        run_before=run_before)
