"""Typed demo parameters: a spec per parameter, parsing from text, validation and stepping.

A `Demo` describes one live demo through its `Param`s. A `Param` says what a demo accepts (an integer or a number within a range, or one of a few
choices), its default and a line of help. Every error is a `ParamError` whose message names
the valid range, so the CLI and the UI can show it as it is.
"""

from __future__ import annotations

import difflib
import importlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PARAM_KINDS = ("int", "float", "choice")

Value = int | float | str


class ParamError(ValueError):
    """A parameter value or name that a demo does not accept; the message says what would be."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


def fmt_number(value: float) -> str:
    """A short, exact-enough rendering of a range bound or value: 0.01, 1e-06, 512, 0.999."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e6):
        return str(int(value))
    return f"{value:.6g}"


@dataclass(frozen=True)
class Param:
    """One parameter of a demo.

    kind is "int" or "float" (with inclusive bounds `low`..`high`) or "choice" (one of
    `choices`). `log` makes the `+`/`-` step multiply (by `step`, default 2) instead of add
    (`step`, default 1 for ints and a tenth of the range for floats).
    """

    name: str
    kind: str
    default: Value
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    log: bool = False
    step: float | None = None
    # (other parameter, value): this one only matters when the other has that value
    # (`variance` only for init = custom); the UI greys it out otherwise
    only_when: tuple[str, str] | None = None

    def applies(self, values: Mapping[str, Value]) -> bool:
        """True when this parameter affects the result for these values."""
        return self.only_when is None or values.get(self.only_when[0]) == self.only_when[1]

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"parameter {self.name}: kind must be one of {PARAM_KINDS}")
        if self.kind == "choice":
            if not self.choices or self.default not in self.choices:
                raise ValueError(f"parameter {self.name}: default must be one of its choices")
        else:
            if self.low is None or self.high is None or not self.low <= self.high:
                raise ValueError(f"parameter {self.name}: needs low <= high")
            self.validate(self.default)  # a spec whose default is invalid is a programming error

    def range_text(self) -> str:
        """The valid values in words: "an integer from 2 to 100", "one of tanh, relu, sigmoid"."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        what = "an integer" if self.kind == "int" else "a number"
        return f"{what} from {fmt_number(self.low or 0.0)} to {fmt_number(self.high or 0.0)}"

    def short_range(self) -> str:
        """The valid values compactly, for listings: "2..100", "tanh|relu|sigmoid"."""
        if self.kind == "choice":
            return "|".join(self.choices)
        return f"{fmt_number(self.low or 0.0)}..{fmt_number(self.high or 0.0)}"

    def describe(self) -> str:
        """One line for `tutor demo --list`: name, kind, range, default and help."""
        return f"{self.name}={fmt_value(self.default)}  {self.kind} {self.short_range()}  {self.help}"

    def _error(self, got: object) -> ParamError:
        shown = got if isinstance(got, str) else fmt_value(got)  # type: ignore[arg-type]
        return ParamError(f"{self.name} must be {self.range_text()}, got '{shown}'", self.name)

    def validate(self, value: object) -> Value:
        """The value converted to this parameter's type, or ParamError naming the valid range.

        Accepts text (as typed on the command line or in an input box) or a Python value.
        """
        if self.kind == "choice":
            text = str(value).strip()
            for choice in self.choices:
                if text.lower() == choice.lower():
                    return choice
            close = difflib.get_close_matches(text.lower(), self.choices, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            err = self._error(value)
            raise ParamError(f"{err}{hint}", self.name)
        number = self._to_number(value)
        if number is None or not self.low <= number <= self.high:  # type: ignore[operator]
            raise self._error(value)
        return number

    def _to_number(self, value: object) -> int | float | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            text = value.strip().replace("_", "").replace("−", "-")
            try:
                number: float = float(text)
            except ValueError:
                return None
        elif isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(value)  # type: ignore[arg-type]  # numpy scalars; others raise
            except (TypeError, ValueError):
                return None
        if not math.isfinite(number):
            return None
        if self.kind == "int":
            if not number.is_integer():
                return None
            return int(number)
        return float(number)

    def stepped(self, value: Value, direction: int) -> Value:
        """The value one `+` (direction 1) or `-` (direction -1) step away, kept in range.

        Choices cycle; numbers add `step` or, for log parameters, multiply by it.
        """
        if self.kind == "choice":
            index = self.choices.index(str(value)) if value in self.choices else 0
            return self.choices[(index + direction) % len(self.choices)]
        assert self.low is not None and self.high is not None
        current = float(value)
        if self.log:
            factor = self.step or 2.0
            new = current * factor if direction > 0 else current / factor
            if current <= 0:
                new = self.low if direction > 0 else current
        else:
            step = self.step if self.step is not None else (1.0 if self.kind == "int" else (self.high - self.low) / 10)
            new = current + direction * step
        new = min(max(new, self.low), self.high)
        if self.kind == "int":
            rounded = round(new)
            if rounded == int(current) and self.low <= current + direction <= self.high:
                rounded = int(current) + direction  # a ×2 step of 1 still moves
            return int(min(max(rounded, self.low), self.high))
        return float(f"{new:.6g}")


def fmt_value(value: Value) -> str:
    """A parameter value as it would be typed: 10, 0.01, xavier."""
    if isinstance(value, str):
        return value
    return fmt_number(value)


def split_assignment(text: str) -> tuple[str, str]:
    """`"depth=50"` -> `("depth", "50")`; ParamError for anything that is not NAME=VALUE."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise ParamError(f"expected NAME=VALUE (like depth=50), got '{text}'")
    return name.strip(), value.strip()


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
