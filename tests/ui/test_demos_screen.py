"""The Demos screen, driven through Textual's Pilot like a learner would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.widgets import DataTable, Input, Select

from tests.ui.ui_pilot import settle, toast_texts, until
from tutor.model import load_exams
from tutor.ui.app import make_app


@pytest.fixture(scope="module")
def exams():
    return load_exams()


def _text(widget) -> str:
    return str(widget.render())


async def test_vanishing_change_init_and_the_ratio_recovers(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DemosScreen" and screen.args == ("vanishing",)
        before = screen.trace.ratio_first_last
        assert before < 1e-6
        assert "= 8.5e-10" in _text(screen.query_one("#demo-status"))
        assert "shrinks ×1e-9" in _text(screen.query_one("#demo-notes"))
        init = screen.query_one("#param-init", Select)
        init.focus()
        await pilot.press("plus")                       # small -> xavier
        await settle(pilot)
        assert init.value == "xavier" and screen.params["init"] == "xavier"
        after = screen.trace.ratio_first_last
        assert 0.05 <= after <= 5
        assert "= 0.264" in _text(screen.query_one("#demo-status"))
        assert "keeps roughly its size" in _text(screen.query_one("#demo-notes"))
        table = screen.query_one(DataTable)
        assert table.row_count == 10 and str(table.get_row_at(0)[0]) == "1"


async def test_typing_a_number_validates_and_recomputes(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        depth = screen.query_one("#param-depth", Input)
        depth.focus()
        await pilot.press("end", "0")                   # 100: valid, recomputed once typing pauses
        await until(pilot, lambda: screen.trace.params["depth"] == 100, "the recomputed trace")
        await settle(pilot)
        assert screen.trace.params["depth"] == 100 and len(screen.trace.layers) == 100
        await pilot.press("0")                          # 1000: out of range
        await settle(pilot)
        status = _text(screen.query_one("#demo-status"))
        assert "depth must be an integer from 2 to 100, got '1000'" in status
        assert depth.has_class("-invalid") and screen.trace.params["depth"] == 100   # last result kept
        await pilot.press("backspace", "backspace", "enter")   # 10, Enter: at once
        await settle(pilot)
        assert screen.trace.params["depth"] == 10 and not depth.has_class("-invalid")


async def test_plus_minus_step_numbers_but_type_signs_when_needed(exams):
    app = make_app(exams, None, ("demo", "nullspace"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        steps = screen.query_one("#param-steps", Input)
        steps.focus()
        await pilot.press("end", "plus")
        await settle(pilot)
        assert steps.value == "60" and screen.trace.params["steps"] == 60
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert steps.value == "40" and screen.trace.params["steps"] == 40
        lam = screen.query_one("#param-lam", Input)
        lam.focus()
        lam.value = ""
        await pilot.press("minus", "2", "enter")        # an empty box: '-' is typed
        await settle(pilot)
        assert lam.value == "-2" and screen.trace.params["lam"] == -2.0


async def test_list_plot_reset_back_and_every_demo_draws(exams):
    app = make_app(exams, None, ("demos",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.demo.name == "vanishing" and app.focused is screen.query_one("#demo-list")
        for name in ("symmetry", "batch-vs-minibatch", "lr-drop", "adam", "label-smoothing", "dropout",
                     "nullspace", "cross-entropy"):
            await pilot.press("down")
            await settle(pilot)
            assert screen.demo.name == name and screen.trace is not None and screen.error is None, name
            assert screen.query_one("#demo-plot").current is not None
            assert screen.query_one("#param-" + screen.demo.params[0].name)
        await pilot.press("escape")                     # leave nothing: back is escape on the list
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_plot_cycles_defaults_restore_and_parts_open(exams):
    app = make_app(exams, None, ("demo", "adam", {"beta1": 0.5}))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.trace.factor_beta1[0] == pytest.approx(2.0)
        assert screen.query_one("#param-beta1", Input).value == "0.5"
        screen.query_one("#demo-view").focus()
        titles = []
        for _ in range(3):
            titles.append(screen.query_one("#demo-plot").current.title)
            await pilot.press("p")
        assert len(set(titles)) == 3
        await pilot.press("r")
        await settle(pilot)
        assert screen.trace.factor_beta1[0] == pytest.approx(10.0)
        assert screen.query_one("#param-beta1", Input).value == "0.9"
        await pilot.press("o")                          # practise 4g
        await settle(pilot)
        assert type(app.screen).__name__ == "PracticeScreen" and app.screen.part_id == "4g"


async def test_from_part_1c_d_opens_vanishing_and_o_comes_back(exams):
    app = make_app(exams, None, ("practice", "1c"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "d")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DemosScreen" and screen.demo.name == "vanishing"
        assert screen.trace.ratio_first_last < 1e-6
        screen.query_one("#demo-view").focus()
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "PracticeScreen" and app.screen.part_id == "1c"
        assert len(app.screen_stack) == 2               # back to the same practice screen


async def test_unknown_demo_falls_back_to_the_first_with_a_notice(exams):
    app = make_app(exams, None, ("demo", "nope"))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.demo.name == "vanishing"
        assert any("unknown demo 'nope'" in text for text in toast_texts(app))


async def test_survives_every_terminal_size(exams):
    app = make_app(exams, None, ("demo", "lr-drop"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for size in [(40, 12), (64, 20), (80, 24), (160, 50), (250, 80), (40, 12)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen.size == size
        await pilot.press("m")                          # the list shows on a narrow screen
        await pilot.pause()
        assert app.screen.query_one("#demo-list").region.width > 0


def test_plotext_and_numpy_wait_for_the_demos_screen():
    code = ("import sys, tutor.ui.app, tutor.ui.screens.home; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'plotext', 'textual_plotext'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_o_returns_to_the_part_we_came_from(exams):
    app = make_app(exams, None, ("practice", "4c"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "d")
        await settle(pilot)
        assert app.screen.demo.name == "cross-entropy"
        app.screen.query_one("#demo-view").focus()
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.part_id == "4c" and len(app.screen_stack) == 2


async def test_palette_offers_the_demo_commands(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "init = he":
            await pilot.press({" ": "space", "=": "equals_sign"}.get(ch, ch))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.params["init"] == "he" and screen.query_one("#param-init", Select).value == "he"
        assert screen.trace.params["init"] == "he"


async def test_help_on_the_demos_screen_lists_the_parameter_keys(exams):
    from tutor.ui.screens.help import HelpScreen

    app = make_app(exams, None, ("demo", "adam", {}))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(app.screen.text().split())
        assert "+ / - Step Step the focused parameter" in shown and "enter Apply" in shown
        assert shown.index("esc Keys") < shown.index("+ / - Step") < shown.index("p Plot")
