"""A layout's sizes do not ask for another layout (`tutor.ui.layout_once`), and a frame that
both lays out and repaints the whole screen is drawn once (`TutorScreen._on_timer_update`)."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from tests.ui.ui_pilot import on_frames, settle
from tutor.ui import layout_once
from tutor.ui.screens.practice import PracticeScreen


def _spy(monkeypatch, owner, name: str) -> list[object]:
    """Record each call of `owner.name` (by the object it was called on)."""
    calls: list[object] = []
    original = getattr(owner, name)

    def spy(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return calls


async def test_the_app_installs_the_single_layout(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)):
        assert layout_once.installed()


async def test_the_sizes_a_layout_hands_a_widget_ask_for_no_second_layout(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        new = Static("a new line")
        await app.screen.query_one("#part-view").mount(new)
        await settle(pilot)
        new._layout_required = False
        # what the compositor does as it places the widget at a new size
        assert new._size_updated(Size(30, 2), Size(30, 2), Size(60, 20))
        assert new._size == Size(30, 2) and new.virtual_size == Size(30, 2)
        assert not new._layout_required       # Textual's reactive asked for the layout again
        assert not new._size_updated(Size(30, 2), Size(30, 2), Size(60, 20))   # nothing changed


async def test_a_box_whose_scrollable_size_alone_changed_is_repainted(app_for, monkeypatch):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        box = VerticalScroll(Static("one line", id="inner"), id="box")
        box.styles.height = 4
        await app.screen.query_one("#part-view").mount(box, before=0)
        await settle(pilot)
        size = box.size
        repainted = _spy(monkeypatch, Widget, "refresh")
        app.screen.query_one("#inner", Static).update("\n".join(f"line {n}" for n in range(12)))
        await settle(pilot)
        assert box.size == size and box.virtual_size.height == 12
        assert box in repainted
        assert box.show_vertical_scrollbar


async def test_a_frame_that_lays_out_and_repaints_the_screen_is_drawn_once(app_for, monkeypatch):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        frames: list[object] = []
        display = app._display
        monkeypatch.setattr(app, "_display", lambda screen, update: (frames.append(update), display(screen, update)))
        app.screen.refresh(layout=True)      # both at once, as a new screen's first moments ask
        await settle(pilot)
        assert len(frames) == 1, frames


async def test_opening_practice_draws_two_frames(app_for, monkeypatch):
    app = app_for()
    frames: list[str] = []
    on_frames(app, monkeypatch, PracticeScreen, lambda _, update: frames.append(type(update).__name__))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
    # the first frame, then one that follows the mounts' own refresh; it was four (a second
    # layout of every new widget, and the whole screen drawn twice in one instant)
    assert len(frames) == 2, frames


async def test_a_verdict_scrolled_into_view_redraws_what_moved_not_the_screen(app_for, monkeypatch):
    from textual._compositor import Compositor

    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        app.animation_level = "none"
        await settle(pilot)
        for key in "-ln(0.3)":
            await pilot.press(key)
        await settle(pilot)
        whole = _spy(monkeypatch, Compositor, "render_full_update")
        partial = _spy(monkeypatch, Compositor, "render_partial_update")
        await pilot.press("enter")
        await settle(pilot)
        panel = app.screen.query_one("#feedback-loss")
        view = app.screen.query_one("#part-view")
        assert panel.verdict == "correct"
        assert view.scroll_y > 0 and view.region.contains_region(panel.region)
        # the first scroll after the part's full layout drew the whole screen
        assert whole == [] and partial
        lines = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert "Correct" in lines
