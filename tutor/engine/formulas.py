"""Checking `formula` fields: shapes first, then values on random instances, then mistakes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tutor.engine import nodes as N
from tutor.engine.errors import Deadline, EngineError, ShapeMismatch
from tutor.engine.evaluate import Evaluator, Label, Value
from tutor.engine.names import bind_text
from tutor.engine.numbers import bare_call_warnings
from tutor.engine.render import pretty_name, render
from tutor.engine.result import Preview, Result, graded, invalid
from tutor.engine.trials import TrialSet, trial_set

if TYPE_CHECKING:
    from tutor.model.types import Field, Mistake


RTOL = 1e-6


def shape_of(value: Value | None) -> tuple[int, ...]:
    """A value's shape, with 1×1 counted as a scalar."""
    if isinstance(value, np.ndarray) and value.size != 1:
        return tuple(value.shape)
    return ()


def same(a: Value, b: Value) -> bool:
    """Equal shapes and values within rtol 1e-6 (atol scaled to the reference's size)."""
    if shape_of(a) != shape_of(b):
        return False
    got = np.asarray(a, dtype=float).reshape(np.shape(b)) if np.size(a) == np.size(b) else a
    want = np.asarray(b, dtype=float)
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    return bool(np.all(np.abs(got - want) <= RTOL * np.abs(want) + 1e-9 * max(1.0, scale)))


def _target(field: Field) -> str:
    return field.label or "the answer"


def _evaluate_all(tree: N.Node, ts: TrialSet,
                  deadline: Deadline) -> tuple[list[Value | None], list[ShapeMismatch | None]]:
    values: list[Value | None] = []
    errors: list[ShapeMismatch | None] = []
    for trial in ts.trials:
        try:
            value = Evaluator(trial.env, strict=False, deadline=deadline, label=trial.label).run(tree)
            if isinstance(value, np.ndarray) and value.size == 1:
                value = float(value.item())
            values.append(value)
            errors.append(None)
        except ShapeMismatch as exc:
            values.append(None)
            errors.append(exc)
    return values, errors


def _match_mistake(values: list[Value | None], ts: TrialSet) -> Mistake | None:
    defined = [v is not None for v in values]
    for mistake, forms in ts.mistakes:
        for form in forms:
            if [v is not None for v in form] != defined:
                continue
            pairs = [(v, m) for v, m in zip(values, form) if v is not None and m is not None]
            if len(pairs) >= 2 and all(same(v, m) for v, m in pairs):
                return mistake
    return None


def _mistake_result(field: Field, mistake: Mistake, interpreted: str, warnings: list[str]) -> Result:
    return graded(field, mistake.score, interpreted=interpreted, feedback=[mistake.feedback],
                  mistake=mistake.id, warnings=warnings)


def _shape_feedback(field: Field, got: tuple[int, ...], want: tuple[int, ...], label: Label) -> str:
    g, w = label(got), label(want)
    target = _target(field)
    if got and want and got == want[::-1]:
        if got[0] == 1:
            return f"your answer is {g} but {target} is {w} — a row vector? Vectors are columns here: transpose it"
        return f"your answer is {g} but {target} is {w} — transposed?"
    if not got:
        return f"your answer is a scalar but {target} is {w}"
    return f"your answer is {g} but {target} is {w}"


