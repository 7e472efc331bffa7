"""Choice answers: a RadioSet for one option, a SelectionList when several may be right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, RadioButton, RadioSet, SelectionList

from tutor.mathtext import render_text
from tutor.ui.widgets.field_base import FieldWidget


class ChoiceField(FieldWidget):
    """Pick an option (or several); ctrl+s or the Check button checks it."""

    def compose(self) -> ComposeResult:
        """Label, the options, the check button, feedback."""
        if self.show_label:
            yield self.label_widget()
        options = self.field.options
        if self.field.multiple:
            yield SelectionList[str](*[(self._label(o), o) for o in options],
                                     id=f"input-{self.field.id}", classes="choice-input")
        else:
            yield RadioSet(*[RadioButton(self._label(o), name=o) for o in options],
                           id=f"input-{self.field.id}", classes="choice-input")
        yield Button("Check", id=f"check-{self.field.id}", compact=True, classes="check-button")
        yield self.feedback_widget()

    def _label(self, option: str) -> Content:
        """An option as plain text (an option is content, never markup)."""
        return Content(option if self.raw_latex else render_text(option))

    def value(self) -> str:
        """The chosen option texts, joined with ", " (the engine's choice format)."""
        if self.field.multiple:
            chosen = set(self.query_one(SelectionList).selected)
            return ", ".join(o for o in self.field.options if o in chosen)
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name or "" if pressed is not None else ""

    def set_value(self, raw: str) -> None:
        """Restore a previous choice."""
        chosen = {part.strip() for part in raw.split(",")} if self.field.multiple else {raw}
        if self.field.multiple:
            sel = self.query_one(SelectionList)
            for option in self.field.options:
                if option in chosen:
                    sel.select(option)
        else:
            for button in self.query(RadioButton):
                if button.name in chosen:
                    button.value = True

    def input_widget(self) -> Widget:
        """The options."""
        return self.query_one(".choice-input")

    @on(Button.Pressed, ".check-button")
    def _check_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    def _picked(self, event: RadioSet.Changed | SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.post_message(self.Edited(self))
