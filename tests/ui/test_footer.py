"""The footer: one widget drawing the screen's keys as Textual's footer does, which a click
presses, the mouse highlights, and a narrow terminal compacts."""

from __future__ import annotations

from dataclasses import replace

from tests.ui.ui_pilot import footer_keys, settle
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.tutor_footer import DIVIDER, TutorFooter


def _line(footer: TutorFooter) -> str:
    return footer.render().plain


def _column_of(footer: TutorFooter, action: str) -> int:
    """A column where the footer draws the key for `action`."""
    footer.render()
    return next(x for x in range(footer.size.width) if (item := footer.item_at(x)) and item.action == action)


async def test_the_line_reads_as_textual_footer_wrote_it(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        line = _line(app.screen.query_one(TutorFooter))
        assert line.startswith(" p Practice  ? Help ") and line.endswith(f"{DIVIDER}^p palette ")
        assert len(line) == 100
        await pilot.resize_terminal(80, 24)            # compact, and no palette key
        await settle(pilot)
        line = _line(app.screen.query_one(TutorFooter))
        assert line.startswith("p Practice ? Help ") and "palette" not in line and len(line) == 80


async def test_a_click_presses_the_key(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(TutorFooter)
        await pilot.click(TutorFooter, offset=(_column_of(footer, "practice"), 0))
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)


async def test_a_click_on_a_dimmed_key_rings_the_bell_and_does_nothing(app_for, exam, monkeypatch):
    plain = next(p.id for p in exam.parts if not p.demo)
    app = app_for(start=("practice", plain))
    rung: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(True))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not footer_keys(app)["demo"].enabled
        footer = app.screen.query_one(TutorFooter)
        screen = app.screen
        await pilot.click(TutorFooter, offset=(_column_of(footer, "demo"), 0))
        await settle(pilot)
        assert rung and app.screen is screen


async def test_the_key_under_the_mouse_is_highlighted_with_its_tooltip(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(TutorFooter)
        plain = footer.render()
        x = _column_of(footer, "command_palette")
        await pilot.hover(TutorFooter, offset=(x, 0))
        await settle(pilot)
        assert footer.has_class("-over-key") and footer.tooltip
        hovered = footer.render()
        assert hovered.plain == plain.plain
        assert hovered.get_style_at_offset(app.console, x) != plain.get_style_at_offset(app.console, x)
        await pilot.hover(None, offset=(50, 10))   # away from the footer
        await settle(pilot)
        assert not footer.has_class("-over-key") and footer.tooltip is None


async def test_a_key_that_does_not_fit_is_cut_off_and_the_palette_keeps_the_end(app_for):
    app = app_for(start=("practice", "1c"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        footer = app.screen.query_one(TutorFooter)
        more = tuple(replace(item, description=f"{item.description} again") for item in footer.items[:-1])
        footer.items = footer.items[:-1] + more + footer.items[-1:]  # twice as many keys
        line = _line(footer)
        assert len(line) == 100 and line.endswith(f"{DIVIDER}^p palette ")
        keys = [item for item in footer.items if not item.palette]
        assert footer.whole(keys[0]) and not footer.whole(keys[-1])
        assert footer.whole(footer.items[-1])
