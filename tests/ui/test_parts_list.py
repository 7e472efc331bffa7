"""The parts list draws again only what changed: a part's new mark redraws its own line, and
its options are drawn again when the list's width changes, not when its first layout reports
the width they were just drawn at."""

from __future__ import annotations

from contextlib import asynccontextmanager

from tests.ui.ui_pilot import settle
from tutor.ui.widgets.parts_list import PartsList


def _drawn(parts: PartsList) -> dict[str, int]:
    """Each drawn option (by id) and the identity of its drawing, highlighted or not."""
    return {key[0].id: id(parts._option_render_cache.get(key)) for key in parts._option_render_cache.keys()}  # noqa: SIM118


def _line_text(parts: PartsList, part_id: str) -> str:
    """The text on screen of a part's line in the list."""
    line = parts._index_to_line[parts.get_option_index(part_id)]
    return parts.render_line(line - int(parts.scroll_offset.y)).text


@asynccontextmanager
async def _practice_list(app_for):
    """Practice open at 1a (100×32, settled): the pilot and the parts list."""
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        yield pilot, app.screen.query_one(PartsList)


async def test_a_new_mark_redraws_that_part_alone_and_a_draft_mark_shows(app_for):
    async with _practice_list(app_for) as (pilot, parts):
        before = _drawn(parts)
        assert "1b" in before and "·" in _line_text(parts, "1b")
        parts.set_status({**parts.status, "1b": "right"})
        await settle(pilot)
        after = _drawn(parts)
        assert "✓ 1b" in _line_text(parts, "1b")
        assert after["1b"] != before["1b"]
        kept = [pid for pid in before if pid != "1b"]
        assert kept and all(after.get(pid) == before[pid] for pid in kept)   # not drawn again
        parts.set_status(parts.status, drafted={"2a"})       # an answer typed in 2a, not checked
        await settle(pilot)
        assert "✎" in _line_text(parts, "2a") and "✓ 1b" in _line_text(parts, "1b")


async def test_options_are_drawn_again_at_a_new_width_only(app_for):
    async with _practice_list(app_for) as (pilot, parts):
        before = _drawn(parts)
        await pilot.resize_terminal(100, 40)          # taller, same width: nothing to redraw
        await settle(pilot)
        assert {pid: ref for pid, ref in _drawn(parts).items() if pid in before} == before
        width = parts.scrollable_content_region.width
        await pilot.resize_terminal(120, 40)          # wide: the list widens
        await settle(pilot)
        assert parts.scrollable_content_region.width > width
        lines = [parts.render_line(y) for y in range(parts.size.height)]
        assert all(strip.cell_length == parts.scrollable_content_region.width for strip in lines)
        assert all(ref != before.get(pid) for pid, ref in _drawn(parts).items())
