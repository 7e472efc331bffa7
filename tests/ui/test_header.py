"""The header: one widget with the screen's title in its first frame; its icon opens the
command palette, a click elsewhere makes it tall, and it follows the title as it changes."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.ui.ui_pilot import on_frames, settle
from tutor.ui.screens.home import HomeScreen
from tutor.ui.widgets.tutor_header import ICON, ICON_WIDTH, TutorHeader


async def test_the_title_is_in_the_first_frame_centred(app_for, monkeypatch):
    app = app_for()
    first: list[str] = []
    on_frames(app, monkeypatch, HomeScreen, lambda screen, _: first.append(screen.query_one(TutorHeader).render().plain))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(TutorHeader)
        assert not header.children
    line = first[0]
    assert line.startswith(f" {ICON}") and len(line) == 100
    title = f"{app.title} — Home"
    start = line.index(title)
    # centred between the icon's 8 cells and the clock's 10, as Textual's header places it
    assert start == ICON_WIDTH + (100 - ICON_WIDTH - 10 - len(title)) // 2


async def test_it_follows_the_screen_sub_title_and_cuts_a_long_one(app_for):
    app = app_for()
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(TutorHeader)
        app.screen.sub_title = "A much longer sub-title than fits here"
        await settle(pilot)
        line = header.render().plain
        assert len(line) == 40 and "…" in line and "A much" in line


async def test_the_icon_opens_the_palette_and_elsewhere_a_click_makes_it_tall(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(TutorHeader)
        await pilot.click(TutorHeader, offset=(50, 0))
        await settle(pilot)
        assert header.has_class("-tall") and header.size.height == 3
        assert [bool(row.strip()) for row in header.render().plain.split("\n")] == [False, True, False]
        await pilot.hover(TutorHeader, offset=(1, 1))
        assert header.tooltip == "Open the command palette"
        await pilot.click(TutorHeader, offset=(1, 1))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
