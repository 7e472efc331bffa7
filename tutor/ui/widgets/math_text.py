"""Prose with `$…$` math, shown as readable Unicode or, on request, as the raw LaTeX."""

from __future__ import annotations

from functools import lru_cache

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
        self.source = source.strip("\n")
        # rendered before mounting: an update after mount would cost the screen another layout
        super().__init__(rendered(self.source, raw), markup=False, id=id, classes=classes)
        self.set_reactive(MathText.raw, raw)

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
        self.update(rendered(self.source, self.raw))


@lru_cache(maxsize=1024)
def rendered(source: str, raw: bool) -> Content | str:
    """What a MathText shows for `source` (stripped of outer newlines): the text with its math
    as Unicode and its Markdown styled, or the raw LaTeX. Cached: moving between parts shows
    the same prompts again and again."""
    text = unwrap(source)
    if raw:
        return text
    text = render_text(text)
    # Markdown emphasis and inline code in the prose: styled, their marks removed
    spans = markdown_spans(text)
    if len(spans) == 1 and not spans[0][0]:
        return text
    return Content.assemble(*[(piece, _STYLES[style]) if style else piece for style, piece in spans])
