"""Ids across several exams: `EXAM:PART[.FIELD]`, and bare ids only where they are unique.

`c147-w21-midterm:2b.dW` names one field of one exam. A bare `2b.dW` (or `4a`) is accepted
only when exactly one loaded exam has that part; otherwise `IdError` names the exams that
do, so a learner is never silently sent to the wrong exam.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.model.types import Exam, Field, Part


class IdError(LookupError):
    """An id that names nothing, or names parts of several exams; the message says which."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown id"


def split(target: str) -> tuple[str | None, str]:
    """(`EXAM` or None, `PART[.FIELD]`) of an id."""
    exam_id, sep, rest = target.strip().rpartition(":")
    return (exam_id, rest) if sep else (None, rest)


def find_exam(exam_id: str, exams: Sequence[Exam]) -> Exam:
    """The exam with this id; IdError listing the exams there are."""
    for exam in exams:
        if exam.id == exam_id:
            return exam
    from tutor.model.yamlnodes import nearest

    hint = nearest(exam_id, [e.id for e in exams])
    mean = f" (did you mean '{hint}'?)" if hint else ""
    raise IdError(f"unknown exam '{exam_id}'{mean}; exams: {', '.join(e.id for e in exams)}")


def find_part(target: str, exams: Sequence[Exam]) -> tuple[Exam, Part, str]:
    """(exam, part, field id or "") for `EXAM:PART[.FIELD]` or an unambiguous `PART[.FIELD]`."""
    exam_id, rest = split(target)
    part_id, _, field_id = rest.partition(".")
    pool = [find_exam(exam_id, exams)] if exam_id is not None else list(exams)
    holders = [e for e in pool if _has(e, part_id)]
    if not holders:
        where = f"exam {pool[0].id}" if len(pool) == 1 else "any exam"
        ids = " ".join(p.id for p in pool[0].parts) if len(pool) == 1 else ""
        listing = f"; its parts: {ids}" if ids else f"; exams: {', '.join(e.id for e in pool)}"
        raise IdError(f"unknown part '{part_id}' in {where}{listing}")
    if len(holders) > 1:
        names = ", ".join(e.id for e in holders)
        raise IdError(f"'{rest}' is a part of several exams ({names}); name the exam: "
                      f"{holders[0].id}:{rest}")
    exam = holders[0]
    return exam, exam.part(part_id), field_id


def find_field(target: str, exams: Sequence[Exam]) -> tuple[Exam, Field]:
    """(exam, field) for `[EXAM:]PART[.FIELD]`; a bare part id works when it has one field."""
    exam, part, field_id = find_part(target, exams)
    if field_id:
        try:
            return exam, part.field(field_id)
        except KeyError:
            ids = ", ".join(f.full_id for f in part.fields)
            raise IdError(f"part {part.id} has no field '{field_id}'; its fields: {ids}") from None
    if len(part.fields) == 1:
        return exam, part.fields[0]
    ids = ", ".join(f.full_id for f in part.fields)
    raise IdError(f"part {part.id} has several fields; name one: {ids}")


def qualified(exam: Exam, part_id: str, exams: Sequence[Exam]) -> str:
    """`PART` when only this exam has it among `exams`, else `EXAM:PART`."""
    others = [e for e in exams if e.id != exam.id and _has(e, part_id.partition(".")[0])]
    return f"{exam.id}:{part_id}" if others else part_id


def demo_links(exams: Sequence[Exam], demo: str) -> list[tuple[Exam, Part]]:
    """Every (exam, part) whose `demo:` names this demo, in exam order."""
    return [(exam, part) for exam in exams for part in exam.parts if part.demo == demo]


def _has(exam: Exam, part_id: str) -> bool:
    try:
        exam.part(part_id)
    except KeyError:
        return False
    return True
