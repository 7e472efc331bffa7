"""Keys that work inside an answer box.

The rule (written in the help screen): command letters work outside a box, and every command
also has a key that works inside one. Those keys are priority bindings, so they reach the
screen before the box types them, and their ids end in `.in-box`: the footer shows them only
while focus is in a box (outside, it shows the letters). None of them is a key a browser keeps
for itself (ctrl+n, ctrl+t, ctrl+w, ctrl+q), so they work in `tutor serve` too.
"""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.dom import DOMNode

IN_BOX = ".in-box"
BROWSER_RESERVED = frozenset({"ctrl+n", "ctrl+t", "ctrl+w", "ctrl+shift+n", "ctrl+shift+t", "ctrl+shift+w",
                              "ctrl+tab", "ctrl+shift+tab", "ctrl+q", "ctrl+shift+p"})
"""Keys a browser never passes to a page: new window, tab, close, next tab, and in Firefox quit
and private window (the terminal-only aliases carry `.terminal` ids)."""


def in_box(*bindings: Binding) -> list[Binding]:
    """The bindings as priority bindings (they fire while a box has focus)."""
    return [dataclasses.replace(b, priority=True) for b in bindings]


def is_in_box(binding: Binding) -> bool:
    """Whether the binding is a command's key for use inside a box."""
    return (binding.id or "").endswith(IN_BOX)


def typing_in(node: DOMNode | None) -> bool:
    """Whether `node` takes letter keys as text (an Input, a TextArea)."""
    return node is not None and node.check_consume_key("a", "a")
