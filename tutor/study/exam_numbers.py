"""The exam's own numbers: parts shown and checked at variant 0 (the mock, stats).

A part with a `params:` block has `{name}` placeholders in its prompt and answers; variant 0
fills them with the exam's values. The mock is the real exam, so it uses variant 0; practice
and review ask for fresh variants instead, and fall back to these numbers.
"""

from __future__ import annotations

from typing import Any


def exam_part(part: Any) -> Any:
    """The part with the exam's numbers filled in (the part itself if it has no params)."""
    if not getattr(part, "params", None):
        return part
    try:
        from tutor.engine.variants import render_part

        return render_part(part, 0)
    except Exception:  # noqa: BLE001 - show the raw text rather than nothing
        return part


def exam_field(exam: Any, field_id: str) -> Any:
    """A field (`PART.FIELD`) with the exam's numbers filled in; KeyError if there is none."""
    field = exam.field(field_id)
    filled = exam_part(exam.part(field.part_id))
    return next((f for f in filled.fields if f.id == field.id), field)


def check_exam_answer(field: Any, raw: str, part: Any) -> Any:
    """Check an answer against the exam's numbers; never raises (a failure reads as invalid)."""
    try:
        from tutor.engine import check

        filled = exam_part(part)
        target = next((f for f in filled.fields if f.id == field.id), field)
        return check(target, raw)
    except Exception as exc:  # noqa: BLE001 - the screen shows the problem instead of crashing
        return CheckFailure(field, exc)


class CheckFailure:
    """A stand-in result when the engine could not run: shown, scored 0."""

    def __init__(self, field: Any, exc: Exception) -> None:
        self.field_id = field.full_id
        self.verdict = "invalid"
        self.score = 0.0
        self.max = float(field.points)
        self.interpreted = ""
        self.feedback = (f"The checker could not run: {exc}",)
        self.warnings = ()
        self.mistake = None
        self.evidence = ()
        self.sentences = None
