"""The class report: what a whole class misses, from every student's own study store.

Computed only through `tutor.study`'s public functions (the same numbers each student sees
in `tutor stats`), so it stays right when the store changes underneath, and a shared-database
backend can later compute the same `ClassReport` in the database instead.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.classroom.layout import ClassFolder

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study import Store

MISSED = ("incorrect", "partial")
MOCK_BUCKETS = 10  # score distribution in tenths of the exam's points


@dataclass(frozen=True)
class ConceptRow:
    """One concept: how many students missed a part tagged with it, and how often."""

    id: str
    title: str
    students_missed: int
    misses: int
    attempts: int


@dataclass(frozen=True)
class MistakeRow:
    """An anticipated mistake (content-listed) and how many students made it."""

    field_id: str
    id: str
    feedback: str
    students: int
    times: int


@dataclass(frozen=True)
class PartRow:
    """One part's difficulty: who tried it, who has it right now, the mean first-try score."""

    id: str
    points: float
    tried: int
    right: int
    first_try: float | None  # mean fraction of the points on each student's first answer

    @property
    def difficulty(self) -> float | None:
        """1 − the share of students who tried it and have it right (None: nobody tried)."""
        return None if self.tried == 0 else 1 - self.right / self.tried


@dataclass(frozen=True)
class DueRow:
    """A student with concepts due for review."""

    student_id: str
    due: int


@dataclass(frozen=True)
class ExamReport:
    """The report for one exam."""

    exam_id: str
    title: str
    students_started: int
    concepts: tuple[ConceptRow, ...]
    mistakes: tuple[MistakeRow, ...]
    parts: tuple[PartRow, ...]
    mock_scores: tuple[float, ...]  # each student's last submitted mock, as a fraction of the points
    due: tuple[DueRow, ...]

    def mock_histogram(self) -> list[int]:
        """How many last mocks fall in each tenth of the points (0-10%, …, 90-100%)."""
        counts = [0] * MOCK_BUCKETS
        for score in self.mock_scores:
            counts[min(MOCK_BUCKETS - 1, max(0, int(score * MOCK_BUCKETS)))] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """The `--json` object for this exam."""
        scores = list(self.mock_scores)
        return {
            "exam": self.exam_id, "title": self.title, "students_started": self.students_started,
            "concepts": [vars(c) for c in self.concepts],
            "mistakes": [vars(m) for m in self.mistakes],
            "parts": [{**vars(p), "difficulty": _round(p.difficulty), "first_try": _round(p.first_try)}
                      for p in self.parts],
            "mocks": {"count": len(scores), "median": _round(statistics.median(scores)) if scores else None,
                      "histogram": self.mock_histogram(), "scores": [_round(s) for s in scores]},
            "due": [vars(d) for d in self.due],
        }


