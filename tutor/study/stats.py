"""Statistics: mastery per concept, the most frequent mistakes, and mock history."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.study import mock, review
from tutor.study.attempts import GRADED
from tutor.study.timeutil import iso, to_utc, until
from tutor.study.tolerant import Problems, parse_rows, section

if TYPE_CHECKING:
    from tutor.model import Exam

RECENT = 10  # attempts per concept that make up "recent accuracy"
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class ConceptMastery:
    """How well one concept is known: FSRS retrievability and recent accuracy, combined.

    `learning` is True while the concept's card is in a (re)learning step, that is, just
    after a miss. FSRS predicts a recall of 100% at the moment of any review, a failed one
    included, so no retrievability is reported then and mastery rests on accuracy alone.
    """

    id: str
    title: str
    due: datetime | None
    retrievability: float | None
    accuracy: float | None
    attempts: int
    mastery: float | None  # 0..1: mean of retrievability and accuracy; None: never practised
    learning: bool = False
    due_now: bool = False  # due, or within the review queue's learn-ahead window

    def recall_text(self) -> str:
        """The recall column: "learning" just after a miss, else the retrievability."""
        return "learning" if self.learning else percent(self.retrievability)

    def review_text(self, now: datetime) -> str:
        """The review column: "now" when due (as the review queue counts it), else when."""
        if self.due is None:
            return "—"
        return "now" if self.due_now else until(self.due, now)


def percent(value: float | None) -> str:
    """A fraction as a whole percentage, or a dash."""
    return "—" if value is None else f"{round(value * 100)}%"


@dataclass(frozen=True)
class MistakeCount:
    """A content-listed mistake and how often the learner made it."""

    id: str
    field_id: str
    count: int


@dataclass(frozen=True)
class Stats:
    """Everything `tutor stats` and the Stats screen show for one exam."""

    exam_id: str
    attempts: int
    mocks: tuple[mock.MockSession, ...]
    concepts: tuple[ConceptMastery, ...]
    mistakes: tuple[MistakeCount, ...]

    def to_json(self) -> dict[str, Any]:
        """The `tutor stats --json` object for this exam."""
        return {
            "exam": self.exam_id,
            "attempts": self.attempts,
            "mocks": [mock_json(m) for m in self.mocks],
            "concepts": [
                {"id": c.id, "title": c.title, "due": iso(c.due) if c.due else None,
                 "due_now": c.due_now, "learning": c.learning,
                 "retrievability": _round(c.retrievability), "accuracy": _round(c.accuracy),
                 "attempts": c.attempts, "mastery": _round(c.mastery)}
                for c in self.concepts
            ],
            "mistakes": [{"id": m.id, "field": m.field_id, "count": m.count} for m in self.mistakes],
        }


def mock_json(session: mock.MockSession) -> dict[str, Any]:
    """One mock in the stats JSON."""
    used = session.time_used_s
    return {
        "id": session.id,
        "started": iso(session.started_at),
        "submitted": iso(session.submitted_at) if session.submitted_at else None,
        "score": session.score, "max_score": session.max_score,
        "bonus": session.bonus, "max_bonus": session.max_bonus,
        "minutes": session.minutes,
        "minutes_used": round(used / 60, 2) if used is not None else None,
        "reason": session.submit_reason,
    }


def _round(value: float | None) -> float | None:
    """Round for display/JSON, keeping None."""
    return None if value is None else round(value, 4)


def attempt_count(conn: sqlite3.Connection, exam_id: str | None = None) -> int:
    """Number of answers given (for one exam, or all); mock fields left blank are not counted."""
    if exam_id is None:
        return int(conn.execute("SELECT COUNT(*) FROM attempts WHERE verdict != 'blank'").fetchone()[0])
    return int(conn.execute("SELECT COUNT(*) FROM attempts WHERE exam_id = ? AND verdict != 'blank'",
                            (exam_id,)).fetchone()[0])


def mistakes(conn: sqlite3.Connection, exam_id: str, limit: int = 10) -> list[MistakeCount]:
    """The matched mistake ids made most often (ties: most recent first)."""
    rows = conn.execute(
        "SELECT mistake, field_id, COUNT(*) AS n, MAX(at) AS last FROM attempts"
        " WHERE exam_id = ? AND mistake IS NOT NULL GROUP BY field_id, mistake"
        " ORDER BY n DESC, last DESC LIMIT ?",
        (exam_id, limit),
    )
    return [MistakeCount(r["mistake"], r["field_id"], r["n"]) for r in rows]


def concept_mastery(conn: sqlite3.Connection, exam: Exam, now: datetime,
                    problems: Problems | None = None) -> list[ConceptMastery]:
    """Mastery of every concept of the exam, in the exam's concept order (with `problems`:
    damaged rows and missing tables are skipped and counted)."""
    now = to_utc(now)
    cards: dict[str, review.ConceptCard] = section(
        problems, "cards", lambda: review.cards(conn, exam.id, problems), {})
    tagged: dict[str, set[str]] = {c: set() for c in exam.concepts}
    for part in exam.parts:
        for tag in part.concepts:
            tagged.setdefault(tag, set()).add(part.id)
    rows: list[sqlite3.Row] = section(problems, "attempts", lambda: conn.execute(
        f"SELECT part_id, score, max, verdict FROM attempts WHERE exam_id = ?"
        f" AND verdict IN ({', '.join('?' for _ in GRADED)}) ORDER BY at DESC, id DESC",
        (exam.id, *GRADED),
    ).fetchall(), [])
    graded = parse_rows(rows, lambda r: (str(r["part_id"]), _fraction(r)), "attempts", problems)
    out = []
    for concept_id, concept in exam.concepts.items():
        parts = tagged.get(concept_id, set())
        mine = [fraction for part_id, fraction in graded if part_id in parts]
        recent = mine[:RECENT]
        accuracy = (sum(recent) / len(recent)) if recent else None
        card = cards.get(concept_id)
        learning = bool(card and card.state in (review.LEARNING, review.RELEARNING))
        retr = review.retrievability(card, now) if card and card.last_review and not learning else None
        known = [v for v in (retr, accuracy) if v is not None]
        out.append(ConceptMastery(
            id=concept_id, title=concept.title, due=card.due if card else None,
            retrievability=retr, accuracy=accuracy, attempts=len(mine),
            mastery=sum(known) / len(known) if known else None,
            learning=learning, due_now=bool(card and card.is_due(now)),
        ))
    return out


def _fraction(row: sqlite3.Row) -> float:
    """Score as a fraction of the field's points."""
    if float(row["max"]) > 0:
        return max(0.0, min(1.0, float(row["score"]) / float(row["max"])))
    return 1.0 if row["verdict"] == "correct" else 0.0


