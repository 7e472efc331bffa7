"""Parsed CSS, shared by every app this process runs.

Textual parses each CSS source (a file, a widget's DEFAULT_CSS) once per app, into a cache of
its stylesheet's own. The tabs of a served class are forks of one warm tutor that has already
parsed every source, so each tab's app takes its rules from that tutor's parse instead of
parsing them again as its screens first open (a tenth of opening practice). Rules depend on the
theme's variables, so they are kept per set of variables: another theme's rules are parsed once
more, as Textual would.
"""

from __future__ import annotations

from typing import Any

from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet

# (the theme's variables, Textual's key for a source) -> its rules; a few themes' worth
_RULES: LRUCache[tuple[object, ...], Any] = LRUCache(512)


class SharedParseCache:
    """What a stylesheet's parse cache is asked (a lookup, a store, a clear), answered from the
    rules every app in the process has parsed, for the stylesheet's current variables."""

    def __init__(self, stylesheet: Stylesheet) -> None:
        self._stylesheet = stylesheet
        self._variables: dict[str, str] | None = None
        self._fingerprint: tuple[tuple[str, str], ...] = ()

    def _key(self, key: tuple[object, ...]) -> tuple[object, ...]:
        variables = self._stylesheet._variables
        if variables is not self._variables:  # a new set (another theme): fingerprint it once
            self._variables, self._fingerprint = variables, tuple(sorted(variables.items()))
        return (self._fingerprint, key)

    def __getitem__(self, key: tuple[object, ...]) -> Any:
        return _RULES[self._key(key)]

    def __setitem__(self, key: tuple[object, ...], rules: Any) -> None:
        _RULES[self._key(key)] = rules

    def clear(self) -> None:
        """Nothing to forget: the rules are kept per set of variables."""


def share_parsed_css(stylesheet: Stylesheet) -> None:
    """Make `stylesheet` take its parsed rules from (and add them to) the process's."""
    stylesheet._parse_cache = SharedParseCache(stylesheet)  # type: ignore[assignment]
