"""Textual's own tools for state: a part's stage and the LaTeX toggle are reactives whose
watchers redraw, and one debounce helper serves every screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

import tutor.ui
from tutor.ui.debounce import Debounce


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_setting_the_parts_stage_redraws_its_panels(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        view = app.screen.view
        assert not view.hints.has_class("-shown")
        view.hints_shown = 2
        view.steps_shown = 99                     # more than there are: all of them
        await settle(pilot)
        assert "Hint 2 of 3" in str(view.hints.visual) and view.hints.has_class("-shown")
        assert view.steps_shown == len(view.part.solution) == view.solution.shown


async def test_the_latex_toggle_is_a_reactive_whose_watcher_redraws_the_part(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompt = app.screen.view.query_one("#prompt")
        assert "\\hat" not in str(prompt.visual)
        app.raw_latex = True                      # no action, no screen method: the watcher
        await settle(pilot)
        prompt = app.screen.view.query_one("#prompt")
        assert "\\hat{y}" in str(prompt.visual)
        assert "raw LaTeX" in app.screen.query_one("#status").message


async def test_a_debounce_runs_once_after_a_burst_and_can_be_cancelled_or_flushed():
    calls: list[str] = []
    async with App().run_test() as pilot:
        debounce = Debounce(pilot.app, 0.001, lambda: calls.append("saved"))
        debounce.poke()
        debounce.poke()                           # the burst goes on: the first wait is dropped
        await pilot.pause(0.05)                   # the loop runs the earlier-due timer first
        await pilot.pause()
        assert calls == ["saved"] and not debounce.pending
        debounce.poke(60)
        debounce.cancel()
        debounce.flush()                          # nothing waiting: nothing to do
        assert calls == ["saved"]
        debounce.poke(60)
        debounce.flush()                          # leaving: do it now
        assert calls == ["saved", "saved"] and not debounce.pending


def test_every_debounce_in_the_shell_is_the_one_helper():
    root = Path(tutor.ui.__file__).parent
    timers = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if "set_timer(" in p.read_text(encoding="utf-8")]
    assert timers == ["debounce.py"]
