"""The parts of the exam grouped by problem, each with its status mark."""

from __future__ import annotations

from typing import Any

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
            self.replace_option_prompt(part.id, self._prompt(part))

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
