"""SteadyStatic: a redraw that fits its lines skips the screen layout; one that needs more grows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tutor.ui.widgets.steady_static import SteadyStatic


class _Host(App):
    CSS = "SteadyStatic { width: 20; height: auto; }"

    def compose(self) -> ComposeResult:
        yield SteadyStatic("one\ntwo", id="steady")
        yield Static("below", id="below")


def _count_layouts(widget) -> list[int]:
    """Count the widget's requests for a screen layout (`refresh(layout=True)`, public API)."""
    calls = [0]
    original = widget.refresh

    def counted(*args, **kwargs):
        calls[0] += bool(kwargs.get("layout"))
        return original(*args, **kwargs)

    widget.refresh = counted
    return calls


async def test_fitting_update_repaints_without_layout_and_growing_update_lays_out():
    app = _Host()
    async with app.run_test(size=(40, 10)) as pilot:
        steady = app.query_one("#steady", SteadyStatic)
        below = app.query_one("#below")
        await pilot.pause()
        assert steady.size.height == 2 and below.region.y == 2
        layouts = _count_layouts(steady)

        steady.update("uno\ndos")  # same height: repaint only
        await pilot.pause()
        assert layouts[0] == 0
        assert "uno" in str(steady.render()) and steady.size.height == 2

        steady.update("a long line that must wrap at twenty cells")  # three lines at width 20
        await pilot.pause()
        assert layouts[0] >= 1
        assert steady.size.height == 3 and below.region.y == 3

        steady.update("short")  # fewer lines: painted into the old height until the next layout
        await pilot.pause()
        assert steady.size.height == 3 and "short" in str(steady.render())

        steady.update("forced", layout=True)  # an explicit layout still shrinks it
        await pilot.pause()
        assert steady.size.height == 1 and below.region.y == 1
