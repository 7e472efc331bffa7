"""The "what you see" lines of a demo, with the exam parts they explain as links."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content

from tutor.ui.widgets.steady_static import SteadyStatic

_PART = re.compile(r"\b([1-5][a-g])\b")
_SAFE_ID = re.compile(r"[A-Za-z0-9_.-]+")


def part_link(part: str) -> Content:
    """A part id that opens the part when clicked. Ids come from content files, so only one
    made of letters, digits, `_`, `.` and `-` goes into the click action; any other is
    shown as plain text."""
    if not _SAFE_ID.fullmatch(part):
        return Content(part)
    return Content.from_markup(f"[b u @click=screen.open_part('{part}')]{part}[/]")


def linked(line: str, parts: Iterable[str]) -> Content:
    """A note line with every mention of one of `parts` (e.g. "1c") as a link that opens it."""
    wanted = set(parts)
    pieces: list[Content] = []
    last = 0
    for match in _PART.finditer(line):
        if match.group(1) not in wanted:
            continue
        pieces.append(Content(line[last:match.start()]))
        part = match.group(1)
        pieces.append(part_link(part))
        last = match.end()
    pieces.append(Content(line[last:]))
    return Content("").join(pieces)


class DemoNotes(SteadyStatic):
    """Bulleted notes; part ids in them are clickable (the `o` key opens the first part)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.lines: tuple[str, ...] = ()
        self._parts: tuple[str, ...] = ()

    def show(self, notes: Iterable[str], parts: Iterable[str]) -> None:
        """Replace the notes."""
        parts, lines = tuple(parts), tuple(notes)
        if (lines, parts) == (self.lines, self._parts):
            return  # nothing to repaint
        self.lines, self._parts = lines, parts
        bullets = [Content("• ") + linked(line, parts) for line in self.lines]
        self.update(Content("\n").join(bullets))
