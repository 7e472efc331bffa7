"""Attempts: every answer the learner submits, and what the rest of the app reads from them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.study.schema import MODES
from tutor.study.timeutil import from_iso, iso

if TYPE_CHECKING:
    from tutor.model import Exam

GRADED = ("correct", "partial", "incorrect", "blank")  # blank: left empty in a submitted mock
ANSWERED = ("correct", "partial", "incorrect")  # graded answers the learner actually gave


@dataclass(frozen=True)
class Attempt:
    """One submitted answer to one field, as recorded (`id`/`at` are filled in by the store).

    `field_id` may be the short id (`loss`) or the full one (`4a.loss`); it is stored full.
    `verdict` is the engine's (correct | partial | incorrect | invalid | self-grade), or
    `blank` for an unanswered mock field.
    """

    exam_id: str
    part_id: str
    field_id: str
    raw: str
    verdict: str
    score: float
    max: float
    mistake: str | None = None
    hints_used: int = 0
    solution_seen: bool = False
    duration_s: float | None = None
    mode: str = "practice"
    at: datetime | None = None
    mock_id: int | None = None
    id: int | None = None
    self_graded: bool = False
    variant: int = 0  # which numbers the part showed (0: the exam's own)
    misconceptions: tuple[str, ...] = ()  # every misconception the rubric found (written answers)

    @property
    def full_field_id(self) -> str:
        """`PART.FIELD`, whichever form `field_id` was given in."""
        return full_field_id(self.part_id, self.field_id)

    @property
    def fraction(self) -> float:
        """Score as a fraction of the field's points (0 when the field is worth nothing)."""
        return self.score / self.max if self.max > 0 else (1.0 if self.verdict == "correct" else 0.0)


@dataclass(frozen=True)
class ProblemProgress:
    """How far the learner has got with one problem (latest attempt of each field counts)."""

    problem_id: str
    title: str
    parts: int
    attempted: int
    correct: int
    earned: float
    points: float
    bonus: bool


def full_field_id(part_id: str, field_id: str) -> str:
    """Normalise a field id to `PART.FIELD`."""
    return field_id if "." in field_id else f"{part_id}.{field_id}"


def insert(conn: sqlite3.Connection, attempt: Attempt, now: datetime) -> int:
    """Insert one attempt (inside the caller's transaction); returns its id."""
    if attempt.mode not in MODES:
        raise ValueError(f"unknown mode {attempt.mode!r}; expected one of {', '.join(MODES)}")
    cur = conn.execute(
        "INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mistake,"
        " hints_used, solution_seen, duration_s, mode, at, mock_id, self_graded, variant, misconceptions)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt.exam_id, attempt.part_id, attempt.full_field_id, attempt.raw, attempt.verdict,
            float(attempt.score), float(attempt.max), attempt.mistake, int(attempt.hints_used),
            int(bool(attempt.solution_seen)), attempt.duration_s, attempt.mode,
            iso(attempt.at or now), attempt.mock_id, int(bool(attempt.self_graded)),
            int(attempt.variant), misconceptions_json(attempt.misconceptions),
        ),
    )
    return inserted_id(cur)


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    if cur.lastrowid is None:
        raise sqlite3.DatabaseError("the insert added no row")
    return cur.lastrowid


def from_row(row: sqlite3.Row) -> Attempt:
    """An Attempt from an `attempts` row."""
    return Attempt(
        exam_id=row["exam_id"], part_id=row["part_id"], field_id=row["field_id"], raw=row["raw"],
        verdict=row["verdict"], score=row["score"], max=row["max"], mistake=row["mistake"],
        hints_used=row["hints_used"], solution_seen=bool(row["solution_seen"]),
        duration_s=row["duration_s"], mode=row["mode"], at=from_iso(row["at"]),
        mock_id=row["mock_id"], id=row["id"], self_graded=bool(row["self_graded"]),
        variant=row["variant"], misconceptions=misconceptions_from_json(row["misconceptions"]),
    )


def misconceptions_json(ids: Iterable[str]) -> str | None:
    """The stored form of an answer's misconceptions: a JSON list, or NULL when there are none."""
    listed = list(dict.fromkeys(str(i) for i in ids))
    return json.dumps(listed) if listed else None


