"""Help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = (
    ("ctrl+p", "Command palette: go to any part, screen, demo or theme"),
    ("tab / shift+tab", "Move between inputs, lists and buttons"),
    ("mouse", "Click parts, options and buttons; scroll with the wheel"),
)


def _bindings(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(key, description, detail) for the bindings the screen and the app declare."""
    app = screen.app
    rows: list[tuple[str, str, str]] = []
    for owner in (screen, app):
        for bindings in BindingsMap(type(owner).BINDINGS).key_to_bindings.values():
            for b in bindings:
                if not b.description:
                    continue
                key = b.key_display or app.get_key_display(b)
                rows.append((key, b.description, b.tooltip or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, screen: Screen[Any] | None = None) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        """The key table."""
        target = self.target or self.app.screen
        rows = _bindings(target)
        width = max([len(k) for k, _, _ in rows] + [len(k) for k, _ in GENERAL] + [6])
        lines = [Content.styled(f"Keys on this screen ({_screen_name(target)})", "bold")]
        names = max([len(text) for _, text, _ in rows] + [4])
        for key, text, detail in rows:
            lines.append(Content.assemble((key.ljust(width), "bold $accent"), "  ",
                                          (text.ljust(names), "bold"), f"  {detail}".rstrip()))
        lines.append(Content(""))
        lines.append(Content.styled("Everywhere", "bold"))
        for key, text in GENERAL:
            lines.append(Content.assemble((key.ljust(width), "bold $accent"), "  ", text))
        lines.append(Content(""))
        lines.append(Content.styled("escape, q or ? closes this help.", "dim"))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            yield Static(Content("\n").join(lines), markup=False, id="help-text")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def _screen_name(screen: Screen[Any]) -> str:
    name = type(screen).__name__.removesuffix("Screen")
    return getattr(screen, "HELP_NAME", None) or name.lower()
