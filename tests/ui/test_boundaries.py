"""Where a worker's top catches everything, the learner reads what failed and keeps what they
typed: a checker that crashes, a preview that crashes."""

from __future__ import annotations

from textual.widgets import Input, Static

import tutor.engine
import tutor.engine.api


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_checker_that_crashes_says_so_and_keeps_the_answer(app_for, monkeypatch, store, exam):
    def crash(field, raw, **_):
        raise KeyError("a checker bug")

    monkeypatch.setattr(tutor.engine.api, "check", crash)
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press(*"-ln(0.3)", "enter")
        await settle(pilot)
        widget = app.screen.view.fields[0]
        shown = " ".join(str(s.visual) for s in widget.feedback.query(Static)) + str(widget.feedback.visual)
        assert "Could not check or save this answer" in shown and "a checker bug" in shown
        assert widget.value() == "-ln(0.3)"
    assert store.attempts(exam.id) == []


async def test_a_preview_that_crashes_says_so_and_typing_goes_on(app_for, monkeypatch):
    def crash(field, raw, **_):
        raise RuntimeError("preview bug")

    monkeypatch.setattr(tutor.engine, "preview", crash)
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press(*"0.5")
        await settle(pilot)
        line = app.screen.view.fields[0].query_one(".preview", Static)
        assert "preview unavailable: preview bug" in str(line.visual)
        assert isinstance(app.focused, Input) and app.focused.value == "0.5"
