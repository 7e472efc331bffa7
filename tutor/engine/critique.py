"""The verdict on a part's scanned answer, from the same checks a learner's answer gets.

A written field is judged on the scanned text by its rubric (`tutor.engine.judge`); another
field (a choice, a number) is checked on what the scan's `fields:` block says the student gave
for it. The part's verdict follows from the points: all of them → correct, none → wrong,
some → partial. A blank scan is `blank`; a scan with nothing the checks can read (an
illegible one, or a non-written part whose scan lists no `fields:`) keeps the grader's verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.engine.result import Result


@dataclass(frozen=True)
class ScanJudgement:
    """What the checks give the scanned answer: a verdict, points, and each field's result."""

    verdict: str          # correct | partial | wrong | blank | unreadable
    score: float
    max: float
    results: tuple[Result, ...] = ()


def _exam_numbers(part: Any) -> Any:
    if not getattr(part, "params", None):
        return part
    from tutor.engine.variants import render_part

    return render_part(part, 0)


def judge_scan(part: Any) -> ScanJudgement | None:
    """The checks' verdict on the part's scanned answer (None when the part has no scan)."""
    from tutor.engine.api import check

    scan = part.scan
    if scan is None:
        return None
    filled = _exam_numbers(part)
    results: list[Result] = []
    for field in filled.fields:
        raw = scan.answer if field.kind == "text" else scan.fields.get(field.id)
        if raw is None or not raw.strip():
            continue
        results.append(check(field, raw))
    if not results:  # nothing the checks can read: the grader's own verdict stands
        verdict = "blank" if not scan.answer.strip() else scan.verdict
        return ScanJudgement(verdict, 0.0, float(part.points))
    score = sum(r.score for r in results)
    top = sum(r.max for r in results)
    verdict = "correct" if score >= top - 1e-6 else "wrong" if score <= 1e-6 else "partial"
    return ScanJudgement(verdict, round(score, 4), top, tuple(results))
