"""Mock midterm sessions: a stored deadline, autosaved answers, flags, and one submission.

The deadline is stored when the mock starts, so a mock closed or crashed mid-way resumes
with the time that is really left. Submission is a guarded
`UPDATE ... WHERE submitted_at IS NULL`: however many timers, modals or relaunches try to
submit, exactly one succeeds, and the attempts it records are written in that same
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tutor.study import attempts, review
from tutor.study.timeutil import from_iso, iso, to_utc
from tutor.study.tolerant import Problems, parse_rows

if TYPE_CHECKING:
    from tutor.model import Exam, Field
    from tutor.study.grading import Check, MockGrade
    from tutor.study.store import Store

# `tutor.study.grading` is imported where a grade is made or read: opening the app, and
# the home screen before any mock is submitted, need none.

REASONS = ("manual", "timeout", "expired")


class MockAlreadyOpen(Exception):
    """A mock of this exam is already in progress (resume it or submit it first)."""

    def __init__(self, session: MockSession) -> None:
        super().__init__(f"mock {session.id} of {session.exam_id} is still open")
        self.session = session


@dataclass(frozen=True)
class MockSession:
    """One sitting of a mock midterm, as stored."""

    id: int
    exam_id: str
    minutes: float
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None = None
    submit_reason: str | None = None
    score: float | None = None
    bonus: float | None = None
    max_score: float | None = None
    max_bonus: float | None = None
    time_used_s: float | None = None

    @property
    def submitted(self) -> bool:
        """Whether the mock has been submitted."""
        return self.submitted_at is not None

    def remaining(self, now: datetime) -> timedelta:
        """Time left before the deadline (never negative)."""
        return max(self.deadline - to_utc(now), timedelta(0))

    def expired(self, now: datetime) -> bool:
        """Whether the deadline has passed."""
        return to_utc(now) >= self.deadline

    def time_used(self, now: datetime) -> timedelta:
        """Time used so far (capped at the allowed time)."""
        end = min(to_utc(now), self.deadline)
        return max(end - self.started_at, timedelta(0))


@dataclass(frozen=True)
class MockResult:
    """A submitted mock with its grade; `submitted_now` is False if another call got there first."""

    session: MockSession
    grade: MockGrade
    submitted_now: bool


def _session(row: sqlite3.Row) -> MockSession:
    """A MockSession from a `mocks` row."""
    return MockSession(
        id=row["id"], exam_id=row["exam_id"], minutes=row["minutes"],
        started_at=from_iso(row["started_at"]), deadline=from_iso(row["deadline"]),
        submitted_at=from_iso(row["submitted_at"]), submit_reason=row["submit_reason"],
        score=row["score"], bonus=row["bonus"], max_score=row["max_score"],
        max_bonus=row["max_bonus"], time_used_s=row["time_used_s"],
    )


def get(conn: sqlite3.Connection, mock_id: int) -> MockSession | None:
    """The mock with this id."""
    row = conn.execute("SELECT * FROM mocks WHERE id = ?", (mock_id,)).fetchone()
    return _session(row) if row else None


def open_mock(conn: sqlite3.Connection, exam_id: str) -> MockSession | None:
    """The exam's unsubmitted mock, if any (there is at most one)."""
    row = conn.execute("SELECT * FROM mocks WHERE exam_id = ? AND submitted_at IS NULL",
                       (exam_id,)).fetchone()
    return _session(row) if row else None


def start(conn: sqlite3.Connection, exam_id: str, minutes: float, now: datetime) -> MockSession:
    """Start a mock of `minutes` (may be fractional); MockAlreadyOpen if one is in progress."""
    if not minutes > 0:
        raise ValueError(f"minutes must be positive, not {minutes!r}")
    current = open_mock(conn, exam_id)
    if current is not None:
        raise MockAlreadyOpen(current)
    now = to_utc(now)
    deadline = now + timedelta(minutes=float(minutes))
    cur = conn.execute(
        "INSERT INTO mocks (exam_id, minutes, started_at, deadline) VALUES (?, ?, ?, ?)",
        (exam_id, float(minutes), iso(now), iso(deadline)),
    )
    session = get(conn, attempts.inserted_id(cur))
    if session is None:
        raise sqlite3.DatabaseError("the new mock was not stored")
    return session


