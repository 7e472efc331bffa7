"""The footer every screen uses: the screen's keys on one line, drawn by one widget.

Textual's footer is a row of widgets, one per key, rebuilt whenever the keys change; on the
practice screen that was a third of everything it styled, laid out and drew, paid again by
every tab a class's server runs. This footer draws the same line (each key, its description,
the command palette's key at the right end) as one widget: a new set of keys is a repaint of
one line. A click on a key presses it; the key under the mouse is highlighted and shows its
tooltip; a key its screen disables is dimmed.

On narrow terminals (below `COMPACT_BELOW` columns) the line is compact and leaves out the
palette's key (help lists ctrl+p, and the header's icon opens the palette), so the screen's
own keys fit. A command's in-box key (`tutor.ui.keys`) shows only while focus is in a box,
where the command's letter types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from tutor.ui.keys import is_in_box, typing_in

COMPACT_BELOW = 100  # columns
DIVIDER = "▏"  # between the keys and the palette's key


@dataclass(frozen=True)
class FooterItem:
    """One key the footer shows."""

    key: str            # what a click presses
    key_display: str    # how the key is written ("^s")
    description: str
    action: str
    enabled: bool
    tooltip: str = ""
    palette: bool = False  # the command palette's key, at the right end


class TutorFooter(Widget, can_focus=False):
    """The active screen's keys on one line (see the module)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"tutor-footer--key", "tutor-footer--description", "tutor-footer--item",
                         "tutor-footer--hover", "tutor-footer--divider"}
    DEFAULT_CSS = """
    TutorFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        &.-over-key { pointer: pointer; }
        & > .tutor-footer--item { background: $footer-item-background; }
        & > .tutor-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .tutor-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .tutor-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .tutor-footer--divider { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: tuple[FooterItem, ...] = ()
        self.compact = False
        self._hovered: FooterItem | None = None
        # each item as drawn: its first and past-last column, and whether it is whole
        self._placed: list[tuple[int, int, FooterItem, bool]] = []

    def on_mount(self) -> None:
        """Show the screen's keys now, and follow them as they change."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        """Stop following the screen's keys."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys changed (focus moved, a key was enabled or disabled). Not while
        the terminal window is in the background: its focus comes back with it."""
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            self._update()

    def settle(self) -> None:
        """Take the keys of the focus as it is now, without waiting for the screen to report
        them: for a screen that moves focus as it mounts, so its first frame has them."""
        self._update()

    def _update(self) -> None:
        """Read the keys and the width; repaint the line if what it shows changed."""
        compact = self.app.size.width < COMPACT_BELOW
        items = self._read_items(show_palette=not compact)
        if (items, compact) != (self.items, self.compact):
            self.items, self.compact = items, compact
            if self._hovered is not None and self._hovered not in items:
                self._hover(None)
            self.refresh()

    def _read_items(self, *, show_palette: bool) -> tuple[FooterItem, ...]:
        """The screen's shown keys, one per action, in the screen's order; in-box keys only
        while focus types; then the palette's key when there is room for it."""
        screen = self.screen
        typing = typing_in(screen.focused)
        active_bindings = screen.active_bindings  # worked out afresh at each read
        items: dict[str, FooterItem] = {}
        for key, active in active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in items or (is_in_box(binding) and not typing):
                continue
            items[binding.action] = FooterItem(key, self.app.get_key_display(binding), binding.description,
                                               binding.action, active.enabled, active.tooltip)
        shown = list(items.values())
        palette = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if show_palette and self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            binding = palette.binding
            shown.append(FooterItem(binding.key, self.app.get_key_display(binding), binding.description,
                                    binding.action, palette.enabled, binding.tooltip or binding.description,
                                    palette=True))
        return tuple(shown)

    def on_resize(self, event: events.Resize) -> None:
        """Compact when narrow, roomy when wide."""
        self._update()

    # -- drawing --------------------------------------------------------------------------
    def render(self) -> Text:
        """The keys from the left; the palette's key at the right end, over any key that
        does not fit."""
        width = self.size.width
        styles = self._styles()
        palette = next((item for item in self.items if item.palette), None)
        tail = Text(end="")  # the palette's key, with its divider
        if palette is not None:
            tail.append(DIVIDER, style=self.get_component_rich_style("tutor-footer--divider"))
            tail.append_text(self._item_text(palette, True, styles))
            tail.append(" ", style=styles[0])
        limit = max(0, width - tail.cell_len)  # where the keys stop
        line = Text(no_wrap=True, overflow="crop", end="")
        placed: list[tuple[int, int, FooterItem, bool]] = []
        for item in self.items:
            if item is not palette:
                start = line.cell_len
                line.append_text(self._item_text(item, self.compact, styles))
                placed.append((start, min(line.cell_len, limit), item, line.cell_len <= limit))
                if self.compact:
                    line.append(" ")
        if palette is not None:
            placed.append((limit + len(DIVIDER), width, palette, True))
        line.truncate(limit, pad=True)
        line.append_text(tail)
        line.truncate(width, pad=True)
        self._placed = placed
        return line

    def whole(self, item: FooterItem) -> bool:
        """Whether `item` was drawn whole (a key that does not fit is cut off)."""
        return any(whole for _, _, shown, whole in self._placed if shown == item)

    def _styles(self) -> tuple[Style, Style, Style, Style]:
        """The item's, the key's and the description's styles, and the hovered item's."""
        return (self.get_component_rich_style("tutor-footer--item"),
                self.get_component_rich_style("tutor-footer--key"),
                self.get_component_rich_style("tutor-footer--description"),
                self.get_component_rich_style("tutor-footer--hover"))

    def _item_text(self, item: FooterItem, compact: bool, styles: tuple[Style, Style, Style, Style]) -> Text:
        """One key: `key description`, as Textual's footer writes it (roomy: ` key desc `)."""
        base, key_style, description_style, hover = styles
        if item == self._hovered:
            base = base + hover
            key_style = key_style + Style(bgcolor=hover.bgcolor)
            description_style = description_style + Style(bgcolor=hover.bgcolor)
        if not item.enabled:
            base = base + Style(dim=True)
        key = item.key_display if compact else f" {item.key_display} "
        text = Text.assemble((key, key_style), end="")
        if item.description:
            text.append(f" {item.description}" if compact else f"{item.description} ", description_style)
        text.stylize_before(base)
        return text

    # -- the mouse ------------------------------------------------------------------------
    def item_at(self, x: int) -> FooterItem | None:
        """The key drawn at column `x` of the footer, if any."""
        return next((item for start, end, item, _ in self._placed if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse."""
        self._hover(self.item_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        """No key is under the mouse."""
        self._hover(None)

    def _hover(self, item: FooterItem | None) -> None:
        if item == self._hovered:
            return
        self._hovered = item
        self.tooltip = (item.tooltip or None) if item is not None else None
        self.set_class(item is not None, "-over-key")
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the clicked key (a dimmed key rings the bell)."""
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
