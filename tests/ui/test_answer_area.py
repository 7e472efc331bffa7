"""The written-answer box survives being drawn once more after it was removed (a screen's
timer can paint the last frame's widgets after one of them left the DOM)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from tutor.ui.widgets.text_field import AnswerArea


class _OneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield AnswerArea("an answer", id="box")


async def test_a_removed_answer_box_draws_blank_instead_of_crashing():
    app = _OneBox()
    async with app.run_test(size=(40, 8)) as pilot:
        box = app.query_one("#box", AnswerArea)
        await pilot.pause()
        drawn = box.render_lines(Region(0, 0, 20, 2))
        assert "an answer" in "".join(strip.text for strip in drawn)
        await box.remove()
        late = box.render_lines(Region(0, 0, 20, 2))   # raised KeyError: its component styles are gone
        assert [strip.text.strip() for strip in late] == ["", ""]
