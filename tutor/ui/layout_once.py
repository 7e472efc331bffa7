"""Lay a new widget out once, and draw only what a scroll moved.

When a layout places a widget, Textual hands it its sizes through `Widget._size_updated`,
which sets the widget's `virtual_size` reactive; that reactive asks for a layout, so every
new (or resized) widget is laid out and drawn a second time, a frame after the first, with
nothing changed. The layout that just ran already used those very sizes, so here the size is
stored without asking for another layout. A widget whose scrollable size changed while its
box did not is still repainted (what the reactive's repaint did); Textual's own scrolling
path already updates sizes this way.

A scroll lays out only what is on screen, and tells what to draw by comparing with the last
such layout; after a full layout there is none, so Textual counted every widget as moved and
drew the whole screen (the first time a verdict scrolled into view in each part). Here the
full layout's map stands in for it: what did not move is not drawn again.
"""

from __future__ import annotations

from textual._compositor import Compositor
from textual.geometry import Size
from textual.widget import Widget

_textual_size_updated = Widget._size_updated
_textual_reflow_visible = Compositor.reflow_visible


def _size_updated(self: Widget, size: Size, virtual_size: Size, container_size: Size,
                  layout: bool = True) -> bool:
    """Textual's `_size_updated`, without the second layout it asks for."""
    only_scrollable_size = layout and self._size == size and self.virtual_size != virtual_size
    changed: bool = _textual_size_updated(self, size, virtual_size, container_size, layout=False)
    if only_scrollable_size:
        self.refresh()
    return changed


def _reflow_visible(self: Compositor, parent: Widget, size: Size) -> set[Widget]:
    """Textual's scroll layout, compared with the full layout before it when it is the first."""
    if self._visible_map is None and self._full_map and self.size == size:
        # widgets off screen in the full map have no visible region: they mark nothing
        self._visible_map = dict(self._full_map)
    exposed: set[Widget] = _textual_reflow_visible(self, parent, size)
    return exposed


def install() -> None:
    """Use the single layout for every widget, and the scroll's comparison (idempotent)."""
    setattr(Widget, "_size_updated", _size_updated)  # noqa: B010 - a method Textual calls on every widget
    setattr(Compositor, "reflow_visible", _reflow_visible)  # noqa: B010 - called by every screen's scroll


def installed() -> bool:
    """Whether `install` has run."""
    return (getattr(Widget, "_size_updated", None) is _size_updated
            and getattr(Compositor, "reflow_visible", None) is _reflow_visible)

