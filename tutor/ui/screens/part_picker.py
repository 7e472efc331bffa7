"""A small list of exam parts to choose from (a demo linked by parts of several exams)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class PartPicker(ModalScreen[tuple[str, str] | None]):
    """Pick one (exam, part); dismisses with (exam id, part id), or None on escape."""

    DEFAULT_CSS = """
    PartPicker { align: center middle; }
    PartPicker > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 80%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PartPicker OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Back", id="part-picker.cancel")]

    def __init__(self, what: str, links: list[tuple[Any, Any]]) -> None:
        super().__init__()
        self.what = what
        self.links = links

    def compose(self) -> ComposeResult:
        """A title line and one option per part."""
        with Vertical():
            yield Static(f"Exam parts that link {self.what}:", markup=False)
            yield OptionList(*[Option(f"{exam.id}: {part.id}  ({exam.title})", id=f"{exam.id}\t{part.id}")
                               for exam, part in self.links], id="part-picker")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen part."""
        exam_id, _, part_id = str(event.option.id).partition("\t")
        self.dismiss((exam_id, part_id))

    def action_cancel(self) -> None:
        """Back to the demo."""
        self.dismiss(None)
