"""Helpers for the Pilot tests (async tests run by pytest-asyncio): let workers settle, type
like a learner, wait for a condition, read the screen as plain text."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from rich.cells import cell_len


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers (checks, previews, demos) finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as a learner would."""
    names = {" ": "space"}
    for ch in text:
        await pilot.press(names.get(ch, ch))


async def until(pilot, condition: Callable[[], object], what: str, *, tries: int = 100,
                step: float = 0.05) -> None:
    """Let the app run until `condition()` holds: workers finished and messages handled first,
    then, for what a timer brings (a debounce, a poll, the mock's clock), up to `tries`
    pauses of `step` seconds."""
    for _ in range(tries):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if condition():
            return
        await pilot.pause(step)
    raise AssertionError(f"timed out waiting for {what}")


_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                       r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>')
_CHAR_WIDTH = re.compile(r'<clipPath id="[\w-]+-line-0">\s*<rect x="0" y="[\d.]+" width="([\d.]+)"')


def screen_lines(app) -> list[str]:
    """The terminal as the learner sees it now: one string per row, as plain text.

    Read from Textual's public `App.export_screenshot()` (Rich's SVG: each run of text is a
    `<text>` at its column on its row's line); a wide character fills two cells, as in the
    terminal, so a widget's region indexes the row.
    """
    width, height = app.size
    svg = app.export_screenshot()
    char_width = float(_CHAR_WIDTH.search(svg).group(1)) / width
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(svg):
        row, column = rows[int(line)], round(float(x) / char_width)
        for ch in html.unescape(text).replace("\xa0", " "):   # Rich writes spaces as &#160;
            cells = cell_len(ch)
            if cells == 0 and 0 < column <= width:
                row[column - 1] += ch                     # a combining mark joins its letter
            elif column < width:
                row[column] = ch
                if cells == 2 and column + 1 < width:
                    row[column + 1] = ""
            column += cells
    return ["".join(row) for row in rows]


def toast_texts(app) -> list[str]:
    """The notifications on screen now, as the learner reads them (Textual's `Toast`s)."""
    return [toast.render().plain for toast in app.screen.query("Toast")]


def key_for(char: str) -> str:
    """The key name a terminal reports for typing `char` (`-` is "minus", `(` is
    "left_parenthesis"), as Textual names keys."""
    from textual.keys import KEY_NAME_REPLACEMENTS

    if char == " ":
        return "space"
    if char.isalnum():
        return char
    name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


def footer_keys(app) -> dict:
    """The footer's keys on the current screen, by action."""
    from tutor.ui.widgets.tutor_footer import TutorFooter

    return {item.action: item for item in app.screen.query_one(TutorFooter).items}


def on_frames(app, monkeypatch, screen_type, record) -> None:
    """Call `record(screen, update)` for each frame a `screen_type` screen draws, as it is
    drawn (the screen as it was for that frame)."""
    display = app._display

    def spy(screen, update):
        if isinstance(screen, screen_type) and update is not None:
            record(screen, update)
        return display(screen, update)

    monkeypatch.setattr(app, "_display", spy)
