"""A one-line status message above the footer: says why a key did nothing, without covering
the part the way a toast does."""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Static


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
        self._timer: Timer | None = None
        self.message = ""

    def say(self, text: str, seconds: float = 4.0) -> None:
        """Show `text` for `seconds`."""
        if self._timer is not None:
            self._timer.stop()
        self.message = text
        self.update(text)
        self.add_class("-shown")
        self._timer = self.set_timer(seconds, self.clear)

    def clear(self) -> None:
        """Hide the message."""
        self.message = ""
        self.remove_class("-shown")
        self.update("")
