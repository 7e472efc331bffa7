"""What every answer-field widget shares: its field, a label, a submit message, feedback."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tutor.mathtext import render_text
from tutor.ui.widgets.feedback import FeedbackPanel

KIND_NAMES = {
    "number": "number", "formula": "formula", "shape": "shape", "choice": "choice",
    "graph": "graph edges", "text": "explanation",
}


def points_text(points: float) -> str:
    """`3 pts`, `1 pt`, `2.5 pts`."""
    return f"{points:g} pt" + ("" if points == 1 else "s")


class FieldWidget(Vertical):
    """Base for one answer field: subclasses add the input and implement `value`."""

    # The inputs look the same on every screen that asks for answers (practice, review, mock).
    DEFAULT_CSS = """
    FieldWidget { height: auto; margin-bottom: 1; }
    FieldWidget .field-label { color: $text-muted; }
    FieldWidget .preview { color: $text-muted; height: auto; padding-left: 1; }
    FieldWidget .preview.-error { color: $text-error; }
    FieldWidget .counter { color: $text-muted; padding-left: 1; }
    FieldWidget .counter.-over { color: $text-error; text-style: bold; }
    FieldWidget .check-button { margin: 0 0 0 1; min-width: 9; }
    FieldWidget .input-row { height: auto; }
    FieldWidget .input-row Input { width: 1fr; }
    FieldWidget .input-row .check-button { margin: 1 0 0 1; }
    FieldWidget .choice-input { width: auto; max-width: 100%; }
    FieldWidget .text-input { height: 6; }
    """

    class Submitted(Message):
        """The learner asked to check this field's answer."""

        def __init__(self, widget: FieldWidget, raw: str) -> None:
            super().__init__()
            self.widget = widget
            self.raw = raw

        @property
        def field(self) -> Any:
            """The model Field being answered."""
            return self.widget.field

    class Edited(Message):
        """The answer in this field changed (typed, picked or restored).

        Tagged with the variant the field was built for: once the learner has asked for
        other numbers, a late message from the old field is recognised and dropped.
        """

        def __init__(self, widget: FieldWidget) -> None:
            super().__init__()
            self.widget = widget
            self.variant = widget.variant

    def __init__(self, field: Any, *, raw_latex: bool = False, show_label: bool = True,
                 variant: int = 0) -> None:
        super().__init__(id=f"field-{field.id}", classes=f"field -{field.kind}")
        self.field = field
        self.raw_latex = raw_latex
        self.show_label = show_label
        self.variant = variant  # the part's numbers this field asks about (0: the exam's)

    def label_widget(self, more: str = "") -> Static:
        """`Cross-entropy loss · number · 3 pts`, then `more` (a formula's symbols)."""
        name = self.field.label or self.field.id
        if not self.raw_latex:
            name = render_text(name)
        added = ("  the tutor's addition", "italic") if getattr(self.field, "addition", False) else ""
        return Static(Content.assemble(
            (name, "bold"), ("  " + f"{KIND_NAMES.get(self.field.kind, self.field.kind)}"
            f" · {points_text(self.field.points)}" + (f" · {more}" if more else ""), "dim"),
            added), classes="field-label")

    def feedback_widget(self) -> FeedbackPanel:
        """The panel results are shown in."""
        return FeedbackPanel(id=f"feedback-{self.field.id}")

    @property
    def feedback(self) -> FeedbackPanel:
        """This field's feedback panel."""
        return self.query_one(FeedbackPanel)

    def value(self) -> str:
        """The learner's answer as the engine expects it."""
        raise NotImplementedError

    def set_value(self, raw: str) -> None:
        """Put a previous answer back (when returning to a part)."""

    def input_widget(self) -> Widget:
        """The widget that takes the answer (and the focus)."""
        raise NotImplementedError

    def focus_input(self) -> None:
        """Give the input focus."""
        self.input_widget().focus()

    def submit(self) -> None:
        """Ask the screen to check the current answer."""
        self.post_message(self.Submitted(self, self.value()))

    def show_result(self, result: Any, attempt_id: int | None = None) -> None:
        """Display a check result."""
        self.feedback.show_result(result, raw_latex=self.raw_latex)

    def show_invalid(self, result: Any) -> None:
        """Input the engine could not read: shown inline, not counted."""
        self.feedback.show_result(result, raw_latex=self.raw_latex)
