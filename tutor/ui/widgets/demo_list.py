"""The list of demos: title and the exam parts each one explains."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class DemoList(OptionList):
    """One option per demo (id = demo name); highlighting one opens it."""

    def __init__(self, demos: Iterable[Any], *, id: str | None = None) -> None:
        options = [Option(Content.assemble(demo.title, "\n", (f"  exam {', '.join(demo.parts)}", "dim")), id=demo.name)
                   for demo in demos]
        super().__init__(*options, markup=False, id=id)

    def on_mount(self) -> None:
        """Border title."""
        self.border_title = "Demos"

    def select_demo(self, name: str) -> None:
        """Highlight `name` (without posting a change when it already is)."""
        try:
            index = self.get_option_index(name)
        except LookupError:
            return
        if self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index
