"""Checking `number` fields: value within rtol/atol, the reading shown, digits warned about."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.engine import nodes as N
from tutor.engine.cache import per_field
from tutor.engine.errors import ContentProblem, Deadline, EngineError
from tutor.engine.evaluate import evaluate, fmt
from tutor.engine.names import Scope, bind_text
from tutor.engine.render import render
from tutor.engine.result import Preview, Result, graded, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field, Mistake


NUMBERS = Scope.numbers()


@dataclass(frozen=True)
class Reading:
    """An answer as read: its tree, its value and how to show it."""

    tree: N.Node
    value: float
    shown: str


def read(text: str, *, deadline: Deadline | None = None) -> Reading:
    """Parse, bind and evaluate a number answer; EngineError when it can't be read."""
    tree = bind_text(text, NUMBERS)
    value = evaluate(tree, strict=True, deadline=deadline or Deadline())
    if hasattr(value, "shape") and getattr(value, "size", 1) != 1:
        raise EngineError("the answer should be a single number")
    value = float(value)
    literal = _literal(tree)
    shown = render(tree) if literal is not None else f"{render(tree)} = {fmt(value)}"
    return Reading(tree, value, shown)


def bare_call_warnings(tree: N.Node) -> list[str]:
    """A note when `ln 10/3` was read as ln(10)/3, in case the learner meant ln(10/3)."""
    out = []
    for node in N.walk(tree):
        if isinstance(node, N.Chain) and node.kind == "product":
            for left, op, right in zip(node.operands, node.ops, node.operands[1:]):
                if isinstance(left, N.Call) and left.bare:
                    inner = render(left.args[0])
                    out.append(f"{left.func} {inner}{op}{render(right)} is read as {left.func}({inner}){op}{render(right)}; "
                               f"write {left.func}({inner}{op}{render(right)}) if you meant that")
    return out


def _literal(tree: N.Node) -> str | None:
    """The digits typed when the answer is a bare (possibly negated) decimal number."""
    if isinstance(tree, N.Neg):
        tree = tree.operand
    if isinstance(tree, N.Num) and tree.text not in ("pi", "e"):
        return tree.text
    return None


def _rational(tree: N.Node) -> bool:
    """True when the answer is arithmetic on decimal literals only (`6/5`, `-(1 + 0.2)`): a
    value typed out, as rounded as its digits, rather than an exact expression like ln(0.3)."""
    for node in N.walk(tree):
        if isinstance(node, N.Num):
            if node.text in ("pi", "e"):
                return False
        elif not isinstance(node, (N.Neg, N.Chain, N.Pow)):
            return False
    return True


def value_digits(value: float) -> int:
    """The fewest significant digits that write `value` exactly (1.2 → 2; 1/3 → 15)."""
    if value == 0 or not math.isfinite(value):
        return 1
    for digits in range(1, 16):
        if float(f"{value:.{digits}g}") == value or abs(float(f"{value:.{digits}g}") - value) <= 1e-12 * abs(value):
            return digits
    return 15


def _typed_digits(tree: N.Node, value: float) -> int | None:
    """How many significant digits a typed-out value carries (None for an exact expression)."""
    literal = _literal(tree)
    if literal is not None:
        return significant_digits(literal)
    if _rational(tree):
        return value_digits(value)
    return None


def _writes(tree: N.Node, names: tuple[str, ...]) -> bool:
    """True when the answer calls one of these functions (by canonical name)."""
    from tutor.engine.functions import canonical_function

    wanted = {canonical_function(n) or n for n in names}
    return any(isinstance(node, N.Call) and node.func in wanted for node in N.walk(tree))


def significant_digits(literal: str) -> int:
    """Significant digits of a decimal literal: `0.0030` → 2, `1.204` → 4, `1200` → 2."""
    mantissa = re.split(r"[eE]", literal)[0]
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:
        digits = digits.rstrip("0")
    return max(len(digits), 1)


def digits_needed(rtol: float) -> int:
    """The digits a rounded answer needs so rounding alone stays within `rtol`."""
    if rtol <= 0:
        return 15
    return max(1, math.ceil(1 + math.log10(0.5 / rtol) - 1e-9))


def close(a: float, b: float, rtol: float, atol: float) -> bool:
    """PrairieLearn's test: |a − b| ≤ atol + rtol·|b|."""
    return abs(a - b) <= atol + rtol * abs(b)


@dataclass(frozen=True)
class Reference:
    """The field's reference value and its mistakes' values (computed once per field)."""

    reading: Reading
    mistakes: tuple[tuple[Mistake, tuple[float, ...]], ...]


