"""Help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = (
    ("ctrl+p", "Command palette: go to any part, screen, demo or theme"),
    ("tab / shift+tab", "Move between inputs, lists and buttons"),
    ("mouse", "Click parts, options and buttons; scroll with the wheel"),
)


def _bindings(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(key, description, detail) for the bindings the screen and the app declare, with the
    keys of its widgets that the screen lists in `HELP_KEYS`."""
    app = screen.app
    rows: list[tuple[str, str, str]] = []
    for owner in (screen, app):
        for bindings in BindingsMap(type(owner).BINDINGS).key_to_bindings.values():
            for b in bindings:
                if not b.description:
                    continue
                key = b.key_display or app.get_key_display(b)
                rows.append((key, b.description, b.tooltip or ""))
    # keys the screen's widgets handle, right after escape (the first row: it leaves a box)
    rows[1:1] = list(getattr(screen, "HELP_KEYS", ()))
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
        """Two key tables (this screen's keys, then keys that work everywhere) in a box."""
        target = self.target or self.app.screen
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            yield Static(f"Keys on this screen ({_screen_name(target)})", markup=False, classes="help-heading")
            with Grid(classes="help-keys -with-names"):
                for key, name, detail in _bindings(target):
                    yield Static(key, markup=False, classes="help-key")
                    yield Static(name, markup=False, classes="help-name")
                    yield Static(detail, markup=False, classes="help-detail")
            yield Static("Everywhere", classes="help-heading")
            with Grid(classes="help-keys"):
                for key, detail in GENERAL:
                    yield Static(key, markup=False, classes="help-key")
                    yield Static(detail, markup=False, classes="help-detail")
            yield Static("escape, q or ? closes this help.", classes="help-foot")

    def text(self) -> str:
        """Everything the help shows, row by row, as plain text."""
        lines, row = [], []
        for widget in self.query_one("#help-box").query(Static):
            row.append(str(widget.visual))
            if not widget.has_class("help-key", "help-name"):
                lines.append("  ".join(row))
                row = []
        return "\n".join(lines)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def _screen_name(screen: Screen[Any]) -> str:
    """The screen's title as the header shows it ("Mock results", "Practice · 4a")."""
    name = type(screen).__name__.removesuffix("Screen")
    return getattr(screen, "HELP_NAME", None) or screen.sub_title or screen.title or name
