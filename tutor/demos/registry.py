"""The demo registry: what each demo is called, its parameters, and where its code lives.

A `Demo` (see `tutor.demos.params`) is a numpy-free description; its compute function is
imported the first time the demo runs, so `import tutor.demos` (and everything that only
lists demos) stays cheap. The list itself is `tutor.demos.catalog`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from tutor.demos.params import Demo, Value


class UnknownDemoError(LookupError):
    """A demo name that is not registered; the message lists the demos there are."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = tuple(known)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        super().__init__(f"unknown demo '{name}'{hint}; the demos are: {', '.join(known)}")
        self.name = name
        self.known = known

    def __str__(self) -> str:
        return str(self.args[0])


def frozen_params(values: Mapping[str, Value]) -> Mapping[str, Value]:
    """A read-only copy of a parameter dict, for storing inside a frozen trace."""
    return MappingProxyType(dict(values))


def _catalog() -> tuple[Demo, ...]:
    from tutor.demos.catalog import DEMOS

    return DEMOS


class _Registry(Mapping[str, Demo]):
    """Read-only name -> Demo mapping, in the order the demos are listed."""

    def __init__(self) -> None:
        self._demos: dict[str, Demo] | None = None

    def _load(self) -> dict[str, Demo]:
        if self._demos is None:
            self._demos = {d.name: d for d in _catalog()}
        return self._demos

    def __getitem__(self, name: str) -> Demo:
        return self._load()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


REGISTRY: Mapping[str, Demo] = _Registry()


def list_demos() -> tuple[Demo, ...]:
    """Every demo, in display order."""
    return tuple(REGISTRY.values())


def get_demo(name: str) -> Demo:
    """The demo called `name` (case and `_`/`-` do not matter); UnknownDemoError otherwise."""
    key = name.strip().lower().replace("_", "-")
    try:
        return REGISTRY[key]
    except KeyError:
        raise UnknownDemoError(name, REGISTRY.keys()) from None
