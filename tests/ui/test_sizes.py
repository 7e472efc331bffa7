"""Every screen survives every terminal size from 40x12 to 250x80; 80x24 stays usable."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.ui_pilot import footer_keys, settle, type_text
from tutor.ui.widgets.tutor_footer import TutorFooter

SIZES = [(40, 12), (50, 16), (64, 20), (80, 24), (100, 32), (160, 50), (250, 80), (40, 12)]


async def _resize_through(pilot) -> None:
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert pilot.app.screen.size == (width, height)


async def test_every_screen_resizes_without_error(app_for):
    app = app_for(start=("practice", "2b"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "(f - y) @ x.T")
        await pilot.press("enter")
        await settle(pilot)
        await _resize_through(pilot)                      # practice with feedback
        await pilot.press("escape", "h", "s", "p")        # hints, solution, parts list shown
        await _resize_through(pilot)
        await pilot.press("escape", "escape", "n", "c")   # critique of 2c
        await pilot.pause()
        await _resize_through(pilot)
        await pilot.press("2")
        await _resize_through(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await _resize_through(pilot)                      # home
        await pilot.press("question_mark")
        await _resize_through(pilot)                      # help
        await pilot.press("escape", "d")
        await settle(pilot)
        await _resize_through(pilot)                      # demos (or its placeholder)


async def test_80x24_shows_the_part_and_its_input(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        box = screen.query_one(Input)
        assert screen.region.contains_region(box.region)
        title = screen.query_one("#part-title")
        assert screen.region.contains_region(title.region)
        assert screen.query_one("#parts").region.width > 0     # parts list shown at 80 columns


async def test_narrow_terminal_hides_the_parts_list_until_asked(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(50, 16)) as pilot:
        await settle(pilot)
        parts = app.screen.query_one("#parts")
        assert parts.region.width == 0
        await pilot.press("escape", "p")
        await pilot.pause()
        assert parts.region.width > 0 and app.focused is parts
        parts.highlighted = parts.get_option_index("1a")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.part_id == "1a" and parts.region.width == 0


async def test_footer_fits_part_1c_at_80_columns_and_dims_what_a_part_lacks(app_for):
    app = app_for(start=("practice", "1c"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")                        # out of the answer box: letter keys
        await pilot.pause()
        footer = app.screen.query_one(TutorFooter)
        keys = footer_keys(app)
        for action in ("back", "submit", "hint", "step", "critique", "demo", "next_part", "variant"):
            assert footer.whole(keys[action]), action                    # drawn whole, within 80 columns
            assert keys[action].enabled, action       # 1c has a demo, variants and a scan
        assert "command_palette" not in keys               # the hint makes room below 100 columns
        await app.screen.show_part("1a", focus_input=False)
        await pilot.pause()
        keys = footer_keys(app)
        dimmed = {action for action, key in keys.items() if not key.enabled}
        assert {"demo", "variant"} <= dimmed and "hint" not in dimmed
        await pilot.resize_terminal(120, 32)
        await pilot.pause()
        assert "command_palette" in footer_keys(app)
