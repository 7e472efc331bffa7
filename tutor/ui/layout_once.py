"""Lay a new widget out once.

When a layout places a widget, Textual hands it its sizes through `Widget._size_updated`,
which sets the widget's `virtual_size` reactive; that reactive asks for a layout, so every
new (or resized) widget is laid out and drawn a second time, a frame after the first, with
nothing changed. The layout that just ran already used those very sizes, so here the size is
stored without asking for another layout. A widget whose scrollable size changed while its
box did not is still repainted (what the reactive's repaint did); Textual's own scrolling
path already updates sizes this way.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget

_textual_size_updated = Widget._size_updated


def _size_updated(self: Widget, size: Size, virtual_size: Size, container_size: Size,
                  layout: bool = True) -> bool:
    """Textual's `_size_updated`, without the second layout it asks for."""
    only_scrollable_size = layout and self._size == size and self.virtual_size != virtual_size
    changed: bool = _textual_size_updated(self, size, virtual_size, container_size, layout=False)
    if only_scrollable_size:
        self.refresh()
    return changed


def install() -> None:
    """Use the single layout for every widget (idempotent)."""
    setattr(Widget, "_size_updated", _size_updated)  # noqa: B010 - a method Textual calls on every widget


def installed() -> bool:
    """Whether `install` has run."""
    return getattr(Widget, "_size_updated", None) is _size_updated

