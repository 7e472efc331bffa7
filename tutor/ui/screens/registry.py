"""Screens by name, as lazy import strings, so start-up imports only the screen it shows.

Convention: `SCREENS[name]` is "module:Class". The app builds a screen as `Class(*args)`, where
`args` come from the start tuple or the caller: `("practice", "4a")` -> `PracticeScreen("4a")`,
`("mock", minutes)`, `("review",)`, `("demos", "vanishing")`, `("stats",)`. A screen reads the
exam, the study store and settings from its app (`self.app.exam`, `self.app.study`).

Until a screen's issue lands, its entry points at `PlaceholderScreen`, which the app builds as
`PlaceholderScreen(name, *args)` and which says honestly what that screen will do. The study
and demos helpers replace only their own lines here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

PLACEHOLDER = "tutor.ui.screens.placeholder:PlaceholderScreen"

SCREENS: dict[str, str] = {
    "home": "tutor.ui.screens.home:HomeScreen",
    "practice": "tutor.ui.screens.practice:PracticeScreen",
    "help": "tutor.ui.screens.help:HelpScreen",
    "mock": "tutor.ui.screens.mock:MockScreen",
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


def resolve(name: str) -> tuple[Callable[..., Screen[Any]], bool]:
    """The screen class registered as `name`, and whether it is the placeholder.

    A missing or broken entry falls back to the placeholder, so a screen that is still being
    built can never crash the app.
    """
    target = SCREENS.get(name, PLACEHOLDER)
    try:
        cls = _load(target)
    except (ImportError, AttributeError, ValueError):
        return _load(PLACEHOLDER), True
    return cls, target == PLACEHOLDER


def build(name: str, *args: object) -> Screen[Any]:
    """Instantiate the screen registered as `name` with the registry's convention."""
    cls, placeholder = resolve(name)
    return cls(name, *args) if placeholder else cls(*args)


def _load(target: str) -> Callable[..., Screen[Any]]:
    module, _, attr = target.partition(":")
    screen: Callable[..., Screen[Any]] = getattr(importlib.import_module(module), attr)
    return screen
