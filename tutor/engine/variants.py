"""Fresh numbers for computational parts: the `params:` block, `{name}` placeholders, seeding.

A part's `params:` maps names to generators, evaluated in order:

    p:    {probs: 4, decimals: 2, min: 0.05, class: k, exam: [0.25, 0.25, 0.3, 0.2]}
    k:    {integer: [1, 4], exam: 3}                  # integers, inclusive
    a:    {uniform: [0.05, 0.95], decimals: 2, exam: 0.1}
    opt:  {choice: [SGD, GD], exam: GD}
    f:    "1/(1 - beta1^t)"                            # derived, in the answer language
    f2:   {derive: "1/(1 - beta1^t)", decimals: 4}
    low:  {if: "q_true < p_true", then: b, else: a}
    cls:  {pick: [coronavirus, RSV, bacteria, fungus], index: k}

A probability vector `p` also defines `p1 … pn`, `p_true` (the entry of class `true`) and
`p_other` (the largest other entry); `class:` names the true class (`true:` works too).
Any generator may add `require: "expr"`, or a list of them tested in order (cheap tests
first); the draw is repeated (deterministically, up to 1000 times) until all hold. Variant
N is seeded by N and each name, so parts that share a params block (a YAML anchor) share
their numbers, and their texts are computed once per variant; variant 0 is the
exam's own numbers (`exam:` values). `{name}` is replaced only for declared names, so
LaTeX braces like `\\frac{1}{2}` are left alone.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeAlias, cast, overload

from tutor.engine.cache import per_field
from tutor.engine.errors import ContentProblem, Deadline, EngineError
from tutor.engine.plainhash import NotPlainData, digest

if TYPE_CHECKING:
    from tutor.model.types import Field, Part

# A params block as the YAML gives it (the loader checked its shape): name → generator.
Params: TypeAlias = Mapping[str, Any]


VARIANTS_CHECKED = 50
_TRIES = 1000


def _fmt_number(value: float, decimals: int | None) -> str:
    if decimals is not None:
        value = round(value, decimals)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals is not None else f"{value:.10g}"


MAX_SHOWN_ITEMS = 1000  # numbers in one shown value: a vector, never an alias bomb


def _text(value: object, decimals: int | None = None, budget: list[int] | None = None) -> str:
    budget = [MAX_SHOWN_ITEMS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise ContentProblem(f"a value has more than {MAX_SHOWN_ITEMS} items; use a number, a word or a short vector")
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_text(v, decimals, budget) for v in value) + ")"
    if isinstance(value, Mapping):
        raise ContentProblem("a value is a mapping; use a number, a word or a short vector")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return _fmt_number(float(value), decimals)


def _derive(expr: str, values: dict[str, object], name: str) -> float:
    from tutor.engine.evaluate import evaluate
    from tutor.engine.names import Scope, bind_text

    if isinstance(expr, bool) or not isinstance(expr, (str, int, float)):
        raise ContentProblem(f"param {name}: expected an expression in the answer language, not a {type(expr).__name__}")
    numeric = {k: float(v) for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    try:
        tree = bind_text(str(expr), Scope.build({k: () for k in numeric}))
        return float(evaluate(tree, numeric, strict=True, deadline=Deadline.unlimited()))
    except EngineError as exc:
        raise ContentProblem(f"param {name}: '{expr}': {exc}") from None


def _probs(spec: Params, rng: random.Random, values: dict[str, object], name: str) -> tuple[float, ...]:
    n = int(spec["probs"])
    decimals = int(spec.get("decimals", 2))
    unit = 10 ** decimals
    low = round(float(spec.get("min", 1 / unit)) * unit)
    if n * low > unit or n < 2:
        raise ContentProblem(f"param {name}: {n} entries of at least {spec.get('min')} can't sum to 1")
    for _ in range(_TRIES):
        cuts = sorted(rng.sample(range(1, unit - n * low + n), n - 1))
        parts = [b - a - 1 + low for a, b in zip([0] + cuts, cuts + [unit - n * low + n])]
        if not spec.get("distinct", True) or len(set(parts)) == n:
            return tuple(p / unit for p in parts)
    raise ContentProblem(f"param {name}: could not draw {n} distinct probabilities")


def _check_exam_probs(spec: Params, exam: object, name: str) -> None:
    """The exam's own probability vector: `probs` entries, each in [0, 1], summing to 1."""
    n = int(spec["probs"])
    if not isinstance(exam, list) or len(exam) != n or not all(isinstance(v, (int, float)) for v in exam):
        raise ContentProblem(f"param {name}: `exam:` must be a list of {n} probabilities (probs: {n}), got {exam!r}")
    total = math.fsum(float(v) for v in exam)
    if any(not 0 <= float(v) <= 1 for v in exam) or abs(total - 1) > 1e-9:
        raise ContentProblem(f"param {name}: `exam: {list(exam)}` is not a probability vector: its entries sum "
                             f"to {total:.10g}, not 1 (each between 0 and 1)")