def reference(field: Field) -> Reference:
    """The reference reading of a number field (ContentProblem if the content is broken)."""
    def build() -> Reference:
        answer = field.answer if isinstance(field.answer, str) else None
        if not answer:
            raise ContentProblem(f"{field.full_id}: a number field needs one answer expression")
        try:
            ref = read(answer, deadline=Deadline.unlimited())
        except EngineError as exc:
            raise ContentProblem(f"{field.full_id}: reference answer '{answer}': {exc}") from None
        mistakes = []
        for mistake in field.mistakes:
            forms = (mistake.answer,) if isinstance(mistake.answer, str) else mistake.answer
            values = []
            for form in forms:
                try:
                    values.append(read(form, deadline=Deadline.unlimited()).value)
                except EngineError as exc:
                    raise ContentProblem(f"{field.full_id}: mistake '{mistake.id}' answer '{form}': {exc}") from None
            mistakes.append((mistake, tuple(values)))
        return Reference(ref, tuple(mistakes))

    return per_field(field, "number", build)


def tolerances(field: Field, value: float) -> tuple[float, float]:
    """(rtol, atol) of a number field; `exact: true` (counts) allows only rounding noise."""
    if getattr(field, "exact", False):
        return 0.0, 1e-9 * max(1.0, abs(value))
    return field.rtol, field.atol


def check(field: Field, text: str) -> Result:
    """Check a number answer (a vector or matrix `[a, b; c, d]` is `tutor.engine.arrays`'s)."""
    ref = reference(field)
    rtol, atol = tolerances(field, ref.reading.value)
    try:
        got = read(text)
    except EngineError as exc:
        if text.strip().startswith("[") and any(mark in text for mark in ",;"):
            return invalid(field, "this answer is a single number, not a vector or matrix: "
                                  "write one number or expression")
        return invalid(field, exc.message, exc.column)
    warnings = bare_call_warnings(got.tree)
    have = _typed_digits(got.tree, got.value)
    exactly = close(got.value, ref.reading.value, 1e-12, 1e-15)
    if have is not None and not exactly and got.value != 0 and not getattr(field, "exact", False):
        need = digits_needed(rtol)
        rounding = 0.5 * 10 ** (math.floor(math.log10(abs(got.value))) - have + 1)
        if have < need and abs(got.value - ref.reading.value) <= rounding + rtol * abs(ref.reading.value):
            gave = f"you gave {have} significant digit{'s' if have > 1 else ''}"
            if _literal(got.tree) is None:
                gave = f"{got.shown.replace('-', '−')} has {have} significant digit{'s' if have > 1 else ''}"
            tolerance = f"{rtol * 100:g}%"
            if close(got.value, ref.reading.value, rtol, atol):
                warnings.append(f"{gave}; this time it lands within the {tolerance} tolerance, but give "
                                f"at least {need} so that rounding cannot take you outside it")
            else:
                warnings.append(f"{gave}; this answer needs at least {need} (the tolerance is {tolerance})")
    exact = f"{ref.reading.shown.split(' = ')[0]} = {ref.reading.value:.10g}".replace("-", "−")
    if close(got.value, ref.reading.value, rtol, atol):
        return graded(field, 1.0, interpreted=got.shown, exact=exact, warnings=warnings)
    matched = _closest_mistake(ref, got.value, rtol, atol)
    if matched is not None:
        score, feedback = matched.score, [matched.feedback]
        if matched.credit_needs and not _writes(got.tree, matched.credit_needs):
            score = 0.0
            if matched.score > 0:   # say why the part credit is withheld
                shown = " or ".join(f"{name}(…)" for name in matched.credit_needs)
                feedback.append(f"Part credit for this needs the working: write it with {shown}.")
        return graded(field, score, interpreted=got.shown, feedback=feedback,
                      mistake=matched.id, warnings=warnings)
    feedback = ["That is not the expected value."]
    if close(-got.value, ref.reading.value, rtol, atol) and got.value != 0:
        feedback = ["The size is right but the sign is not."]
    return graded(field, 0.0, interpreted=got.shown, feedback=feedback, warnings=warnings)


def _closest_mistake(ref: Reference, value: float, rtol: float, atol: float) -> Mistake | None:
    """The anticipated mistake whose value is nearest to `value` among those within tolerance
    (ties go to the one listed first), or None."""
    best, best_gap = None, math.inf
    for mistake, values in ref.mistakes:
        for v in values:
            if close(value, v, rtol, atol):
                gap = abs(value - v) / max(abs(v), 1e-300)
                if gap < best_gap:
                    best, best_gap = mistake, gap
    return best


def preview(field: Field, text: str) -> Preview:
    """How a number answer reads so far."""
    try:
        return Preview(True, read(text).shown)
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
