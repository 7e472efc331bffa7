"""What a class report is computed from: a few aggregate rows per student, whatever the store.

A source reads them, one student's SQLite store at a time (`report_sqlite`) or every student at
once from a shared database, and `report_build` turns them into the same `ClassReport`. The rows
count answers only; everything the exam's content says (concept tags, points, feedback) is
joined in Python, so both sources share it.

Which answers count: the learner's own graded answers in practice, review and mocks (a mock's
blank fields, unreadable input and critiques of the scanned answer are left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple, Protocol


class FieldRow(NamedTuple):
    """One student's answers to one field."""

    student: str
    exam_id: str
    part_id: str
    field_id: str  # PART.FIELD
    answers: int
    misses: int  # answers graded incorrect or partial
    first: float  # the share of the points the first answer earned
    latest_correct: int | None  # 1/0: the practice mark's answer is right; None: none in practice


class HitRow(NamedTuple):
    """How often one student made one anticipated mistake or stated one misconception."""

    student: str
    exam_id: str
    field_id: str
    id: str
    times: int
    written: bool  # from the written-answer misconception list (else the `mistake` column)


class MockRow(NamedTuple):
    """One student's last submitted mock of an exam, as a share of its points."""

    student: str
    exam_id: str
    fraction: float


class DueCount(NamedTuple):
    """How many of one student's concepts are due for review."""

    student: str
    exam_id: str
    due: int


@dataclass
class ReportRows:
    """Everything a source read (`unreadable`: students whose progress could not be read)."""

    fields: list[FieldRow] = field(default_factory=list)
    hits: list[HitRow] = field(default_factory=list)
    mocks: list[MockRow] = field(default_factory=list)
    due: list[DueCount] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    def extend(self, other: ReportRows) -> None:
        """Add another source's (or student's) rows."""
        self.fields += other.fields
        self.hits += other.hits
        self.mocks += other.mocks
        self.due += other.due
        self.unreadable += other.unreadable


class ReportUnavailable(Exception):
    """The class's progress cannot be read at all (the class database is unreachable or refuses);
    the message says which and why."""


class ReportSource(Protocol):
    """Where a class's progress is read from (see the module docstring)."""

    def students(self) -> list[str]:
        """The ids of every student on the roster."""

    def rows(self, exam_ids: Sequence[str], now: datetime) -> ReportRows:
        """The aggregate rows of every student, for these exams; cards due by `now` (plus the
        review's learn-ahead window) count as due. ReportUnavailable if nothing can be read."""