def _drawn(spec: object) -> bool:
    """Whether a param is drawn at random (so a `require:` on it can be met by drawing again)."""
    return isinstance(spec, Mapping) and not any(k in spec for k in ("derive", "if", "pick"))


def _expand(name: str, spec: object, value: Any, values: dict[str, Any]) -> None:
    values[name] = value
    if isinstance(spec, Mapping) and "probs" in spec:
        for i, v in enumerate(value, 1):
            values[f"{name}{i}"] = v
        # `true:` is read by YAML 1.1 as the boolean key True; `class:` says the same
        true = next((spec[key] for key in ("class", "true", True) if key in spec), None)
        if true is not None:
            k = int(values[true]) if isinstance(true, str) else int(true)
            if not 1 <= k <= len(value):
                raise ContentProblem(f"param {name}: true class {k} is outside 1..{len(value)}")
            values[f"{name}_true"] = value[k - 1]
            values[f"{name}_other"] = max(v for i, v in enumerate(value, 1) if i != k)


def _draw(name: str, spec: Any, rng: random.Random, values: dict[str, object], variant: int) -> object:
    if not isinstance(spec, Mapping):
        return _derive(spec, values, name)
    if "derive" in spec:
        return _derive(spec["derive"], values, name)
    if "if" in spec:
        return spec.get("then") if _derive(spec["if"], values, name) else spec.get("else")
    if "pick" in spec:  # {pick: [coronavirus, RSV, bacteria, fungus], index: k} → the k-th (from 1)
        items, index = list(spec["pick"]), spec.get("index")
        k = int(cast(int, values[index])) if isinstance(index, str) and index in values else int(index or 0)
        if not 1 <= k <= len(items):
            raise ContentProblem(f"param {name}: index {k} is outside 1..{len(items)}")
        return items[k - 1]
    if variant == 0:
        if "exam" not in spec:
            raise ContentProblem(f"param {name}: needs an `exam:` value (variant 0 is the exam's own numbers)")
        exam = spec["exam"]
        if "probs" in spec:
            _check_exam_probs(spec, exam, name)
        return tuple(exam) if isinstance(exam, list) else exam
    if "uniform" in spec:
        lo, hi = spec["uniform"]
        return round(rng.uniform(float(lo), float(hi)), int(spec.get("decimals", 2)))
    if "integer" in spec:
        lo, hi = spec["integer"]
        return rng.randint(int(lo), int(hi))
    if "choice" in spec:
        return rng.choice(list(spec["choice"]))
    if "probs" in spec:
        return _probs(spec, rng, values, name)
    raise ContentProblem(f"param {name}: unknown generator (use uniform, integer, choice, probs, derive, if or pick)")


def generate(params: Params, variant: int) -> dict[str, object]:
    """The values of a params block for one variant (0 = the exam's numbers)."""
    values: dict[str, object] = {}
    for name, spec in params.items():
        for attempt in range(_TRIES):
            rng = random.Random(f"{name}|{variant}|{attempt}")
            trial = dict(values)
            _expand(name, spec, _draw(name, spec, rng, trial, variant), trial)
            require = spec.get("require") if isinstance(spec, Mapping) else None
            conditions = require if isinstance(require, list) else [require] if require else []
            if all(_derive(c, trial, name) for c in conditions) or variant == 0:
                values = trial
                break
            if not _drawn(spec):
                uses = [v for v in dict.fromkeys(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(map(str, conditions))))
                        if v in values and _drawn(params.get(v))]
                last = max(uses, key=list(params).index) if uses else None
                on = f" (here `{last}`, drawn after the others it names)" if last else ""
                raise ContentProblem(
                    f"param {name}: `require: {require}` does not hold, and {name} is computed from earlier "
                    f"params, so drawing it again changes nothing; put the `require:` on a drawn param{on}")
        else:
            raise ContentProblem(f"param {name}: `require: {require}` never held in {_TRIES} draws")
    return values


