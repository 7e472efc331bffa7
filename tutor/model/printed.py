"""The exam as printed: what the mock sits, without the fields the tutor added.

A field marked `addition: true` (a numeric companion the tutor added to a written question)
stays in practice, marked as the tutor's, but is not on the exam: the mock leaves it out and
the part's other fields carry the part's printed points between them, in proportion.
"""

from __future__ import annotations

from dataclasses import replace

from tutor.model.types import Exam, Part

_CACHE: dict[int, tuple[Exam, Exam]] = {}


def printed_part(part: Part) -> Part:
    """The part without the tutor's added fields, its points shared by the fields left."""
    kept = tuple(f for f in part.fields if not f.addition)
    if len(kept) == len(part.fields) or not kept:
        return part
    total = sum(f.points for f in kept)
    scale = part.points / total if total > 0 else 0.0
    return replace(part, fields=tuple(replace(f, points=round(f.points * scale, 6)) for f in kept))


def printed_exam(exam: Exam) -> Exam:
    """The exam as printed: every part without the tutor's added fields (see the module doc)."""
    cached = _CACHE.get(id(exam))
    if cached is not None and cached[0] is exam:
        return cached[1]
    problems = tuple(replace(p, parts=tuple(printed_part(part) for part in p.parts)) for p in exam.problems)
    printed = exam if problems == exam.problems else replace(exam, problems=problems)
    _CACHE[id(exam)] = (exam, printed)
    return printed
