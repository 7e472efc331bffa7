"""Answering a question: one workflow for practice, review and critique, and its typed result.

    checked = check_and_record(store, exam, part, field, raw, mode="practice", variant=2)
    # checked.closed: a mock of this exam is running (nothing checked, nothing shown)
    # checked.result: the engine's Result; checked.attempt_id: committed before you show it
    # checked.rating: the review rating the result suggests

The mock grades its saved answers with the same check (`check_exam_answer`) when it is
submitted (`Store.finish_mock`); written answers are self-graded with `self_grade` here or
`Store.self_grade_mock`. Screens and commands call these functions and render what they
return; none of them decides a verdict, records an attempt or rates a concept itself.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tutor.engine.result import Result, verdict_for
from tutor.study.attempts import Attempt
from tutor.study.review import suggest_rating

if TYPE_CHECKING:
    from tutor.model import Exam, Field, Part
    from tutor.study.mock import MockSession
    from tutor.study.store import Store


class Scored(Protocol):
    """Anything with a verdict and points: an engine Result, a self-grade, an attempt."""

    @property
    def verdict(self) -> str:
        """correct | partial | incorrect | invalid | self-grade."""

    @property
    def score(self) -> float:
        """Points earned."""

    @property
    def max(self) -> float:
        """Points available."""


@dataclass(frozen=True)
class Checked:
    """What checking one answer did.

    `closed` is the running mock of the exam when exam conditions hold (then `result` is None
    and nothing was recorded). Otherwise `result` is the engine's result; `attempt_id` the
    committed attempt (None for unreadable input, which is not counted); `rating` the review
    rating the result suggests (None when it says nothing about recall).
    """

    result: Result | None
    attempt_id: int | None = None
    rating: int | None = None
    closed: MockSession | None = None
    not_saved: str | None = None  # why the attempt could not be recorded (the verdict stands)


@dataclass(frozen=True)
class SelfGraded:
    """A written answer after the learner scored it: its verdict and points as recorded."""

    verdict: str
    score: float
    max: float
    attempt: Attempt | None


def running_mock(store: Store, exam_id: str) -> MockSession | None:
    """The exam's mock if one is running now (see `Store.running_mock`)."""
    return store.running_mock(exam_id)


def running_mock_at(data_dir: str | os.PathLike[str] | None, exam_id: str) -> MockSession | None:
    """The exam's running mock in the store at `data_dir` (None if there is no store yet).

    For commands that check without recording (`tutor answer`): they honour exam conditions
    too, and never create a database just to look.
    """
    from tutor.study import paths
    from tutor.study.opening import open_store

    try:
        if not paths.db_path(data_dir).exists():
            return None
    except OSError:
        return None
    store = open_store(data_dir)
    try:
        return store.running_mock(exam_id)
    except (OSError, sqlite3.Error):
        return None
    finally:
        store.close()


def check_and_record(store: Store, exam: Exam, part: Part, field: Field, raw: str, *,
                     mode: str = "practice", variant: int = 0, hints_used: int = 0,
                     solution_seen: bool = False, duration_s: float | None = None) -> Checked:
    """Check one answer and commit it before anyone sees the verdict.

    `part` and `field` are as shown (numbers filled in for `variant`). A graded answer is
    recorded as an attempt of `mode` (practice | review), which feeds the part's concepts to
    review as `Store.record_attempt` describes; unreadable input is not recorded. While a mock
    of the exam runs, nothing is checked: exam conditions.
    """
    from tutor.engine.exam_numbers import check_shown

    try:
        session = running_mock(store, exam.id)
    except (OSError, sqlite3.Error):  # a failing store cannot hold a mock open either
        session = None
    if session is not None:
        return Checked(None, closed=session)
    result = check_shown(field, raw)
    if result.verdict == "invalid":
        return Checked(result)
    attempt = Attempt(
        exam_id=exam.id, part_id=part.id, field_id=field.id, raw=raw, verdict=result.verdict,
        score=float(result.score), max=float(result.max), mistake=result.mistake,
        hints_used=hints_used, solution_seen=solution_seen, duration_s=duration_s, mode=mode,
        variant=variant, misconceptions=tuple(m.id for m in result.misconceptions))
    rating = suggest_rating(result.verdict, attempt.score, attempt.max, hints_used, solution_seen)
    try:
        attempt_id = store.record_attempt(attempt, concepts=part.concepts)
    except (OSError, sqlite3.Error) as exc:  # the store degrades to memory first; this is past that
        return Checked(result, None, rating, not_saved=str(exc))
    return Checked(result, attempt_id, rating)


def self_grade(store: Store, attempt_id: int | None, score: float, top: float) -> SelfGraded:
    """Record the learner's own score for a written answer (feeds review like any result).

    Without a recorded attempt (the store could not save it) the verdict is still given by
    the one rule, so the screen can show it.
    """
    if attempt_id is None:
        clamped = min(max(float(score), 0.0), float(top))
        return SelfGraded(verdict_for(clamped, top), clamped, float(top), None)
    graded = store.self_grade(attempt_id, score)
    return SelfGraded(graded.verdict, graded.score, graded.max, graded)


def record_critique(store: Store, exam: Exam, part: Part, judgement: str, expected: str) -> bool:
    """Record the learner's judgement of the scanned answer; True when it agrees with the key.

    A critique is an attempt of its own ("critique" mode, one point for agreeing) that feeds
    the part's concepts but never stands for the learner's own answer to the part. A scan
    that did not come through (verdict "unreadable") cannot be judged: nothing is recorded.
    """
    agreed = judgement == expected
    if part.scan is not None and part.scan.verdict == "unreadable":
        return agreed
    store.record_attempt(Attempt(
        exam_id=exam.id, part_id=part.id, field_id="critique", raw=judgement,
        verdict="correct" if agreed else "incorrect", score=1.0 if agreed else 0.0, max=1.0,
        mode="critique"), concepts=part.concepts)
    return agreed


def suggest_from_results(results: Iterable[Scored]) -> int | None:
    """The review rating a question's checked answers suggest together (None: none graded)."""
    graded = [r for r in results if r.verdict in ("correct", "partial", "incorrect")]
    if not graded:
        return None
    score, top = sum(float(r.score) for r in graded), sum(float(r.max) for r in graded)
    return suggest_rating(verdict_for(score, top), score, top)
