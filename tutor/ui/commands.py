"""The command palette (ctrl+p): go to any part, open any screen or demo, switch theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape  # palette texts are markup: content text is escaped

from tutor.ui.screens.registry import TITLES


def _demo_names(exam: Any) -> list[tuple[str, str]]:
    """(name, title) of every demo in the catalog, and of any other demo a part links."""
    from tutor.demos import list_demos

    names = {demo.name: demo.title for demo in list_demos()}
    for part in exam.parts:
        if part.demo and part.demo not in names:
            names[part.demo] = part.demo
    return list(names.items())


def _topics(exam: Any, part: Any) -> str:
    """The titles of a part's concepts, so the palette finds parts by topic ("dropout")."""
    titles = [exam.concepts[tag].title if tag in exam.concepts else tag for tag in part.concepts]
    return ", ".join(titles) or exam.problem_of(part.id).title


class TutorCommands(Provider):
    """Every part, every screen, every demo and every theme, by name."""

    def commands(self) -> Iterator[tuple[str, Callable[[], Any], str]]:
        """(text, callback, help) for every command."""
        app: Any = self.app
        exam = app.exam
        for part in exam.parts:
            problem = exam.problem_of(part.id)
            yield (f"Go to part {part.id} · {_topics(exam, part)}", partial(app.go_to_part, part.id),
                   f"Problem {problem.id}: {problem.title} · {part.points:g} points")
        for name in ("home", "practice", "mock", "review", "demos", "stats"):
            yield (f"Open {TITLES[name]}", partial(app.open_screen, name), f"the {name} screen")
        yield ("Open Help", app.action_help, "every key of the current screen")
        for name, title in _demo_names(exam):
            yield (f"Demo: {name}", partial(app.open_screen, "demos", name), title)
        for theme in sorted(app.available_themes):
            yield (f"Theme: {theme}", partial(setattr, app, "theme", theme),
                   "switch the colour theme (remembered)")
        yield ("Toggle raw LaTeX", app.action_toggle_latex, "show math as LaTeX source or Unicode")

    async def discover(self) -> Hits:
        """What the palette lists before anything is typed: parts and screens."""
        for text, callback, help_text in self.commands():
            if text.startswith(("Go to part", "Open ")):
                yield DiscoveryHit(escape(text), callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match every command."""
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), callback, text=text, help=escape(help_text))
