"""Vectors and matrices as `number` answers: `[1, 2, 3]` or `[1, 2; 3, 4]` (rows split by `;`).

Each entry is a number expression of the answer language (`[ln(2), 1/3; 0, -1]`); the
answer is checked entry by entry with the field's own tolerances (`exact: true` included).
A wrong shape is said as such ("2×2 expected, you gave 1×3"), and the feedback names the
entries that are off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.engine.cache import per_field
from tutor.engine.errors import ContentProblem, Deadline, EngineError
from tutor.engine.evaluate import fmt
from tutor.engine.result import Preview, Result, graded, invalid
from tutor.model.types import Field

MAX_ENTRIES = 400
_SPACED = re.compile(r"[\w.)]\s+[\w.(]")  # two values side by side, no comma


@dataclass(frozen=True)
class ArrayReading:
    """An array answer as read: its rows of values and how to show it."""

    rows: tuple[tuple[float, ...], ...]
    shown: str

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return len(self.rows), len(self.rows[0]) if self.rows else 0


def is_array(text: object) -> bool:
    """Whether an answer is written as a bracketed vector or matrix."""
    return isinstance(text, str) and text.strip().startswith("[")


def read_array(text: str, *, deadline: Deadline | None = None) -> ArrayReading:
    """Parse `[a, b; c, d]`; EngineError (with a column) when it cannot be read."""
    from tutor.engine.numbers import read

    body = text.strip()
    offset = len(text) - len(text.lstrip()) + 1
    if not body.endswith("]"):
        raise EngineError("a vector or matrix ends with ']'", offset + len(body))
    inner = body[1:-1]
    if "[" in inner or "]" in inner:
        raise EngineError("write a matrix as [a, b; c, d]: rows split by ';', not nested brackets", offset)
    rows: list[tuple[float, ...]] = []
    shown_rows: list[str] = []
    position = offset + 1
    for row_text in inner.split(";"):
        row_start = position
        values: list[float] = []
        shown: list[str] = []
        for entry in row_text.split(","):
            if not entry.strip():
                raise EngineError("an entry is missing (two commas or semicolons in a row?)", position)
            try:
                reading = read(entry, deadline=deadline)
            except EngineError as exc:
                column = position + (exc.column - 1 if exc.column else 0)
                if _SPACED.search(entry):  # [1 2; 3 4], as in MATLAB
                    raise EngineError("separate the entries of a row with ',': [1, 2; 3, 4]", column) from None
                raise EngineError(exc.message, column) from None
            values.append(reading.value)
            shown.append(fmt(reading.value))
            position += len(entry) + 1
        if rows and len(values) != len(rows[0]):
            raise EngineError(f"row {len(rows) + 1} has {_entries(len(values))} and row 1 has "
                              f"{_entries(len(rows[0]))}: every row of a matrix needs the same "
                              "number of entries", row_start)
        rows.append(tuple(values))
        shown_rows.append(", ".join(shown))
        if sum(len(r) for r in rows) > MAX_ENTRIES:
            raise EngineError(f"at most {MAX_ENTRIES} entries", offset)
    return ArrayReading(tuple(rows), "[" + "; ".join(shown_rows) + "]")


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _size(shape: tuple[int, int]) -> str:
    rows, columns = shape
    if rows == 1 and columns > 1:
        return f"row of {columns} (1×{columns})"
    if columns == 1 and rows > 1:
        return f"column of {rows} ({rows}×1)"
    return f"{rows}×{columns}"


def _how_to_write(shape: tuple[int, int]) -> str:
    """How to type an answer of this shape: a row, a column (entries split by `;`) or a matrix."""
    rows, columns = shape
    letters = "abcd"
    if rows == 1 or columns == 1:
        n = max(rows, columns)
        items = list(letters[: min(n, 3)]) + (["…"] if n > 3 else [])
        return f"[{', '.join(items)}]" if rows == 1 else f"[{'; '.join(items)}], entries split by ';'"
    return "[a, b; c, d], rows split by ';'"


def _reference(field: Field) -> tuple[ArrayReading, tuple[tuple[object, ArrayReading], ...]]:
    def build() -> tuple[ArrayReading, tuple[tuple[object, ArrayReading], ...]]:
        answer = field.answer if isinstance(field.answer, str) else ""
        try:
            ref = read_array(answer, deadline=Deadline.unlimited())
        except EngineError as exc:
            raise ContentProblem(f"{field.full_id}: reference answer '{answer}': {exc}") from None
        mistakes = []
        for mistake in field.mistakes:
            forms = (mistake.answer,) if isinstance(mistake.answer, str) else mistake.answer
            for form in forms:
                try:
                    mistakes.append((mistake, read_array(form, deadline=Deadline.unlimited())))
                except EngineError as exc:
                    raise ContentProblem(f"{field.full_id}: mistake '{mistake.id}' answer '{form}': {exc}") from None
        return ref, tuple(mistakes)

    return per_field(field, "array", build)


def _off(got: ArrayReading, ref: ArrayReading, field: Field) -> list[tuple[int, int]]:
    from tutor.engine.numbers import close, tolerances

    return [(i + 1, j + 1) for i, (g_row, r_row) in enumerate(zip(got.rows, ref.rows, strict=True))
            for j, (g, r) in enumerate(zip(g_row, r_row, strict=True))
            if not close(g, r, *tolerances(field, r))]


def check(field: Field, text: str) -> Result:
    """Check a vector or matrix answer against an array reference, entry by entry."""
    if not is_array(field.answer):
        return invalid(field, "this answer is a single number, not a vector or matrix")
    ref, mistakes = _reference(field)
    if not is_array(text):
        return graded(field, 0.0, feedback=[f"The answer is a {_size(ref.shape)}: write it as "
                                            f"{_how_to_write(ref.shape)}."])
    try:
        got = read_array(text)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    exact = ref.shown.replace("-", "−")
    if got.shape != ref.shape:
        return graded(field, 0.0, interpreted=got.shown,
                      feedback=[f"The answer is a {_size(ref.shape)}; you gave a {_size(got.shape)}"
                                + (f": write it as {_how_to_write(ref.shape)}." if 1 in ref.shape and 1 in got.shape
                                   else ".")])
    off = _off(got, ref, field)
    if not off:
        return graded(field, 1.0, interpreted=got.shown, exact=exact)
    for mistake, form in mistakes:
        if form.shape == got.shape and not _off(got, form, field):
            return graded(field, getattr(mistake, "score", 0.0), interpreted=got.shown,
                          feedback=[getattr(mistake, "feedback", "")], mistake=getattr(mistake, "id", None))
    where = ", ".join(f"({i}, {j})" if ref.shape[0] > 1 else f"{j}" for i, j in off[:6])
    label = "entries" if len(off) > 1 else "entry"
    return graded(field, 0.0, interpreted=got.shown,
                  feedback=[f"The shape is right; {label} {where} {'are' if len(off) > 1 else 'is'} not the expected value."])


def preview(field: Field, text: str) -> Preview:
    """How a vector or matrix answer reads so far."""
    try:
        return Preview(True, read_array(text).shown)
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
