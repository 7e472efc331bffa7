"""Work a screen does once, not twice: a new screen is laid out once at its size and its first
frame has its breakpoint styles and its footer keys; in a browser nothing blinks or glides
(every frame is a websocket message a class's server pays for in every tab)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input

from tests.ui.ui_pilot import on_frames, settle
from tutor.ui.app import TutorApp
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.tutor_footer import TutorFooter


def _spy_layouts(monkeypatch) -> list[tuple[str, object]]:
    """Every full layout (one given a size) of any screen, by screen class."""
    calls: list[tuple[str, object]] = []
    layout = Screen._refresh_layout

    def spy(self, size=None, scroll=False):
        if size is not None:
            calls.append((type(self).__name__, size))
        return layout(self, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", spy)
    return calls


async def test_a_new_screen_is_laid_out_once_at_its_size(app_for, monkeypatch):
    calls = _spy_layouts(monkeypatch)
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        calls.clear()
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        # Textual lays a new screen out again when its first layout reports the size it was
        # laid out at (and repaints all of it); the home screen below is not laid out again
        assert calls == [("PracticeScreen", app.size)]


async def test_a_resized_terminal_still_lays_the_screen_out_and_moves_its_breakpoint(app_for, monkeypatch):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-normal") and not screen.has_class("-wide")
        calls = _spy_layouts(monkeypatch)
        await pilot.resize_terminal(120, 32)
        await settle(pilot)
        assert ("PracticeScreen", app.size) in calls and app.size.width == 120
        assert screen.has_class("-wide") and not screen.has_class("-normal")
        assert screen.query_one("#part-view").region.right <= 120


async def test_breakpoint_classes_are_in_place_before_the_first_frame(app_for, monkeypatch):
    seen: list[set[str]] = []
    app = app_for()
    on_frames(app, monkeypatch, PracticeScreen, lambda screen, _: seen.append(set(screen.classes)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
    assert seen and "-normal" in seen[0]       # 80 columns: the normal layout from the first frame


async def test_practice_opens_with_the_box_keys_in_its_first_footer(app_for, monkeypatch):
    app = app_for()
    first: list[set[tuple[str, str]]] = []
    on_frames(app, monkeypatch, PracticeScreen,
              lambda screen, _: first.append({(item.key, item.action) for item in screen.query_one(TutorFooter).items}))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.screen._in_input()
    # the first frame already says "esc Keys" (focus is in a box) and offers the in-box keys
    assert ("escape", "leave_input") in first[0] and ("f2", "hint") in first[0], first


async def test_a_browser_tab_has_a_steady_cursor_and_no_animation(app_for, monkeypatch):
    monkeypatch.setattr(TutorApp, "is_web", property(lambda self: True))
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.animation_level == "none"
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is False


async def test_a_terminal_keeps_its_blinking_cursor_and_animation(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.animation_level == "full"
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is True


async def test_a_verdict_below_the_fold_is_scrolled_into_view_at_once(app_for, monkeypatch):
    # the scroll is asked for as soon as the verdict is laid out (not a frame later): it must
    # still use the verdict's new place, in a browser (jumps) and in a terminal (glides)
    for web in (True, False):
        monkeypatch.setattr(TutorApp, "is_web", property(lambda self, web=web: web))
        app = app_for(start=("practice", "4a"))
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            for key in "-ln(0.3)":
                await pilot.press(key)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(0.5)    # a terminal's glide ends
            panel = app.screen.query_one("#feedback-loss")
            view = app.screen.query_one("#part-view")
            assert panel.verdict == "correct"
            assert view.scroll_y > 0 and view.region.contains_region(panel.region), web


async def test_opening_practice_restyles_nothing_it_has_just_styled(app_for, monkeypatch):
    from textual.css.stylesheet import Stylesheet

    restyled: list[list[str]] = []
    update_nodes = Stylesheet.update_nodes

    def spy(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append([type(n).__name__ for n in nodes])
        return update_nodes(self, nodes, animate)

    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Stylesheet, "update_nodes", spy)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
    # a screen's first style is the one it mounted with: no restyle of the whole screen as it
    # comes to the front, nor of every screen for its stylesheet, nor of each footer key
    assert not [nodes for nodes in restyled if len(nodes) > 3], restyled
    assert not [nodes for nodes in restyled if "TutorFooter" in nodes], restyled


async def test_a_second_app_in_the_process_parses_no_css_the_first_parsed(exam, tmp_path, monkeypatch):
    import textual.css.stylesheet as stylesheet_module

    from tutor.study import open_store
    from tutor.ui.app import make_app

    async def open_practice(folder: str, theme: str | None = None) -> tuple[object, object]:
        store = open_store(tmp_path / folder)
        if theme:
            store.set_setting("theme", theme)
        app = make_app([exam], store)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            colours = (app.screen.query_one("#parts").styles.border_top[1],
                       app.screen.query_one("#part-view").styles.background)
        store.close()
        return colours

    first = await open_practice("one")
    parsed: list[str] = []
    parse = stylesheet_module.parse

    def counted(scope, css, read_from, *args, **kwargs):
        parsed.append(str(read_from))
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    assert await open_practice("two") == first
    assert parsed == []                       # every source came from the first app's parse
    other = await open_practice("three", theme="nord")
    assert other != first                     # another theme: its own rules, its own colours


async def test_opening_practice_leaves_the_garbage_collector_nearly_idle(app_for):
    import gc

    passes: list[int] = []

    def count(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        gc.collect()
        gc.callbacks.append(count)
        try:
            await pilot.press("p")
            await settle(pilot)
        finally:
            gc.callbacks.remove(count)
        assert isinstance(app.screen, PracticeScreen)
    # at Python's default threshold it was about 100 young passes and 4 middle ones
    assert len(passes) <= 3, passes
