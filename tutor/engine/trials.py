"""Random instances for formula fields: dimensions, input values, intermediates, reference.

Each field gets a fixed, seeded set of trials (computed once and cached): some with all
dimensions different (so a transposed answer cannot pass), some square (so a mistake that
only makes sense when m = n can still be recognised). A trial is redrawn when the reference
is undefined there or when any input or intermediate is within 1e-6 of zero (a kink).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tutor.engine import nodes as N
from tutor.engine.cache import per_field
from tutor.engine.errors import ContentProblem, Deadline, EngineError
from tutor.engine.evaluate import Evaluator, Label, Value
from tutor.engine.names import Scope, bind_text

if TYPE_CHECKING:
    from tutor.model.types import Field, Mistake, Symbols


DISTINCT_TRIALS = 6
SQUARE_TRIALS = 3
KINK = 1e-6
ATTEMPTS = 60


@dataclass(frozen=True)
class Trial:
    """One random instance: dimensions, every symbol's value, and the reference value."""

    dims: dict[str, int]
    env: dict[str, Value]
    reference: Value
    square: bool
    label: Label


@dataclass(frozen=True)
class TrialSet:
    """Everything about a formula field that does not depend on the learner's answer."""

    scope: Scope
    reference: N.Node
    trials: tuple[Trial, ...]
    mistakes: tuple[tuple[Mistake, tuple[tuple[Value | None, ...], ...]], ...]  # (mistake, per form: value|None per trial)
    inputs: dict[str, frozenset[str]]  # symbol → the input symbols it depends on


def scope_of(symbols: Symbols) -> Scope:
    """The names a formula may use: inputs (with aliases) and defined intermediates."""
    names = {name: tuple(spec.aliases) for name, spec in symbols.vars.items()}
    for name, _ in symbols.define:
        names.setdefault(name, ())
    return Scope.build(names, scalars=all(spec.shape is None for spec in symbols.vars.values()))


def make_label(dims: dict[str, int]) -> Label:
    """Shapes in the dims' own names when the values tell them apart: (5, 3) → `n×m`."""
    by_value: dict[int, list[str]] = {}
    for name, value in dims.items():
        by_value.setdefault(value, []).append(name)

    def label(shape: tuple[int, ...]) -> str:
        if not shape:
            return "a scalar"
        parts = []
        for d in shape:
            names = by_value.get(d, [])
            parts.append(names[0] if len(names) == 1 and d != 1 else str(d))
        return "×".join(parts)

    return label


def _draw_dims(rng: np.random.Generator, dims: dict[str, tuple[int, int]], square: bool) -> dict[str, int] | None:
    if not dims:
        return {}
    if square:
        low = max(lo for lo, _ in dims.values())
        high = min(hi for _, hi in dims.values())
        if low > high:
            return None
        value = int(rng.integers(max(low, 2) if high >= 2 else low, high + 1))
        return {name: value for name in dims}
    for _ in range(40):
        out = {name: int(rng.integers(lo, hi + 1)) for name, (lo, hi) in dims.items()}
        values = list(out.values())
        if len(set(values)) == len(values) and (1 not in values or all(lo == hi for lo, hi in dims.values())):
            return out
    return {name: int(rng.integers(lo, hi + 1)) for name, (lo, hi) in dims.items()}


def _draw_inputs(rng: np.random.Generator, symbols: Symbols, dims: dict[str, int]) -> dict[str, Value]:
    env: dict[str, Value] = {}
    for name, spec in symbols.vars.items():
        if spec.shape:
            shape = tuple(dims[d] if isinstance(d, str) else int(d) for d in spec.shape)
            if len(shape) == 1:
                shape = (shape[0], 1)
            if spec.range:
                values = rng.uniform(spec.range[0], spec.range[1], size=shape)
            else:
                values = rng.standard_normal(shape)
            env[name] = np.round(values) if spec.integer else values
        elif spec.range:
            lo, hi = spec.range
            env[name] = float(rng.integers(int(lo), int(hi) + 1)) if spec.integer else float(rng.uniform(lo, hi))
        else:
            env[name] = float(rng.standard_normal())
    return env


def _kinked(value: Value) -> bool:
    arr = np.asarray(value, dtype=float)
    return bool(np.any(np.abs(arr) < KINK)) or not bool(np.all(np.isfinite(arr)))


