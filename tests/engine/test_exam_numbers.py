"""The exam's own numbers live in the engine: one place renders a part at a variant, and the
check used by every screen never raises."""

from __future__ import annotations

from dataclasses import replace

from tutor.engine.exam_numbers import (
    check_exam_answer,
    check_shown,
    exam_field,
    exam_part,
    render_variant,
)


def test_exam_numbers_fill_the_placeholders(exam):
    part = next(p for p in exam.parts if p.params)
    shown = exam_part(part)
    assert shown.prompt != part.prompt and shown != part
    assert render_variant(part, 0)[0] == shown and render_variant(part, 0)[1] is None
    field = shown.fields[0]
    assert exam_field(exam, field.full_id).answer == field.answer


def test_a_plain_part_is_its_own_exam_part(exam):
    part = next(p for p in exam.parts if not p.params)
    assert exam_part(part) is part


def test_the_exam_check_uses_the_exams_numbers(exam):
    field = exam.field("4a")
    assert check_exam_answer(field, "-ln(0.3)", exam.part("4a")).verdict == "correct"


def test_a_checker_failure_reads_as_invalid_and_never_raises(exam):
    broken = replace(exam.field("4a"), kind="number", answer=None)
    result = check_shown(broken, "1")
    assert result.verdict == "invalid" and result.score == 0