def save_answer(conn: sqlite3.Connection, mock_id: int, field_id: str, raw: str, now: datetime) -> bool:
    """Upsert one field's answer while the mock is open; False once it has been submitted."""
    cur = conn.execute(
        "INSERT INTO mock_answers (mock_id, field_id, raw, saved_at)"
        " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM mocks WHERE id = ? AND submitted_at IS NULL)"
        " ON CONFLICT (mock_id, field_id) DO UPDATE SET raw = excluded.raw, saved_at = excluded.saved_at",
        (mock_id, field_id, raw, iso(now), mock_id),
    )
    return cur.rowcount == 1


def answers(conn: sqlite3.Connection, mock_id: int) -> dict[str, str]:
    """Saved answers of a mock: full field id -> raw text."""
    rows = conn.execute("SELECT field_id, raw FROM mock_answers WHERE mock_id = ?", (mock_id,))
    return {r["field_id"]: r["raw"] for r in rows}


def set_flag(conn: sqlite3.Connection, mock_id: int, part_id: str, flagged: bool) -> None:
    """Flag a part for later, or clear the flag."""
    if flagged:
        conn.execute("INSERT OR IGNORE INTO mock_flags (mock_id, part_id) VALUES (?, ?)", (mock_id, part_id))
    else:
        conn.execute("DELETE FROM mock_flags WHERE mock_id = ? AND part_id = ?", (mock_id, part_id))


def flags(conn: sqlite3.Connection, mock_id: int) -> set[str]:
    """Parts flagged for later."""
    return {r[0] for r in conn.execute("SELECT part_id FROM mock_flags WHERE mock_id = ?", (mock_id,))}


def submit(conn: sqlite3.Connection, exam: Exam, mock_id: int, grade: MockGrade, reason: str,
           now: datetime) -> bool:
    """Record the submission once (inside the caller's transaction); False if already submitted.

    The winning call also records one `mock` attempt per field (verdict "blank" for one left
    empty) and feeds review: each answered part's concepts get the rating its result suggests.
    The mock's attempts belong to the mock: they change no practice mark, and a blank part
    rates no concept.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    cur = conn.execute(
        "UPDATE mocks SET submitted_at = ?, submit_reason = ?, score = ?, bonus = ?, max_score = ?,"
        " max_bonus = ?, time_used_s = ?, grading = ? WHERE id = ? AND submitted_at IS NULL",
        (iso(now), reason, grade.score, grade.bonus, grade.max_score, grade.max_bonus,
         grade.time_used_s, json.dumps(grade.to_json()), mock_id),
    )
    if cur.rowcount != 1:
        return False
    for field in grade.fields:
        attempts.insert(conn, attempts.Attempt(
            exam_id=exam.id, part_id=field.part_id, field_id=field.field_id, raw=field.raw,
            verdict=field.verdict, score=field.score, max=field.max, mistake=field.mistake,
            mode="mock", mock_id=mock_id, misconceptions=field.misconceptions), now)
    for part in exam.parts:
        _feed_part(conn, exam, grade, part.id, now)
    return True


def _feed_part(conn: sqlite3.Connection, exam: Exam, grade: MockGrade, part_id: str, now: datetime) -> None:
    """Feed a part's result to review, unless a text answer in it is still ungraded."""
    from tutor.study.grading import part_verdict

    mine = [f for f in grade.fields if f.part_id == part_id]
    verdict = part_verdict(mine)
    if verdict in ("pending", "blank"):
        return  # a blank part is no answer: it rates no concept
    score, top = sum(f.score for f in mine), sum(f.max for f in mine)
    rating = review.suggest_rating(verdict, score, top)
    if rating is not None:
        review.rate(conn, exam.id, exam.part(part_id).concepts, rating, "mock", now)


def stored_grade(conn: sqlite3.Connection, mock_id: int) -> MockGrade | None:
    """The grade saved with a submitted mock (self-grades included)."""
    row = conn.execute("SELECT grading FROM mocks WHERE id = ?", (mock_id,)).fetchone()
    if not (row and row[0]):
        return None
    from tutor.study.grading import MockGrade

    return MockGrade.from_json(json.loads(row[0]))