def _one_trial(rng: np.random.Generator, symbols: Symbols, defines: list[tuple[str, N.Node]], reference: N.Node,
               square: bool, deadline: Deadline) -> Trial | None:
    for _ in range(ATTEMPTS):
        dims = _draw_dims(rng, dict(symbols.dims), square)
        if dims is None:
            return None
        env = _draw_inputs(rng, symbols, dims)
        label = make_label(dims)
        try:
            ev = Evaluator(env, strict=False, deadline=deadline, label=label)
            for name, tree in defines:
                env[name] = ev.run(tree)
            ref = ev.run(reference)
        except EngineError as exc:
            raise ContentProblem(f"the reference answer can't be evaluated: {exc}") from None
        if any(_kinked(v) for k, v in env.items() if not (k in symbols.vars and symbols.vars[k].integer)):
            continue
        if not np.all(np.isfinite(np.asarray(ref, dtype=float))):
            continue
        return Trial(dims, env, ref, square, label)
    raise ContentProblem(f"no random instance found where the reference is defined and away from kinks "
                         f"(tried {ATTEMPTS}); check the symbols' ranges")


def _dependencies(symbols: Symbols, defines: list[tuple[str, N.Node]]) -> dict[str, frozenset[str]]:
    deps: dict[str, frozenset[str]] = {name: frozenset({name}) for name in symbols.vars}
    for name, tree in defines:
        used = {n.name for n in N.walk(tree) if isinstance(n, N.Sym)}
        deps[name] = frozenset[str]().union(*(deps.get(u, frozenset({u})) for u in used)) if used else frozenset()
    return deps


def build(field: Field) -> TrialSet:
    """The trial set of a formula field (ContentProblem when its content is broken)."""
    symbols = field.symbols
    if symbols is None:
        raise ContentProblem(f"{field.full_id}: a formula field needs symbols")
    answer = field.answer if isinstance(field.answer, str) else None
    if not answer:
        raise ContentProblem(f"{field.full_id}: a formula field needs one answer expression")
    scope = scope_of(symbols)
    defines: list[tuple[str, N.Node]] = []
    for name, text in symbols.define:
        try:
            defines.append((name, bind_text(text, scope)))
        except EngineError as exc:
            raise ContentProblem(f"{field.full_id}: define {name}: '{text}': {exc}") from None
    try:
        reference = bind_text(answer, scope)
    except EngineError as exc:
        raise ContentProblem(f"{field.full_id}: reference answer '{answer}': {exc}") from None
    rng = np.random.default_rng(zlib.crc32(f"{field.full_id}|{answer}".encode()))
    deadline = Deadline.unlimited()
    trials: list[Trial] = []
    for i in range(DISTINCT_TRIALS + SQUARE_TRIALS):
        square = i >= DISTINCT_TRIALS and len(symbols.dims) >= 2
        try:
            trial = _one_trial(rng, symbols, defines, reference, square, deadline)
        except ContentProblem as exc:
            raise ContentProblem(f"{field.full_id}: {exc}") from None
        if trial is None:  # the dims' ranges never meet: no square trials
            trial = _one_trial(rng, symbols, defines, reference, False, deadline)
        assert trial is not None  # a draw that need not be square always has dimensions
        trials.append(trial)
    mistakes = tuple((m, tuple(_mistake_values(field, m, form, scope, trials)
                               for form in ((m.answer,) if isinstance(m.answer, str) else m.answer)))
                     for m in field.mistakes)
    return TrialSet(scope, reference, tuple(trials), mistakes, _dependencies(symbols, defines))


def _mistake_values(field: Field, mistake: Mistake, form: str, scope: Scope,
                    trials: list[Trial]) -> tuple[Value | None, ...]:
    try:
        tree = bind_text(form, scope)
    except EngineError as exc:
        raise ContentProblem(f"{field.full_id}: mistake '{mistake.id}' answer '{form}': {exc}") from None
    values: list[Value | None] = []
    for trial in trials:
        value: Value | None
        try:
            value = Evaluator(trial.env, strict=False, deadline=Deadline.unlimited(), label=trial.label).run(tree)
        except EngineError:
            value = None
        if value is not None and not np.all(np.isfinite(np.asarray(value, dtype=float))):
            value = None
        values.append(value)
    return tuple(values)


def trial_set(field: Field) -> TrialSet:
    """The cached trial set of a formula field."""
    return per_field(field, "trials", lambda: build(field))