def _diagnose(field: Field, values: list[Value | None], ts: TrialSet, tree: N.Node) -> list[str]:
    refs = [t.reference for t in ts.trials]
    agree = sum(1 for v, r in zip(values, refs) if v is not None and same(v, r))
    ratios = []
    for v, r in zip(values, refs):
        if v is None:
            continue
        r_arr, v_arr = np.asarray(r, dtype=float).ravel(), np.asarray(v, dtype=float).ravel()
        mask = np.abs(r_arr) > 1e-9
        if mask.any() and v_arr.size == r_arr.size:
            with np.errstate(over="ignore"):  # a huge answer over a tiny reference: inf, set aside below
                ratios.extend((v_arr[mask] / r_arr[mask]).tolist())
    out = []
    if ratios and np.all(np.isfinite(ratios)):
        c = float(np.median(ratios))
        if abs(c) > 1e-12 and np.allclose(ratios, c, rtol=1e-6, atol=0):
            if abs(c + 1) < 1e-6:
                out.append("the sign is off: your answer is the negative of the right one")
            else:
                out.append(f"a constant factor is off: your answer is {c:.4g} times the right one")
    if not out:
        if 0 < agree < len(refs):
            out.append(f"your answer agrees on {agree} of {len(refs)} random instances but not all of them")
        else:
            shape = ts.trials[0].label(shape_of(ts.trials[0].reference))
            out.append(f"the shape is right ({shape}) but the values are not")
    missing = _missing_inputs(tree, ts)
    if missing:
        names = ", ".join(pretty_name(m) for m in sorted(missing))
        pronoun = "it" if len(missing) == 1 else "them"
        out.append(f"your answer never uses {names}, and the right one depends on {pronoun}")
    return out


def _missing_inputs(tree: N.Node, ts: TrialSet) -> set[str]:
    def inputs(t: N.Node) -> set[str]:
        used = {n.name for n in N.walk(t) if isinstance(n, N.Sym)}
        return set().union(*(ts.inputs.get(u, {u}) for u in used)) if used else set()
    return inputs(ts.reference) - inputs(tree)


def check(field: Field, text: str) -> Result:
    """Check a formula answer on the field's random instances."""
    ts = trial_set(field)
    try:
        tree = bind_text(text, ts.scope)
        values, errors = _evaluate_all(tree, ts, Deadline())
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    warnings = bare_call_warnings(tree)
    first = ts.trials[0]
    shown = render(tree)
    if values[0] is not None:
        shown = f"{shown}   ({first.label(shape_of(values[0]))})"
    if all(v is None for v in values):
        err = next(e for e in errors if e is not None)
        return graded(field, 0.0, interpreted=shown, feedback=[f"col {err.column}: {err.message}" if err.column else err.message], warnings=warnings)
    square_only = all(v is None for v, t in zip(values, ts.trials) if not t.square)
    mistake = None
    if square_only:
        mistake = _match_mistake(values, ts)
        if mistake:
            return _mistake_result(field, mistake, shown, warnings)
        err = next(e for e in errors if e is not None)
        where = f"col {err.column}: " if err.column else ""
        return graded(field, 0.0, interpreted=shown, warnings=warnings,
                      feedback=[f"{where}{err.message} — it only works when the dimensions happen to be equal"])
    for value, trial in zip(values, ts.trials):
        if value is not None and shape_of(value) != shape_of(trial.reference):
            mistake = _match_mistake(values, ts)
            if mistake:
                return _mistake_result(field, mistake, shown, warnings)
            return graded(field, 0.0, interpreted=shown, warnings=warnings,
                          feedback=[_shape_feedback(field, shape_of(value), shape_of(trial.reference), trial.label)])
    if all(v is not None and same(v, t.reference) for v, t in zip(values, ts.trials)):
        return graded(field, 1.0, interpreted=shown, exact=render(ts.reference), warnings=warnings)
    mistake = _match_mistake(values, ts)
    if mistake:
        return _mistake_result(field, mistake, shown, warnings)
    return graded(field, 0.0, interpreted=shown, feedback=_diagnose(field, values, ts, tree), warnings=warnings)


def preview(field: Field, text: str) -> Preview:
    """How a formula reads so far, with its shape on the first instance."""
    ts = trial_set(field)
    try:
        tree = bind_text(text, ts.scope)
        first = ts.trials[0]
        value = Evaluator(first.env, strict=False, deadline=Deadline(), label=first.label).run(tree)
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
    return Preview(True, f"{render(tree)}   ({first.label(shape_of(value))})")
