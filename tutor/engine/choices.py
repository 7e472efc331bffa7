"""Checking `choice` fields: an option's text, one of its aliases, its letter, or an
unambiguous prefix.

Several selections are comma-separated (`GD, SGD`), or letters split by spaces (`b a`); case,
surrounding spaces and a leading "the" don't matter. Anything that is not an option is `invalid`, and the message lists the options.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from tutor.engine.errors import MAX_CHARS, EngineError
from tutor.engine.normalize import normalize
from tutor.engine.result import Preview, Result, graded, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field


_LETTER = re.compile(r"^\(?([a-z])[).:]?$")
_LETTERS = re.compile(r"^\s*\(?[a-z][).:]?(?:\s+\(?[a-z][).:]?)+\s*$", re.IGNORECASE)   # "b a", "(a) (c)"
_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


def _norm(text: str) -> str:
    """Case, spaces, underscores, Unicode spellings and closing punctuation don't matter:
    `W₁` = `w_1` = `W1`, `True.` = `true`."""
    return normalize(text.strip().rstrip(".!?")).text.replace("_", "").replace(" ", "").casefold()


def letters(field: Field) -> list[str]:
    """The letter of each option: a, b, c, …"""
    return list(string.ascii_lowercase[: len(field.options)])


def _listing(field: Field) -> str:
    return "; ".join(f"({l}) {o}" for l, o in zip(letters(field), field.options))


def _named(field: Field, text: str) -> str | None:
    """The option `text` names in full: the option itself or one of its aliases."""
    key = _norm(text)
    exact = [o for o in field.options if _norm(o) == key]
    if exact:
        return exact[0]
    bare = _norm(_THE.sub("", text))   # "outputs sum to 1" names "the outputs sum to 1"
    without = [o for o in field.options if _norm(_THE.sub("", o)) == bare]
    if len(without) == 1 and bare:
        return without[0]
    loose = _unhyphen(key)
    return next((o for alias, o in field.aliases.items() if _unhyphen(_norm(alias)) == loose), None)


def _unhyphen(key: str) -> str:
    """Aliases are words, where "full-batch" = "full batch" = "fullbatch"."""
    return key.replace("-", "").replace("−", "").replace("\u2011", "")


def _one(field: Field, token: str) -> str:
    key = _norm(token)
    named = _named(field, token)
    if named:
        return named
    m = _LETTER.match(key)
    by_letter = None
    if m and m.group(1) in letters(field):
        by_letter = field.options[letters(field).index(m.group(1))]
    if by_letter:  # a single letter is the option's letter, even if it starts another option
        return by_letter
    prefixed = [o for o in field.options if _norm(o).startswith(key)] if key else []
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise EngineError(f"'{token.strip()}' could be {' or '.join(prefixed)} — type more of it")
    raise EngineError(f"'{token.strip()}' is not one of the options: {_listing(field)}")


def parse_choice(field: Field, text: str) -> tuple[str, ...]:
    """The options an answer selects, in option order; EngineError when it names none."""
    if len(text) > MAX_CHARS:
        raise EngineError(f"the answer is too long (at most {MAX_CHARS} characters)")
    if not text.strip():
        raise EngineError(f"choose one of the options: {_listing(field)}")
    whole = _named(field, text)
    if whole:
        return (whole,)
    tokens = _spaced_letters(field, text) or [t for t in re.split(r"[,;]|\band\b", text) if t.strip()]
    picked: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i + 1, -1):  # an option text that itself contains commas
            joined = ",".join(tokens[i:j])
            if _named(field, joined):
                picked.append(_one(field, joined))
                i = j
                break
        else:
            picked.append(_one(field, tokens[i]))
            i += 1
    if not picked:
        raise EngineError(f"choose one of the options: {_listing(field)}")
    return tuple(o for o in field.options if o in set(picked))


def _spaced_letters(field: Field, text: str) -> list[str] | None:
    """Option letters split by spaces only (`b a`, `(a) (c)`), when every one is a letter of
    this field's options; None otherwise."""
    if not _LETTERS.match(text):
        return None
    words = text.split()
    matches = [_LETTER.match(w.lower()) for w in words]
    return words if all(m is not None and m.group(1) in letters(field) for m in matches) else None


def _answers(field: Field) -> set[str]:
    if isinstance(field.answer, tuple):
        return set(field.answer)
    return {field.answer} if field.answer is not None else set()


def check(field: Field, text: str) -> Result:
    """Check a choice answer: the exact set of options, with each option's feedback."""
    try:
        picked = parse_choice(field, text)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    shown = ", ".join(picked)
    if len(picked) > 1 and not field.multiple:
        return invalid(field, f"choose only one option: {_listing(field)}")
    right = _answers(field)
    chosen = set(picked)
    feedback = [f"{o}: {field.option_feedback[o]}" if len(picked) > 1 else field.option_feedback[o]
                for o in picked if field.option_feedback.get(o)]
    if chosen == right:
        return graded(field, 1.0, interpreted=shown, feedback=feedback, exact=", ".join(o for o in field.options if o in right))
    for mistake in field.mistakes:
        forms = {mistake.answer} if isinstance(mistake.answer, str) else set(mistake.answer)
        if forms == chosen:
            return graded(field, mistake.score, interpreted=shown, feedback=[mistake.feedback, *feedback], mistake=mistake.id)
    fraction = 0.0
    if field.multiple:
        missed = [o for o in field.options if o in right - chosen]
        if missed:
            feedback.append(f"not selected but right: {', '.join(missed)}")
        # each right option picked earns its share; each wrong one picked costs its share of the
        # wrong options, so picking everything (or only wrong ones) earns nothing
        wrong_options = len(field.options) - len(right)
        penalty = len(chosen - right) / wrong_options if wrong_options else 0.0
        fraction = max(0.0, len(chosen & right) / len(right) - penalty)
        if 0 < fraction < 1:
            feedback.append(f"Partial credit: each right option counts 1/{len(right)}, and each wrong "
                            f"option picked takes off 1/{wrong_options}.")
    return graded(field, fraction, interpreted=shown, feedback=feedback)


def preview(field: Field, text: str) -> Preview:
    """Which options an answer selects."""
    try:
        return Preview(True, ", ".join(parse_choice(field, text)))
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
