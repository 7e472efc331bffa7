"""Hints and worked-solution steps, revealed one at a time."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tutor.mathtext import render_text


class RevealPanel(Static):
    """A numbered list that shows its items one by one (`reveal_next`)."""

    DEFAULT_CSS = """
    RevealPanel {
        height: auto;
        display: none;
        border: round $secondary;
        padding: 0 1;
        margin-top: 1;
    }
    RevealPanel.-shown { display: block; }
    RevealPanel#solution { border: round $primary; }
    RevealPanel#hints { border-title-color: $secondary; }
    """

    def __init__(self, title: str, items: tuple[str, ...], *, shown: int = 0,
                 raw_latex: bool = False, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.title = title
        self.items = tuple(items)
        self.shown = min(shown, len(self.items))
        self.raw_latex = raw_latex

    def on_mount(self) -> None:
        """Show what was already revealed (when coming back to a part)."""
        self._refresh_items()

    @property
    def remaining(self) -> int:
        """How many items are still hidden."""
        return len(self.items) - self.shown

    def reveal_next(self) -> bool:
        """Reveal one more item; False when everything is already shown."""
        if self.shown >= len(self.items):
            return False
        self.shown += 1
        self._refresh_items()
        return True

    def _refresh_items(self) -> None:
        if not self.shown:
            self.set_class(False, "-shown")
            return
        total = len(self.items)
        lines = [Content.styled(f"{self.title} {self.shown} of {total}", "bold")]
        for i, item in enumerate(self.items[: self.shown], 1):
            text = item if self.raw_latex else render_text(item)
            lines.append(Content(f"{i}. {text}"))
        if self.shown < total:
            lines.append(Content.styled(f"({total - self.shown} more)", "dim"))
        self.set_class(True, "-shown")
        self.update(Content("\n").join(lines))
