"""Demo plots and parameters as a learner sees them: legends readable without colour and
clear of the data, parameters that do not apply greyed out, errors that clear."""

from __future__ import annotations

import re
import unicodedata

import pytest
from textual.widgets import Input, Label

from tests.ui.ui_pilot import settle, until
from tutor.model import load_exams
from tutor.ui.app import make_app
from tutor.ui.widgets.demo_plot import DemoPlot


@pytest.fixture(scope="module")
def exams():
    return load_exams()


def _canvas(plot: DemoPlot) -> list[str]:
    """The plot's canvas rows (inside the axes' frame), colour codes removed."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", plot.plt.build())
    rows = []
    for line in text.split("\n"):
        m = re.match(r"^[^┤│└┌]*[┤│](.*)[│]\s*$", line)
        if m and "└" not in line and "┌" not in line:
            rows.append(m.group(1))
    return rows


def _legend_is_clear(plot: DemoPlot) -> None:
    labels = [s.label for s in plot.current.series if s.label]
    rows = _canvas(plot)
    width = 5 + max(len(label) for label in labels)
    for row, label in zip(rows, reversed(labels)):
        at = row.index(label)
        assert row[at + len(label):width].strip() == "", (row, label)   # nothing drawn beside it


async def test_adam_moments_legend_sits_clear_of_the_data_without_combining_marks(exams):
    for size in ((80, 24), (100, 32)):
        app = make_app(exams, None, ("demo", "adam"))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            app.screen.action_next_plot()
            await settle(pilot)
            plot = app.screen.query_one(DemoPlot)
            assert plot.current.title.startswith("First moment")
            for series in plot.current.series:
                assert not any(unicodedata.combining(ch) for ch in series.label), series.label
            _legend_is_clear(plot)


async def test_each_series_has_its_own_marker_in_colour_too(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        plot = app.screen.query_one(DemoPlot)
        rows = _canvas(plot)
        legend = [row.strip() for row in rows[:2]]
        markers = {entry.split(" ")[0] for entry in legend}
        assert len(markers) == 2, legend                     # e.g. ⢕⢕ and ••: not the same glyph twice


async def test_a_parameter_error_clears_when_a_valid_value_is_retyped(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#param-seed", Input)
        box.focus()
        await pilot.press("backspace")                       # "0" → "": an error
        await settle(pilot)
        status = app.screen.query_one("#demo-status")
        assert "got ''" in str(status.render())
        await pilot.press("0")                               # the same valid value as before
        await until(pilot, lambda: "got" not in str(status.render()), "the error to clear")
        await settle(pilot)
        assert "got" not in str(status.render()) and "‖∂L/∂h₁‖" in str(status.render())
        assert not box.has_class("-invalid")


async def test_parameters_that_do_not_apply_are_greyed_out(exams):
    app = make_app(exams, None, ("demo", "vanishing"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.params["init"] == "small"
        assert screen.query_one("#param-variance").disabled and not screen.query_one("#param-scale").disabled
        assert screen.query_one("#label-variance", Label).has_class("-inapplicable")
        screen.query_one("#param-init").value = "custom"
        await settle(pilot)
        assert not screen.query_one("#param-variance").disabled and screen.query_one("#param-scale").disabled


async def test_xavier_relu_gradient_plot_keeps_its_axis_titles(exams):
    for size in ((60, 20), (80, 24), (100, 32), (120, 40)):
        app = make_app(exams, None, ("demo", "vanishing"))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for name, value in (("init", "xavier"), ("activation", "relu")):
                app.screen.query_one(f"#param-{name}").value = value
                await settle(pilot)
            plot = app.screen.query_one(DemoPlot)
            text = re.sub(r"\x1b\[[0-9;]*m", "", plot.plt.build())
            last = [line for line in text.split("\n") if line.strip()][-1]
            assert last.split()[:2] == ["norm", "layer"], (size, last)


@pytest.mark.parametrize(("depth", "width", "size"), [(30, 64, (96, 24)), (20, 256, (96, 24)), (50, 256, (56, 14))])
async def test_a_log_axis_tick_below_the_data_neither_takes_the_axis_title_nor_sits_on_the_axis(depth, width, size):
    # Xavier+ReLU in a deep net: the gradients end between two decades, and the decade under
    # the data used to be drawn below the canvas, on the x axis or in place of the y title
    from textual.app import App

    from tutor.demos import vanishing

    class Host(App[None]):
        CSS = "DemoPlot { height: 1fr; }"

        def compose(self):
            yield DemoPlot()

    trace = vanishing.run(activation="relu", init="xavier", depth=depth, width=width)
    for plot in trace.plots():
        app = Host()
        async with app.run_test(size=size) as pilot:
            widget = app.query_one(DemoPlot)
            await pilot.pause()
            widget.show(plot)
            await pilot.pause()
            lines = [line for line in widget.render().plain.split("\n") if line.strip()]
            assert lines[-1].split()[:2] == [plot.ylabel, plot.xlabel], lines[-1]
            axis = next(line for line in lines if "└" in line)
            assert not axis.split("└")[0].strip(), axis        # no tick label on the x axis's row
            low = next(line for line in reversed(lines) if "┤" in line)
            assert lines.index(low) < lines.index(axis)         # the lowest tick is on the canvas