def misconceptions_from_json(text: str | None) -> tuple[str, ...]:
    """The misconception ids of a stored row (a damaged value reads as none)."""
    if not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(i) for i in data) if isinstance(data, list) else ()


def self_graded(attempt: Attempt, score: float) -> Attempt:
    """The attempt after the learner scored their own text answer (clamped to 0..max)."""
    from tutor.engine.result import verdict_for  # lazily: importing the study layer stays light

    score = min(max(float(score), 0.0), attempt.max)
    return replace(attempt, score=score, verdict=verdict_for(score, attempt.max), self_graded=True)


PRACTICE_MODES = ("practice", "review")  # the learner's own answers outside a mock


def latest_by_field(attempts: Iterable[Attempt], modes: tuple[str, ...] = PRACTICE_MODES, *,
                    prefer_exam_numbers: bool = False) -> dict[str, Attempt]:
    """The most recent graded attempt of each field among `modes` (invalid, ungraded and blank
    ones skipped).

    Practice status comes from practice and review only: a mock's answers are the mock's, and
    critiques judge someone else's work. With `prefer_exam_numbers`, a field's latest answer
    on the exam's own numbers stands, whatever variants were tried since (a variant counts
    only while the exam's numbers were never answered). `attempts` must be in chronological
    order.
    """
    out: dict[str, Attempt] = {}
    for attempt in attempts:
        if attempt.verdict not in ANSWERED or attempt.mode not in modes:
            continue
        key = attempt.full_field_id
        held = out.get(key)
        if prefer_exam_numbers and held is not None and held.variant == 0 and attempt.variant != 0:
            continue
        out[key] = attempt
    return out


def best_by_field(attempts: Iterable[Attempt], modes: tuple[str, ...] = PRACTICE_MODES) -> dict[str, float]:
    """The best score each field has earned among `modes` (any numbers)."""
    out: dict[str, float] = {}
    for attempt in attempts:
        if attempt.verdict in ANSWERED and attempt.mode in modes:
            key = attempt.full_field_id
            out[key] = max(out.get(key, 0.0), attempt.score)
    return out


def part_status(latest: dict[str, Attempt], exam: Exam | None = None) -> dict[str, str]:
    """"new" | "wrong" | "partial" | "right" per part, from the latest attempt of each field.

    With the exam, a part is "right" only when every field's latest attempt is correct and
    parts never tried are listed as "new"; without it, only attempted parts are listed.
    """
    by_part: dict[str, list[Attempt]] = {}
    known = set(exam.field_ids()) if exam is not None else None
    for attempt in latest.values():
        if known is not None and attempt.full_field_id not in known:
            continue  # a field since removed from the content
        by_part.setdefault(attempt.part_id, []).append(attempt)
    part_ids = [p.id for p in exam.parts] if exam is not None else list(by_part)
    status: dict[str, str] = {}
    for part_id in part_ids:
        done = by_part.get(part_id, [])
        n_fields = len(exam.part(part_id).fields) if exam is not None else len(done)
        if not done:
            status[part_id] = "new"
        elif len(done) == n_fields and all(a.verdict == "correct" for a in done):
            status[part_id] = "right"
        elif any(a.score > 0 or a.verdict in ("correct", "partial") for a in done):
            status[part_id] = "partial"
        else:
            status[part_id] = "wrong"
    return status


def missed_parts(latest: dict[str, Attempt]) -> set[str]:
    """Parts with a field whose latest graded answer earned less than full marks; fields not
    yet answered (a blank in a mock included) are not misses."""
    return {a.part_id for a in latest.values() if a.score < a.max - 1e-9}


def problem_progress(latest: dict[str, Attempt], exam: Exam) -> list[ProblemProgress]:
    """Per problem: parts attempted, parts right, points earned (latest attempt per field)."""
    status = part_status(latest, exam)
    known = set(exam.field_ids())
    out = []
    for problem in exam.problems:
        earned = sum(
            a.score for a in latest.values()
            if a.full_field_id in known and exam.part(a.part_id).problem_id == problem.id
        )
        out.append(
            ProblemProgress(
                problem_id=problem.id, title=problem.title, parts=len(problem.parts),
                attempted=sum(status[p.id] != "new" for p in problem.parts),
                correct=sum(status[p.id] == "right" for p in problem.parts),
                earned=round(earned, 6), points=problem.points, bonus=problem.bonus,
            )
        )
    return out

