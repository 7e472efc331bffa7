"""The class report: what a whole class misses — concepts, anticipated mistakes, written-answer
misconceptions, each part's difficulty, the mock scores, and who has reviews due.

    report = class_report(FolderSource(ClassFolder.under(data_dir)), exams)   # report_build
    report.to_json()          # the `tutor class report --json` object (keys in docs/serving.md)

A `ReportSource` (tutor.classroom.report_rows) reads a few aggregate rows per student, from each
student's own SQLite store or from one shared database; `report_build` turns them into this
same `ClassReport` either way.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

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
    """An anticipated mistake (listed in the content for a field) and how many students made it."""

    field_id: str
    id: str
    feedback: str
    students: int
    times: int


@dataclass(frozen=True)
class MisconceptionRow:
    """A written-answer misconception the rubric found, and how many students stated it."""

    field_id: str
    id: str
    concept: str
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
    first_try: float | None  # mean share of the points on each student's first answers

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
    mock_scores: tuple[float, ...]  # each student's last submitted mock, as a share of the points
    due: tuple[DueRow, ...]
    misconceptions: tuple[MisconceptionRow, ...] = ()

    def mock_histogram(self) -> list[int]:
        """How many last mocks fall in each tenth of the points (0-10%, …, 90-100%)."""
        counts = [0] * MOCK_BUCKETS
        for score in self.mock_scores:
            counts[min(MOCK_BUCKETS - 1, max(0, int(score * MOCK_BUCKETS)))] += 1
        return counts

    @property
    def mock_median(self) -> float | None:
        """The median last-mock score (None before any mock)."""
        return statistics.median(self.mock_scores) if self.mock_scores else None

    def to_json(self) -> dict[str, Any]:
        """The `--json` object for this exam."""
        return {
            "exam": self.exam_id, "title": self.title, "students_started": self.students_started,
            "concepts": [vars(c) for c in self.concepts],
            "mistakes": [vars(m) for m in self.mistakes],
            "misconceptions": [vars(m) for m in self.misconceptions],
            "parts": [{**vars(p), "difficulty": _round(p.difficulty), "first_try": _round(p.first_try)}
                      for p in self.parts],
            "mocks": {"count": len(self.mock_scores), "median": _round(self.mock_median),
                      "histogram": self.mock_histogram(), "scores": [_round(s) for s in self.mock_scores]},
            "due": [vars(d) for d in self.due],
        }


@dataclass(frozen=True)
class ClassReport:
    """The whole report: the roster's size, one `ExamReport` per exam, and the students whose
    progress could not be read (damaged, or written by a newer tutor)."""

    students: int
    exams: tuple[ExamReport, ...] = field(default_factory=tuple)
    unreadable: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The `tutor class report --json` object."""
        return {"students": self.students, "unreadable": list(self.unreadable),
                "exams": [e.to_json() for e in self.exams]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
