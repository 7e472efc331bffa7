"""Checking `shape` fields: `m x n`, `(m, n)`, `m×n`, `m by n`; vectors `m`, `(m,)`, `m x 1`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from tutor.engine.cache import per_field
from tutor.engine.errors import MAX_CHARS, ContentProblem, EngineError
from tutor.engine.normalize import normalize
from tutor.engine.result import Preview, Result, graded, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field, Mistake


_DIM = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+")
_PREFIX = re.compile(r"^\s*(?:mathbb\s*)?(?:\(\s*R\s*\)|R|ℝ)\s*\^\s*", re.IGNORECASE)
_SEP = re.compile(r"\s*(?:\*|x|X|by|,)\s*")


def parse_shape(text: str) -> tuple[str, ...]:
    """A shape as a tuple of dims; a lone dim is a column vector (m → (m, 1))."""
    if len(text) > MAX_CHARS:
        raise EngineError(f"the answer is too long (at most {MAX_CHARS} characters)", MAX_CHARS + 1)
    norm = normalize(text).text.replace("ℝ", "R")
    body = _PREFIX.sub("", norm, count=1).strip()
    while body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    if not body:
        raise EngineError("write a shape like m x n (or m for a column vector)")
    body = body.rstrip(",").strip()
    dims: list[str] = []
    pos = 0
    expect_dim = True
    while pos < len(body):
        if expect_dim:
            m = _DIM.match(body, pos)
            if not m:
                return _fail(text, body, pos)
            token = m.group()
            # `mxn`, `Nx16x16x16` typed without spaces: split on each x between dims that are
            # single letters or numbers
            pieces = token.split("x")
            if len(pieces) > 1 and all(re.fullmatch(r"[a-wyzA-WYZ]|\d+", p) for p in pieces):
                dims.extend(pieces)
            else:
                dims.append(token)
            pos = m.end()
            expect_dim = False
        else:
            m = _SEP.match(body, pos)
            if not m or m.end() == pos:
                return _fail(text, body, pos)
            pos = m.end()
            expect_dim = True
    if expect_dim and dims:
        return _fail(text, body, pos)
    if len(dims) == 1:
        dims.append("1")
    return tuple(dims)


def _fail(text: str, body: str, pos: int) -> NoReturn:
    snippet = body[pos:pos + 10] or "the end"
    raise EngineError(f"can't read a shape at '{snippet}' — write it like m x n, (m, n) or m (a column vector)")


def show(shape: tuple[str, ...]) -> str:
    """`m×n`, with a note for column vectors."""
    text = "×".join(shape)
    if len(shape) == 2 and shape[1] == "1" and shape[0] != "1":
        text += " (a column vector)"
    return text


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(x == y or x.lower() == y.lower() for x, y in zip(a, b))


ShapeReference: TypeAlias = "tuple[tuple[str, ...], tuple[tuple[Mistake, tuple[tuple[str, ...], ...]], ...]]"


def _reference(field: Field) -> ShapeReference:
    def build() -> ShapeReference:
        try:
            ref = parse_shape(field.answer if isinstance(field.answer, str) else "")
            mistakes = []
            for mistake in field.mistakes:
                forms = (mistake.answer,) if isinstance(mistake.answer, str) else mistake.answer
                mistakes.append((mistake, tuple(parse_shape(f) for f in forms)))
        except EngineError as exc:
            raise ContentProblem(f"{field.full_id}: {exc}") from None
        return ref, tuple(mistakes)
    return per_field(field, "shape", build)


def check(field: Field, text: str) -> Result:
    """Check a shape answer."""
    ref, mistakes = _reference(field)
    try:
        got = parse_shape(text)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    shown = show(got)
    if _same(got, ref):
        return graded(field, 1.0, interpreted=shown, exact="×".join(ref))
    for mistake, forms in mistakes:
        if any(_same(got, f) for f in forms):
            return graded(field, mistake.score, interpreted=shown, feedback=[mistake.feedback], mistake=mistake.id)
    if len(ref) > 2 and _same(tuple(sorted(got, key=str.lower)), tuple(sorted(ref, key=str.lower))):
        return graded(field, 0.0, interpreted=shown,
                      feedback=[f"That is {shown.split(' (')[0]}: the right sizes in another order; write them "
                                "in the order the question asks for (channels first or last?)"])
    if _same(got, ref[::-1]):
        note = " Vectors are columns here." if "1" in ref else ""
        return graded(field, 0.0, interpreted=shown, feedback=[f"that is {shown.split(' (')[0]}, the transpose of the right shape — transposed?{note}"])
    known = sorted({d for d in ref if not d.isdigit()} | {d for _, fs in mistakes for f in fs for d in f if not d.isdigit()})
    unknown = [d for d in got if not d.isdigit() and d.lower() not in {k.lower() for k in known}]
    if unknown and known:
        return graded(field, 0.0, interpreted=shown, feedback=[f"'{unknown[0]}' is not one of this problem's dimensions ({', '.join(known)})"])
    if len(got) != len(ref):
        return graded(field, 0.0, interpreted=shown, feedback=[f"that shape has {len(got)} dimensions; the right one has {len(ref)}"])
    return graded(field, 0.0, interpreted=shown, feedback=["that is not the right shape"])


def preview(field: Field, text: str) -> Preview:
    """How a shape reads so far."""
    try:
        return Preview(True, show(parse_shape(text)))
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
