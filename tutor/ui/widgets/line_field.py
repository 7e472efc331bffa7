"""Single-line answers (number, formula, shape, graph): an Input with a live preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from tutor.ui.widgets.field_base import FieldWidget
from tutor.ui.widgets.latest_only import LatestOnly

if TYPE_CHECKING:
    from tutor.engine import Preview

PLACEHOLDERS = {
    "number": "a number or expression, e.g. 2*log(5)",
    "formula": "@ matrix, * elementwise, ^T",
    "shape": "e.g. m x n, or n for a vector",
    "graph": "edges, e.g. a, b -> c; c -> d",
}


def placeholder_for(field: Any) -> str:
    """The grey hint inside an empty input: what to type, never the answer. Short enough to
    show whole in the input at 60 columns; a formula's symbols are listed above the input."""
    return PLACEHOLDERS.get(field.kind, "")


def symbols_for(field: Any) -> str:
    """The names a formula may use, as a line shown with the field ("" for other kinds)."""
    symbols = field.symbols if field.kind == "formula" else None
    if symbols is None:
        return ""
    names = list(symbols.vars) + [name for name, _ in symbols.define]
    return f"in {', '.join(names)}" if names else ""


class LineField(FieldWidget):
    """An Input; Enter checks it; the engine's reading of it is previewed as you type."""

    def compose(self) -> ComposeResult:
        """Label, input + check button, preview line, feedback."""
        symbols = symbols_for(self.field)
        if self.show_label:
            yield self.label_widget(symbols)
        elif symbols:
            yield Static(symbols, markup=False, classes="field-label")
        with Horizontal(classes="input-row"):
            yield Input(placeholder=placeholder_for(self.field), id=f"input-{self.field.id}",
                        select_on_focus=False)
            yield Button("Check", id=f"check-{self.field.id}", compact=True,
                         classes="check-button")
        preview = Static("", markup=False, classes="preview", id=f"preview-{self.field.id}")
        preview.display = False
        yield preview
        yield self.feedback_widget()

    @property
    def input(self) -> Input:
        """The text input."""
        return self.query_one(Input)

    def value(self) -> str:
        """The typed answer."""
        return self.input.value

    def set_value(self, raw: str) -> None:
        """Restore a draft, the cursor at its end."""
        self.input.value = raw
        self.input.cursor_position = len(raw)

    def input_widget(self) -> Widget:
        """The input."""
        return self.input

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, ".check-button")
    def _check_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self))
        if not event.value.strip():
            self.previewer.cancel()
            self._show_preview(None)
            return
        self.previewer.request(event.value)

    @property
    def previewer(self) -> LatestOnly[str, Preview | Exception]:
        """The live preview: the latest text only, one worker at a time."""
        if getattr(self, "_previewer", None) is None:
            self._previewer: LatestOnly[str, Preview | Exception] = LatestOnly(
                self, self._read, lambda raw, result: self._show_preview(result) if raw == self.value() else None,
                "preview", failed=lambda exc: exc)
        return self._previewer

    def _read(self, raw: str) -> Preview | Exception:
        """Worker: the engine's reading of `raw` (a failure is shown as the exception)."""
        from tutor.engine import preview

        return preview(self.field, raw)

    def show_result(self, result: Any, attempt_id: int | None = None) -> None:
        """Show the verdict; the preview line gives way to the feedback's own reading."""
        self._checked = self.value()
        self._show_preview(None)
        super().show_result(result, attempt_id)

    def show_invalid(self, result: Any) -> None:
        """Input the engine could not read: the feedback says why, so the preview line (which
        said the same while typing) gives way to it."""
        self._checked = self.value()
        self._show_preview(None)
        super().show_invalid(result)

    def _show_preview(self, result: Any) -> None:
        line = self.query_one(".preview", Static)
        if result is not None and getattr(self, "_checked", None) == self.value():
            return      # a late preview of the answer whose feedback is already shown
        if result is None:
            line.update("")
            line.set_class(False, "-error")
            line.display = False
        elif isinstance(result, Exception):
            line.display = True
            line.update(f"⚠ preview unavailable: {result}")
            line.set_class(True, "-error")
        else:
            ok = bool(result.ok)
            line.display = bool(result.text)
            line.update(("↳ " if ok else "⚠ ") + str(result.text))
            line.set_class(not ok, "-error")
