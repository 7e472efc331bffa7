"""Prose with `$…$` math, shown as readable Unicode or, on request, as the raw LaTeX."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tutor.mathtext import markdown_spans, render_text, unwrap

_STYLES = {"bold": "bold", "italic": "italic", "code": "bold $accent"}


class MathText(Static):
    """A paragraph whose `$…$` math renders as Unicode; `raw` shows the LaTeX source.

    Hard-wrapped source lines are joined so the terminal wraps the text to its width.
    """

    DEFAULT_CSS = """
    MathText { height: auto; }
    """

    raw: reactive[bool] = reactive(False)

    def __init__(self, source: str, *, raw: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__("", markup=False, id=id, classes=classes)
        self.source = source.strip("\n")
        self.set_reactive(MathText.raw, raw)

    def on_mount(self) -> None:
        """Render once mounted."""
        self._render_source()

    def watch_raw(self, _raw: bool) -> None:
        """Switch between rendered math and raw LaTeX."""
        self._render_source()

    def set_source(self, source: str) -> None:
        """Replace the text."""
        self.source = source.strip("\n")
        self._render_source()

    @property
    def text(self) -> str:
        """What is displayed, as plain text."""
        text = unwrap(self.source)
        return text if self.raw else render_text(text)

    def _render_source(self) -> None:
        text = self.text
        if self.raw:
            self.update(text)
            return
        # Markdown emphasis and inline code in the prose: styled, their marks removed
        spans = markdown_spans(text)
        if len(spans) == 1 and not spans[0][0]:
            self.update(text)
            return
        self.update(Content.assemble(*[(piece, _STYLES[style]) if style else piece for style, piece in spans]))