UNKNOWN = 0.5  # where a never-practised concept ranks: below what is known, above what is weak


def weakest(masteries: Sequence[ConceptMastery], n: int = 5) -> list[ConceptMastery]:
    """The n least-mastered concepts; a never-practised one ranks as mastery 0.5 (unknown)."""
    order = {m.id: i for i, m in enumerate(masteries)}
    ranked = sorted(masteries, key=lambda m: (UNKNOWN if m.mastery is None else m.mastery,
                                              m.mastery is None, order[m.id]))
    return ranked[:n]


def collect(conn: sqlite3.Connection, exam: Exam, now: datetime, problems: Problems | None = None) -> Stats:
    """All statistics for one exam; with `problems`, what cannot be read is skipped and counted."""
    return Stats(
        exam_id=exam.id,
        attempts=section(problems, "attempts", lambda: attempt_count(conn, exam.id), 0),
        mocks=tuple(section(problems, "mocks", lambda: mock.history(conn, exam.id, problems), [])),
        concepts=tuple(concept_mastery(conn, exam, now, problems)),
        mistakes=tuple(section(problems, "attempts", lambda: mistakes(conn, exam.id), [])),
    )


def sparkline(values: Sequence[float], low: float = 0.0, high: float = 100.0) -> str:
    """A one-line Unicode sparkline of values on a fixed low..high scale."""
    span = (high - low) or 1.0
    out = []
    for value in values:
        level = (min(max(value, low), high) - low) / span
        out.append(SPARKS[min(int(level * len(SPARKS)), len(SPARKS) - 1)])
    return "".join(out)
