"""A one-line status message above the footer: says why a key did nothing, without covering
the part the way a toast does."""

from __future__ import annotations

from textual.widgets import Static

from tutor.ui.debounce import Debounce


class StatusLine(Static):
    """Hidden until `say` shows a message; the message goes away after a few seconds."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        display: none;
    }
    StatusLine.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.hider = Debounce(self, 4.0, self.clear, name="status-clear")
        self.message = ""

    def say(self, text: str, seconds: float = 4.0) -> None:
        """Show `text` for `seconds`."""
        self.message = text
        self.update(text)
        self.add_class("-shown")
        self.hider.poke(seconds)

    def clear(self) -> None:
        """Hide the message."""
        self.message = ""
        self.remove_class("-shown")
        self.update("")
