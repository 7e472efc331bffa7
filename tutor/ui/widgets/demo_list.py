"""The list of demos: title and the exam parts that link each one (as the content says)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class DemoList(OptionList):
    """One option per demo (id = demo name); highlighting one opens it."""

    def __init__(self, demos: Iterable[Any], links: Mapping[str, str] | None = None, *,
                 id: str | None = None) -> None:
        links = links or {}
        options = [Option(Content.assemble(demo.title, "\n", (f"  exam {links[demo.name]}" if links.get(demo.name)
                                                              else "  (no exam part links it)", "dim")), id=demo.name)
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
