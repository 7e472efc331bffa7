"""The demo registry: what each demo is called, its parameters, and where its code lives.

A `Demo` is a numpy-free description; its compute function is imported the first time the
demo runs, so `import tutor.demos` (and everything that only lists demos) stays cheap.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from tutor.demos.params import Param, ParamError, Value, split_assignment


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


@dataclass(frozen=True)
class Demo:
    """A live demo: a pure, seeded function from typed parameters to a frozen trace.

    `target` is "module:function"; `check` validates combinations of parameters and
    returns an error message or None. The exam parts a demo explains are named by the
    content (a part's `demo:`), never here.
    """

    name: str
    title: str
    summary: str
    params: tuple[Param, ...]
    target: str
    check: Callable[[Mapping[str, Value]], str | None] | None = None

    def param(self, name: str) -> Param:
        """The parameter called `name` (dashes and underscores are the same); ParamError if none."""
        key = name.strip().replace("-", "_").lower()
        for p in self.params:
            if p.name == key:
                return p
        names = [p.name for p in self.params]
        close = difflib.get_close_matches(key, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ParamError(f"{self.name} has no parameter '{name}'{hint}; its parameters: {', '.join(names)}", None)

    def defaults(self) -> dict[str, Value]:
        """Every parameter at its default."""
        return {p.name: p.default for p in self.params}

    def resolve(self, overrides: Mapping[str, object] | None = None) -> dict[str, Value]:
        """Defaults updated with `overrides` (text or values), every value validated.

        Raises ParamError naming the parameter and its valid range.
        """
        values = self.defaults()
        for name, raw in (overrides or {}).items():
            p = self.param(name)
            values[p.name] = p.validate(raw)
        if self.check is not None:
            problem = self.check(values)
            if problem:
                raise ParamError(problem)
        return values

    def parse(self, assignments: Iterable[str]) -> dict[str, Value]:
        """Parameters from `k=v` strings (as given to `--set`), validated and completed."""
        overrides: dict[str, str] = {}
        for text in assignments:
            name, value = split_assignment(text)
            overrides[self.param(name).name] = value
        return self.resolve(overrides)

    def function(self) -> Callable[..., Any]:
        """The compute function (imports its module, and so numpy, on first use)."""
        module_name, _, attr = self.target.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module_name), attr)
        return function

    def run(self, params: Mapping[str, object] | None = None, **overrides: object) -> Any:
        """Validate `params` and `overrides` and compute the trace."""
        merged: dict[str, object] = dict(params or {})
        merged.update(overrides)
        return self.function()(**self.resolve(merged))


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
