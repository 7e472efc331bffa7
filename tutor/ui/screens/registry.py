"""Screens by name, as lazy import strings, so start-up imports only the screen it shows.

`SCREENS[name]` is "module:Class". The app builds a screen as `Class(*args)`, where `args`
come from the start tuple or the caller: `("practice", "4a")` -> `PracticeScreen("4a")`,
`("mock", minutes)`, `("review",)`, `("demos", "vanishing")`, `("stats",)`. A screen reads
the exam and the study store from its app (`self.app.exam`, `self.app.store`).
A name that is not here, or a module that fails to import, is an error: nothing hides it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

SCREENS: dict[str, str] = {
    "home": "tutor.ui.screens.home:HomeScreen",
    "practice": "tutor.ui.screens.practice:PracticeScreen",
    "help": "tutor.ui.screens.help:HelpScreen",
    "mock": "tutor.ui.screens.mock:MockScreen",
    "mock-results": "tutor.ui.screens.mock_results:MockResultsScreen",
    "review": "tutor.ui.screens.review:ReviewScreen",
    "stats": "tutor.ui.screens.stats:StatsScreen",
    "demos": "tutor.ui.screens.demos:DemosScreen",
}

# what the learner sees for each screen in menus and in the command palette
TITLES: dict[str, str] = {
    "home": "Home",
    "practice": "Practice",
    "mock": "Mock midterm",
    "review": "Review",
    "demos": "Demos",
    "stats": "Stats",
    "help": "Help",
}


def resolve(name: str) -> Callable[..., Screen[Any]]:
    """The screen class registered as `name` (KeyError for an unknown name)."""
    module, _, attr = SCREENS[name].partition(":")
    screen: Callable[..., Screen[Any]] = getattr(importlib.import_module(module), attr)
    return screen


def build(name: str, *args: object, **kwargs: object) -> Screen[Any]:
    """Instantiate the screen registered as `name` with the registry's convention."""
    return resolve(name)(*args, **kwargs)
