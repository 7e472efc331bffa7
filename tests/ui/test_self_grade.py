"""The self-grade checklist at 80x24: misconceptions first, evidence per idea, number keys and
clicks toggle, Enter (or Confirm) records the checklist's score; in practice and in the
mock's results (tests/study/test_mock_self_grade.py)."""

from __future__ import annotations

from textual.widgets import Static

from tests.ui.ui_pilot import settle, type_text
from tutor.ui.app import make_app
from tutor.ui.widgets.self_grade import IdeaBox, SelfGrade

SIZE = (80, 24)
REVERSED = "Regression predicts a discrete class label, classification a continuous value."


def _text(widget) -> str:
    return str(widget.render())


async def _checked(pilot, answer: str) -> SelfGrade:
    await settle(pilot)
    await type_text(pilot, answer)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return pilot.app.screen.query_one(SelfGrade)


async def test_keys_tick_ideas_and_enter_records_the_checklist(app_for, store, exam):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=SIZE) as pilot:
        panel = await _checked(pilot, REVERSED)
        assert app.focused is panel
        first = panel.children[0]
        assert "sg-misconception" in first.classes                  # the misconception comes first
        assert "Backwards" in _text(first)
        assert panel.ticked() == ()                                   # its idea stays unticked
        assert "says the opposite" in _text(panel.query(".sg-evidence").first())
        await pilot.press("2")
        assert panel.ticked() == ("continuous",)
        assert "2.5/5" in _text(panel.query_one(".sg-score", Static))
        await pilot.press("9")                                        # no ninth idea: nothing
        assert panel.ticked() == ("continuous",)
        await pilot.press("enter")
        await settle(pilot)
        assert panel.confirmed
        await pilot.press("1")                                        # spent once confirmed
        assert panel.ticked() == ("continuous",)
    (attempt,) = store.attempts(exam.id)
    assert (attempt.score, attempt.self_graded, attempt.mistake) == (2.5, True, "reversed")


async def test_the_mouse_ticks_and_confirms(app_for, store, exam):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=SIZE) as pilot:
        panel = await _checked(pilot, "Classification outputs a category; regression outputs a real number.")
        assert panel.ticked() == ("discrete", "continuous")
        box = panel.query(IdeaBox).first()
        box.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(box)
        assert panel.ticked() == ("continuous",)
        button = panel.query_one("#grade-explain")
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(button)
        await settle(pilot)
        assert panel.confirmed
    (attempt,) = store.attempts(exam.id)
    assert (attempt.score, attempt.verdict) == (2.5, "partial")


def test_checklist_snapshot_80x24(snap_compare, exam):
    async def run_before(pilot):
        await settle(pilot)
        await type_text(pilot, REVERSED)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("2")
        panel = pilot.app.screen.query_one(SelfGrade)
        panel.scroll_visible(animate=False, top=True)
        await settle(pilot)

    assert snap_compare(make_app([exam], None, ("practice", "1a")), terminal_size=SIZE, run_before=run_before)
