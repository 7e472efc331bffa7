"""The footer every screen uses: on narrow terminals compact and without the palette hint,
so the screen's own keys fit."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

COMPACT_BELOW = 100  # columns


class TutorFooter(Footer):
    """Textual's footer; below `COMPACT_BELOW` columns it is compact and leaves out the
    "^p palette" hint (help lists ctrl+p, and the header's icon opens the palette)."""

    def compose(self) -> ComposeResult:
        """The keys, styled for the terminal's width now (it may have changed while the
        screen was hidden)."""
        self._fit(self.app.size.width)
        yield from super().compose()

    def on_resize(self, event: events.Resize) -> None:
        """Compact when narrow, roomy when wide."""
        if self._fit(event.size.width):
            self.refresh(recompose=True)

    def _fit(self, width: int) -> bool:
        """Set the style for `width`; True when the palette hint comes or goes."""
        narrow = width < COMPACT_BELOW
        self.compact = narrow
        if self.show_command_palette != narrow:
            return False
        self.set_reactive(Footer.show_command_palette, not narrow)
        return True
