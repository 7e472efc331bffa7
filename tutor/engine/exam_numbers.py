"""The exam's own numbers, and a check against the numbers shown.

A part with a `params:` block has `{name}` placeholders in its prompt and answers; variant 0
fills them with the exam's values. The mock is the real exam, so it uses variant 0; practice
and review ask for fresh variants and fall back to these numbers. Every screen and command
that shows or checks a part at some variant goes through `render_variant`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.engine.errors import ContentProblem
from tutor.engine.result import Result

if TYPE_CHECKING:
    from tutor.model import Exam, Field, Part


def render_variant(part: Part, variant: int) -> tuple[Part, str | None]:
    """The part with its `{placeholders}` filled for `variant` (0: the exam's own numbers).

    Returns (part, problem): on a content problem, the part as written and the message.
    """
    if not part.params:
        return part, None
    from tutor.engine.variants import render_part

    try:
        return render_part(part, variant), None
    except (ValueError, ArithmeticError, ContentProblem) as exc:  # content problem: show the part as written
        return part, str(exc)


def exam_part(part: Part) -> Part:
    """The part with the exam's numbers filled in (the part itself if it has no params)."""
    return render_variant(part, 0)[0]


def exam_field(exam: Exam, field_id: str) -> Field:
    """A field (`PART.FIELD`) with the exam's numbers filled in; KeyError if there is none."""
    field = exam.field(field_id)
    filled = exam_part(exam.part(field.part_id))
    return next((f for f in filled.fields if f.id == field.id), field)


def check_shown(field: Field, raw: str) -> Result:
    """Check an answer against a field as shown (its numbers already filled in).

    Unreadable input and broken content read as an invalid answer that says why
    (`engine.api.check`), so a screen shows the problem and nothing is recorded; a bug in a
    checker propagates to the caller's boundary (a screen's worker, the mock's grading).
    """
    from tutor.engine.api import check

    return check(field, raw)


def check_exam_answer(field: Field, raw: str, part: Part | None = None) -> Result:
    """Check an answer against the exam's own numbers (the mock)."""
    filled = exam_part(part) if part is not None else None
    target = next((f for f in filled.fields if f.id == field.id), field) if filled else field
    return check_shown(target, raw)
