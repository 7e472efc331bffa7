"""Help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tutor.ui.keys import is_in_box

KEY_RULE = (
    "The rule: while the cursor is in an answer box, letters type and Enter checks a one-line "
    "answer. ctrl+s checks the box you are in (exactly what it holds when you press it), and "
    "focus stays in the box. Command letters work outside a box: escape leaves it, and a goes "
    "back into it. Every command also has a key that works inside a box (a ctrl, page or "
    "function key, listed above as \"The same, from inside an answer box\"); the footer shows "
    "those keys while you type. In a list of options, Enter or space picks one."
)

GENERAL = (
    ("ctrl+p", "Command palette: go to any part, screen, demo or theme"),
    ("tab / shift+tab", "Move between inputs, lists and buttons"),
    ("mouse", "Click parts, options and buttons; scroll with the wheel"),
)


def _bindings(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(key, description, detail) for the bindings the screen and the app declare, with the
    keys of its widgets that the screen lists in `HELP_KEYS`."""
    app = screen.app
    keymap = getattr(app, "key_overrides", {})
    rows: list[tuple[str, str, str]] = []
    for owner in (screen, app):
        bindings_map = BindingsMap(type(owner).BINDINGS)
        if keymap:
            bindings_map.apply_keymap(keymap)   # keys remapped through the app's keymap
        for bindings in bindings_map.key_to_bindings.values():
            for b in bindings:
                if not b.description:
                    continue
                key = b.key_display or app.get_key_display(b)
                detail = b.tooltip or ("The same, from inside an answer box" if is_in_box(b) else "")
                rows.append((key, b.description, detail))
    # keys the screen's widgets handle, right after escape (the first row: it leaves a box)
    rows[1:1] = list(getattr(screen, "HELP_KEYS", ()))
    return rows


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", show=False, id="help.close"),
        Binding("q", "close", "Close", show=False, id="help.close-q"),
        Binding("question_mark", "close", "Close", show=False, id="help.close-question-mark"),
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
            yield Static(KEY_RULE, markup=False, classes="help-rule")
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
