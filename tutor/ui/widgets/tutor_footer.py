"""The footer every screen uses: on narrow terminals compact and without the palette hint,
so the screen's own keys fit; a command's in-box key (`tutor.ui.keys`) shows only while focus
is in a box, where the command's letter types."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.ui.keys import is_in_box, typing_in

COMPACT_BELOW = 100  # columns
_HEAD = 3  # `_keys()` starts with compact, palette hint and typing; the keys follow


class TutorFooter(Footer):
    """Textual's footer; below `COMPACT_BELOW` columns it is compact and leaves out the
    "^p palette" hint (help lists ctrl+p, and the header's icon opens the palette)."""

    _pending = False
    _shown: tuple[Any, ...] | None = None

    def __init__(self, *children: Widget, keys_at_once: bool = False, **kwargs: Any) -> None:
        """`keys_at_once`: show the screen's keys in its first frame. For a screen whose
        focus does not move as it opens (home), the keys are known when it is built;
        Textual's footer otherwise starts empty and is rebuilt after the first frame, which
        costs the screen another layout before it is still."""
        super().__init__(*children, **kwargs)
        self._keys_at_once = keys_at_once

    def compose(self) -> ComposeResult:
        """The keys, styled for the terminal's width now (it may have changed while the
        screen was hidden)."""
        self._fit(self.app.size.width)
        if self._keys_at_once:
            self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys() if self._bindings_ready else None   # None: nothing shown yet
        hidden = self._hidden()
        widgets = list(super().compose())
        shown = [w for w in widgets if (getattr(w, "key", None), getattr(w, "action", None)) not in hidden]
        for key in shown:
            # a key starts compact and is then bound to the footer's style (the palette's stays
            # compact): give it that style as it is made, or every key is restyled as it mounts
            if isinstance(key, FooterKey):
                compact = self.compact or key.has_class("-command-palette")
                key.set_reactive(FooterKey.compact, compact)
                key.set_class(compact, "-compact", update=False)
        if len(shown) < len(widgets):
            self.styles.grid_size_columns = max(1, self.styles.grid_size_columns - (len(widgets) - len(shown)))
        yield from shown

    def _hidden(self) -> set[tuple[str, str]]:
        """(key, action) of the in-box keys, while focus is outside a box."""
        if typing_in(self.screen.focused):
            return set()
        return {(key, active.binding.action) for key, active in self.screen.active_bindings.items()
                if is_in_box(active.binding)}

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild the keys once after a burst of binding changes, and only if what the footer
        shows changed. Textual rebuilds the footer for every change, and moving to another
        part (new widgets, a new focus) sends a dozen of them."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def settle(self) -> None:
        """Show the keys of the focus as it is now, without waiting for a frame: for a screen
        that moves focus as it mounts (practice, into its first box), so its first frame has
        the right keys instead of being followed by a rebuild and its layouts."""
        self.set_reactive(Footer._bindings_ready, True)
        with self._context():   # the keys bind to this footer, whoever asks
            await self._rebuild()

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        if not self._restyle(keys):
            await self.recompose()

    def _restyle(self, keys: tuple[Any, ...]) -> bool:
        """When only which keys are dimmed changed (the usual case from one part to the next),
        dim or light them in place: a repaint, where a rebuild costs the screen another layout.
        False when the keys themselves changed."""
        shown = self._shown
        if shown is None or len(shown) != len(keys) or shown[:_HEAD] != keys[:_HEAD]:
            return False
        if any(old[:3] + old[4:] != new[:3] + new[4:] for old, new in zip(shown[_HEAD:], keys[_HEAD:])):
            return False
        widgets = {(w.key, w.action): w for w in self.query(FooterKey)}
        changed = [(widgets.get((key, action)), enabled)
                   for (key, action, _, enabled, _) in keys[_HEAD:]]
        if any(widget is None for widget, _ in changed):
            return False
        for widget, enabled in changed:
            assert widget is not None
            widget._disabled = not enabled
            widget.set_class(not enabled, "-disabled")
        self._shown = keys
        return True

    def _keys(self) -> tuple[Any, ...]:
        """What the footer shows: every shown key with its text and whether it is dimmed."""
        return (self.compact, self.show_command_palette, typing_in(self.screen.focused)) + tuple(
            (key, active.binding.action, active.binding.description, active.enabled,
             active.tooltip)
            for key, active in self.screen.active_bindings.items() if active.binding.show)

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