def decimals_of(params: Params) -> dict[str, int | None]:
    """How many decimals each name is shown with (expanded names inherit their vector's)."""
    out: dict[str, int | None] = {}
    for name, spec in params.items():
        d = spec.get("decimals") if isinstance(spec, Mapping) else None
        out[name] = int(d) if d is not None else None
        if isinstance(spec, Mapping) and "probs" in spec:
            d = int(spec.get("decimals", 2))
            out[name] = d
            for key in [f"{name}{i}" for i in range(1, int(spec["probs"]) + 1)] + [f"{name}_true", f"{name}_other"]:
                out[key] = d
    return out


def texts(params: Params, values: Mapping[str, object]) -> dict[str, str]:
    """Each value as it appears in text: numbers rounded to their decimals, vectors `(a, b)`."""
    places = decimals_of(params)
    return {k: _text(v, places.get(k)) for k, v in values.items()}


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@overload
def substitute(text: str, shown: Mapping[str, str]) -> str: ...
@overload
def substitute(text: None, shown: Mapping[str, str]) -> None: ...
@overload
def substitute(text: str | None, shown: Mapping[str, str]) -> str | None: ...
def substitute(text: str | None, shown: Mapping[str, str]) -> str | None:
    """Replace `{name}` for every known name; anything else (LaTeX groups) stays."""
    if not text:
        return text
    return _PLACEHOLDER.sub(lambda m: shown.get(m.group(1), m.group(0)), text)


def apply_params(field: Field, shown: Mapping[str, str]) -> Field:
    """A copy of the field with placeholders filled in its answers, mistakes and feedback.

    A formula symbol named like a param is pinned to that value (so `alpha` and `0.1` are
    both right when the prompt says α = 0.1). Copies are cached, so their trials are too.
    """
    shown = {k: str(v) for k, v in shown.items()}
    key = "params:" + digest(shown)
    return per_field(field, key, lambda: _apply(field, shown))


def _apply(field: Field, shown: Mapping[str, str]) -> Field:
    def sub(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(substitute(v, shown) for v in value)
        return substitute(value, shown)

    symbols = field.symbols
    if symbols is not None:
        pinned = {}
        for name, spec in symbols.vars.items():
            value = _number(shown.get(name))
            pinned[name] = replace(spec, range=(value, value)) if value is not None and not spec.shape else spec
        symbols = replace(symbols, vars=pinned, define=tuple((n, substitute(e, shown)) for n, e in symbols.define))
    return replace(
        field,
        label=sub(field.label), answer=sub(field.answer), model_answer=sub(field.model_answer), symbols=symbols,
        mistakes=tuple(replace(m, answer=sub(m.answer), feedback=sub(m.feedback)) for m in field.mistakes),
        option_feedback={k: sub(v) for k, v in field.option_feedback.items()},
    )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


_SHOWN: dict[tuple[str, int], dict[str, str]] = {}


def part_params(part: Part, variant: int) -> dict[str, str]:
    """The placeholder texts of a part for a variant; ValueError for a part without params."""
    if not part.params:
        if variant:
            raise ValueError(f"part {part.id} has no variants (it has no params)")
        return {}
    if variant < 0:
        raise ValueError("variants are numbered from 0")
    try:  # parts sharing a params block (a YAML anchor) share the draw
        key = (digest(part.params), variant)
    except NotPlainData as exc:
        raise ValueError(f"part {part.id}: params: {exc}") from None
    shown = _SHOWN.get(key)
    if shown is None:
        try:
            shown = texts(part.params, generate(part.params, variant))
        except ContentProblem as exc:
            raise ValueError(str(exc)) from None
        if len(_SHOWN) >= 1024:
            _SHOWN.clear()
        _SHOWN[key] = shown
    return dict(shown)


def fresh_variant(part: Part, after: int, *, tries: int = 50) -> int:
    """The first variant after `after` whose numbers differ from those of `after`.

    Generators with few possible values (an α with two decimals) can draw the same numbers
    twice in a row; skipping such a variant keeps "new numbers" a promise. Returns 0 for a
    part without params.
    """
    if not part.params:
        return 0
    before = part_params(part, max(after, 0))
    for candidate in range(max(after, 0) + 1, max(after, 0) + 1 + tries):
        if part_params(part, candidate) != before:
            return candidate
    return max(after, 0) + 1


def render_part(part: Part, variant: int) -> Part:
    """The part with every placeholder filled for this variant (prompt, hints, solution, fields)."""
    shown = part_params(part, variant)
    if not shown:
        return part
    return replace(
        part,
        prompt=substitute(part.prompt, shown), figure=substitute(part.figure, shown),
        hints=tuple(substitute(h, shown) for h in part.hints),
        solution=tuple(substitute(s, shown) for s in part.solution),
        fields=tuple(apply_params(f, shown) for f in part.fields),
    )