@dataclass(frozen=True)
class ClassReport:
    """The whole report: the roster's size and one `ExamReport` per exam."""

    students: int
    exams: tuple[ExamReport, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The `tutor class report --json` object."""
        return {"students": self.students, "exams": [e.to_json() for e in self.exams]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class _Tally:
    """Counts for one exam while the students' stores are read one at a time."""

    started: int = 0
    concept_students: Counter[str] = field(default_factory=Counter)
    concept_misses: Counter[str] = field(default_factory=Counter)
    concept_attempts: Counter[str] = field(default_factory=Counter)
    mistake_students: Counter[tuple[str, str]] = field(default_factory=Counter)
    mistake_times: Counter[tuple[str, str]] = field(default_factory=Counter)
    tried: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    first_try: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    mock_scores: list[float] = field(default_factory=list)
    due: list[DueRow] = field(default_factory=list)


def _add_student(tally: _Tally, student_id: str, store: Store, exam: Exam, now: datetime) -> None:
    attempts = [a for a in store.attempts(exam.id) if a.verdict not in ("blank", "invalid")]
    if attempts:
        tally.started += 1
    missed_concepts: set[str] = set()
    mistakes: set[tuple[str, str]] = set()
    first: dict[str, dict[str, float]] = defaultdict(dict)  # part -> field -> first fraction
    for attempt in attempts:
        try:
            part = exam.part(attempt.part_id)
        except KeyError:
            continue  # a part since removed from the content
        for concept in part.concepts:
            tally.concept_attempts[concept] += 1
            if attempt.verdict in MISSED:
                tally.concept_misses[concept] += 1
                missed_concepts.add(concept)
        if attempt.mistake:
            key = (attempt.full_field_id, attempt.mistake)
            tally.mistake_times[key] += 1
            mistakes.add(key)
        first[attempt.part_id].setdefault(attempt.full_field_id, attempt.fraction)
    tally.concept_students.update(missed_concepts)
    tally.mistake_students.update(mistakes)
    status = store.part_status(exam.id, exam)
    for part in exam.parts:
        if part.id in first:
            tally.tried[part.id] += 1
            tally.right[part.id] += status.get(part.id) == "right"
            fractions = first[part.id]  # a field not answered on the first try counts 0
            earned = sum(fractions.get(f"{part.id}.{f.id}", 0.0) * f.points for f in part.fields)
            tally.first_try[part.id].append(earned / part.points if part.points else 0.0)
    mocks = store.mocks(exam.id)
    if mocks and mocks[-1].score is not None and mocks[-1].max_score:
        tally.mock_scores.append(mocks[-1].score / mocks[-1].max_score)
    due = store.due_concepts(exam.id, now)
    if due:
        tally.due.append(DueRow(student_id, len(due)))


def _feedback(exam: Exam, field_id: str, mistake_id: str) -> str:
    part_id, _, short = field_id.partition(".")
    try:
        part = exam.part(part_id)
    except KeyError:
        return ""
    for fld in part.fields:
        if fld.id == short:
            for mistake in fld.mistakes:
                if mistake.id == mistake_id:
                    return " ".join(mistake.feedback.split())
    return ""


def _exam_report(exam: Exam, tally: _Tally) -> ExamReport:
    concepts = sorted(
        (ConceptRow(cid, exam.concepts[cid].title if cid in exam.concepts else cid, tally.concept_students[cid],
                    tally.concept_misses[cid], tally.concept_attempts[cid])
         for cid in set(exam.concepts) | set(tally.concept_attempts)),
        key=lambda c: (-c.students_missed, -c.misses, c.id))
    mistakes = sorted(
        (MistakeRow(fid, mid, _feedback(exam, fid, mid), tally.mistake_students[(fid, mid)], n)
         for (fid, mid), n in tally.mistake_times.items()),
        key=lambda m: (-m.students, -m.times, m.field_id, m.id))
    parts = tuple(
        PartRow(p.id, p.points, tally.tried[p.id], tally.right[p.id],
                statistics.fmean(tally.first_try[p.id]) if tally.first_try.get(p.id) else None)
        for p in exam.parts)
    due = sorted(tally.due, key=lambda d: (-d.due, d.student_id))
    return ExamReport(exam.id, exam.title, tally.started, tuple(concepts), tuple(mistakes), parts,
                      tuple(sorted(tally.mock_scores)), tuple(due))


def class_report(folder: ClassFolder, student_ids: list[str], exams: list[Exam],
                 now: datetime | None = None) -> ClassReport:
    """Read every student's store once and count across the class. Students who never opened
    the tutor have no store and count as not started; their folders are not created."""
    from tutor.study import open_store
    from tutor.study.paths import db_path
    from tutor.study.timeutil import utc_now

    moment = now or utc_now()
    tallies = {exam.id: _Tally() for exam in exams}
    for student_id in student_ids:
        directory = folder.student_dir(student_id)
        if not db_path(directory).exists():
            continue
        store = open_store(directory, exams=exams)
        try:
            for exam in exams:
                _add_student(tallies[exam.id], student_id, store, exam, moment)
        finally:
            store.close()
    return ClassReport(len(student_ids), tuple(_exam_report(e, tallies[e.id]) for e in exams))