def self_grade(conn: sqlite3.Connection, exam: Exam, mock_id: int, field_id: str, score: float,
               now: datetime) -> MockGrade:
    """Store the learner's score for a text answer and re-total the mock (caller's transaction)."""
    grade = stored_grade(conn, mock_id)
    if grade is None:
        raise ValueError(f"mock {mock_id} has not been submitted")
    target = grade.field(field_id)
    if target.verdict != "self-grade":
        raise ValueError(f"{field_id} is not a self-graded (text) answer")
    conn.execute(
        "INSERT INTO mock_self_grades (mock_id, field_id, score, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (mock_id, field_id) DO UPDATE SET score = excluded.score, at = excluded.at",
        (mock_id, field_id, float(score), iso(now)),
    )
    graded = {r[0]: r[1] for r in conn.execute(
        "SELECT field_id, score FROM mock_self_grades WHERE mock_id = ?", (mock_id,))}
    from tutor.study.grading import apply_self_grades

    new = apply_self_grades(exam, grade, graded)
    conn.execute(
        "UPDATE mocks SET score = ?, bonus = ?, grading = ? WHERE id = ?",
        (new.score, new.bonus, json.dumps(new.to_json()), mock_id),
    )
    updated = new.field(field_id)
    verdict = attempts.self_graded(attempts.Attempt(exam.id, updated.part_id, field_id, "", "", 0.0,
                                                    updated.max), updated.score).verdict
    conn.execute(
        "UPDATE attempts SET score = ?, verdict = ?, self_graded = 1 WHERE mock_id = ? AND field_id = ?",
        (updated.score, verdict, mock_id, field_id),
    )
    if not target.self_graded:
        _feed_part(conn, exam, new, updated.part_id, now)
    return new


def exam_checker(exam: Exam) -> Check:
    """The mock's check: the engine's, against the exam's own numbers (never raises)."""
    from tutor.engine.exam_numbers import check_exam_answer

    def check(field: Field, raw: str) -> Any:
        return check_exam_answer(field, raw, exam.part(field.part_id))

    return check


def finish(store: Store, exam: Exam, mock_id: int, check: Check, reason: str = "manual",
           now: datetime | None = None, time_used_s: float | None = None) -> MockResult:
    """Grade the saved answers and submit; safe to call any number of times (one submission).
    `time_used_s`, when given, is the run's own (monotonic) account of the time used."""
    now = to_utc(now or store.now())
    session = store.read(lambda c: get(c, mock_id))
    if session is None:
        raise KeyError(f"no mock {mock_id}")
    if not session.submitted:
        from tutor.study.grading import grade_mock

        saved = store.read(lambda c: answers(c, mock_id))
        used = session.time_used(now).total_seconds() if time_used_s is None else time_used_s
        grade = grade_mock(exam, saved, check, time_used_s=min(max(used, 0.0), session.minutes * 60))
        won = store.write(lambda c: submit(c, exam, mock_id, grade, reason, now))
        if won:
            return MockResult(_submitted(store, mock_id)[0], grade, True)
    stored, stored_by = _submitted(store, mock_id)
    return MockResult(stored, stored_by, False)


def _submitted(store: Store, mock_id: int) -> tuple[MockSession, MockGrade]:
    """A submitted mock and its grade, as stored."""
    session, grade = store.read(lambda c: (get(c, mock_id), stored_grade(c, mock_id)))
    if session is None or grade is None:
        raise KeyError(f"mock {mock_id} is not submitted")
    return session, grade


def resume(store: Store, exam: Exam, check: Check, now: datetime | None = None
           ) -> tuple[MockSession | None, MockResult | None]:
    """On launch: (open mock to continue, None), or (None, result) if its deadline passed
    while the app was closed (submitted now with the saved answers), or (None, None)."""
    now = to_utc(now or store.now())
    session = store.read(lambda c: open_mock(c, exam.id))
    if session is None:
        return None, None
    if session.expired(now):
        return None, finish(store, exam, session.id, check, "expired", now)
    return session, None


def history(conn: sqlite3.Connection, exam_id: str, problems: Problems | None = None) -> list[MockSession]:
    """Submitted mocks of an exam, oldest first (with `problems`: damaged rows skipped and counted)."""
    rows = conn.execute(
        "SELECT * FROM mocks WHERE exam_id = ? AND submitted_at IS NOT NULL ORDER BY started_at, id",
        (exam_id,),
    )
    return parse_rows(rows, _session, "mocks", problems)
