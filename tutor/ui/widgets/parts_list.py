"""The parts of the exam grouped by problem, each with its status mark."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

MARKS = {"new": "·", "wrong": "✗", "partial": "◐", "right": "✓"}
MARK_STYLES = {"new": "dim", "wrong": "bold $text-error", "partial": "bold $text-warning",
               "right": "bold $text-success"}
MARK_NAMES = {"new": "not tried", "wrong": "wrong", "partial": "partly right", "right": "right"}


class PartsList(OptionList):
    """Problems as headings, parts under them: `✓ 4a  3p`, and `✎` where an answer is typed
    but not checked. Selecting a part opens it."""

    class PartChosen(Message):
        """The learner picked a part in the list."""

        def __init__(self, part_id: str) -> None:
            super().__init__()
            self.part_id = part_id

    def __init__(self, exam: Any, status: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.exam = exam
        self.status = dict(status)
        self.drafted: set[str] = set()

    _lines_width: int | None = None  # the width the option lines were last laid out at

    def _update_lines(self) -> None:
        if not self._line_cache.lines:
            self._lines_width = self.scrollable_content_region.width
        super()._update_lines()

    @on(events.Resize)
    def _keep_drawn_options(self, event: events.Resize) -> None:
        """Keep the drawn options when the width they were drawn at has not changed (the
        list's first layout reports the size it was just drawn at, and OptionList would draw
        every option again)."""
        if self._line_cache.lines and self.scrollable_content_region.width == self._lines_width:
            event.prevent_default()

    def on_mount(self) -> None:
        """Fill the list."""
        self.border_title = "Parts"
        options: list[Option | None] = []
        for prob in self.exam.problems:
            title = f"{prob.id} {prob.title}"   # whole: a long title wraps onto more lines
            options.append(Option(Content.styled(title, "bold"), id=f"problem-{prob.id}",
                                  disabled=True))
            for part in prob.parts:
                options.append(Option(self._prompt(part), id=part.id))
        self.add_options(options)

    def _prompt(self, part: Any) -> Content:
        state = self.status.get(part.id, "new")
        return Content.assemble((MARKS.get(state, "·"), MARK_STYLES.get(state, "")),
                                f" {part.id}", (f"  {part.points:g}p", "dim"),
                                (" ✎", "$text-warning") if part.id in self.drafted else "")

    def set_status(self, status: dict[str, str], drafted: set[str] | None = None) -> None:
        """Update the marks (and the ✎ of parts with an answer typed but not checked)."""
        status, drafted = dict(status), set(self.drafted if drafted is None else drafted)
        changed = [p for p in self.exam.parts
                   if (self.status.get(p.id), p.id in self.drafted) != (status.get(p.id), p.id in drafted)]
        self.status, self.drafted = status, drafted
        for part in changed:
            self._restate(part)

    def _restate(self, part: Any) -> None:
        """Show `part`'s new mark, redrawing its line alone when the mark keeps it on one
        line (OptionList's `replace_option_prompt` redraws every option: after each check,
        that was a fifth of the tutor's work)."""
        prompt = self._prompt(part)
        index = self.get_option_index(part.id)
        option = self.get_option_at_index(index)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        line = self._index_to_line.get(index)
        if line is None or self._heights.get(index) != 1 or not 0 < prompt.cell_length <= width:
            self.replace_option_prompt(part.id, prompt)
            return
        option._set_prompt(prompt)
        stale = [key for key in self._option_render_cache.keys() if key[0] is option]  # noqa: SIM118 - not iterable
        for key in stale:
            self._option_render_cache.discard(key)
        self.refresh_line(line)

    def select_part(self, part_id: str) -> None:
        """Highlight a part (without re-opening it)."""
        try:
            self.highlighted = self.get_option_index(part_id)
        except OptionDoesNotExist:  # unknown id: leave the highlight alone
            pass

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen part."""
        event.stop()
        if event.option.id and not event.option.id.startswith("problem-"):
            self.post_message(self.PartChosen(event.option.id))
