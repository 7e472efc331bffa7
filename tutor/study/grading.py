"""Grading a mock midterm: a pure function of the exam, the saved answers and a checker.

The checker is injected (`tutor.engine.check` in the app, a fake in tests), so grading is
testable without the engine and never touches the store. Text fields come back from the
engine as "self-grade": they count 0 until the learner scores them against the rubric, and
`apply_self_grades` folds those scores in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.model import Exam, Field

Check = Callable[["Field", str], Any]  # returns an object with .verdict .score .max .mistake


@dataclass(frozen=True)
class FieldGrade:
    """The grade of one answer box."""

    field_id: str
    part_id: str
    kind: str
    raw: str
    verdict: str  # correct | partial | incorrect | invalid | blank | self-grade
    score: float
    max: float
    mistake: str | None = None
    feedback: tuple[str, ...] = ()
    suggested: float | None = None  # the engine's rubric-evidence score for a text answer
    self_graded: bool = False
    misconceptions: tuple[str, ...] = ()  # the misconceptions the rubric found in a text answer

    @property
    def pending(self) -> bool:
        """A text answer still waiting for the learner's self-grade."""
        return self.verdict == "self-grade" and not self.self_graded


@dataclass(frozen=True)
class PartGrade:
    """The grade of one part: the sum of its fields."""

    part_id: str
    problem_id: str
    score: float
    max: float
    verdict: str  # correct | partial | incorrect | blank | pending


@dataclass(frozen=True)
class ProblemGrade:
    """The grade of one problem out of its points."""

    problem_id: str
    title: str
    score: float
    max: float
    bonus: bool


@dataclass(frozen=True)
class MockGrade:
    """A graded mock: per field, part and problem, total out of 100 plus bonus out of 6."""

    exam_id: str
    fields: tuple[FieldGrade, ...]
    parts: tuple[PartGrade, ...]
    problems: tuple[ProblemGrade, ...]
    score: float
    max_score: float
    bonus: float
    max_bonus: float
    time_used_s: float

    @property
    def pending(self) -> tuple[FieldGrade, ...]:
        """Text answers waiting for a self-grade."""
        return tuple(f for f in self.fields if f.pending)

    def part(self, part_id: str) -> PartGrade:
        """The grade of one part (KeyError if absent)."""
        for p in self.parts:
            if p.part_id == part_id:
                return p
        raise KeyError(part_id)

    def field(self, field_id: str) -> FieldGrade:
        """The grade of one field by full id (KeyError if absent)."""
        for f in self.fields:
            if f.field_id == field_id:
                return f
        raise KeyError(field_id)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the form stored with the mock)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MockGrade:
        """Rebuild a MockGrade from `to_json()` output."""
        return cls(
            exam_id=data["exam_id"],
            fields=tuple(FieldGrade(**{**f, "feedback": tuple(f["feedback"]),
                                       "misconceptions": tuple(f.get("misconceptions", ()))})
                         for f in data["fields"]),
            parts=tuple(PartGrade(**p) for p in data["parts"]),
            problems=tuple(ProblemGrade(**p) for p in data["problems"]),
            score=data["score"], max_score=data["max_score"], bonus=data["bonus"],
            max_bonus=data["max_bonus"], time_used_s=data["time_used_s"],
        )


def grade_field(field: Field, raw: str | None, check: Check) -> FieldGrade:
    """Grade one saved answer; blank answers are not checked; a checker failure scores 0."""
    text = (raw or "").strip()
    grade = partial(FieldGrade, field_id=field.full_id, part_id=field.part_id, kind=field.kind, raw=text,
                    max=float(field.points))
    if not text:
        return grade(verdict="blank", score=0.0)
    try:
        result = check(field, text)
    except Exception as error:  # noqa: BLE001 - a checker bug must not lose the learner's whole mock
        return grade(verdict="invalid", score=0.0, feedback=(f"This answer could not be checked: {error}",))
    verdict = str(result.verdict)
    score = _clamp(float(getattr(result, "score", 0.0) or 0.0), float(field.points))
    feedback = tuple(getattr(result, "feedback", ()) or ())
    if verdict == "self-grade":
        found = tuple(str(m.id) for m in getattr(result, "misconceptions", ()) or ())
        return grade(verdict=verdict, score=0.0, suggested=score, feedback=feedback, misconceptions=found)
    return grade(verdict=verdict, score=score, mistake=getattr(result, "mistake", None), feedback=feedback)


def grade_mock(exam: Exam, answers: Mapping[str, str], check: Check, *, time_used_s: float = 0.0,
               self_grades: Mapping[str, float] | None = None) -> MockGrade:
    """Grade every field of the exam from `answers` (full field id -> raw text)."""
    fields = tuple(grade_field(f, answers.get(f.full_id), check) for p in exam.parts for f in p.fields)
    grade = _totals(exam, fields, time_used_s)
    return apply_self_grades(exam, grade, self_grades) if self_grades else grade


def apply_self_grades(exam: Exam, grade: MockGrade, self_grades: Mapping[str, float]) -> MockGrade:
    """The grade with the learner's scores for text answers folded in (clamped to 0..max)."""
    fields = tuple(
        replace(f, score=_clamp(float(self_grades[f.field_id]), f.max), self_graded=True)
        if f.verdict == "self-grade" and f.field_id in self_grades else f
        for f in grade.fields
    )
    return _totals(exam, fields, grade.time_used_s)


def part_verdict(fields: list[FieldGrade]) -> str:
    """correct | partial | incorrect | blank | pending for a part's fields."""
    if any(f.pending for f in fields):
        return "pending"
    if all(f.verdict == "blank" for f in fields):
        return "blank"
    from tutor.engine.result import verdict_for  # lazily: importing the study layer stays light

    return verdict_for(sum(f.score for f in fields), sum(f.max for f in fields))


def _totals(exam: Exam, fields: tuple[FieldGrade, ...], time_used_s: float) -> MockGrade:
    """Sum fields into parts, parts into problems, problems into total and bonus."""
    parts, problems = [], []
    for problem in exam.problems:
        problem_score = 0.0
        for part in problem.parts:
            mine = [f for f in fields if f.part_id == part.id]
            score = sum(f.score for f in mine)
            parts.append(PartGrade(part.id, problem.id, round(score, 6), float(part.points),
                                   part_verdict(mine)))
            problem_score += score
        problems.append(ProblemGrade(problem.id, problem.title, round(problem_score, 6),
                                     float(problem.points), problem.bonus))
    return MockGrade(
        exam_id=exam.id, fields=fields, parts=tuple(parts), problems=tuple(problems),
        score=round(sum(p.score for p in problems if not p.bonus), 6),
        max_score=float(sum(p.max for p in problems if not p.bonus)),
        bonus=round(sum(p.score for p in problems if p.bonus), 6),
        max_bonus=float(sum(p.max for p in problems if p.bonus)),
        time_used_s=float(time_used_s),
    )


def _clamp(score: float, top: float) -> float:
    """Keep a score within 0..top."""
    return min(max(score, 0.0), top)
