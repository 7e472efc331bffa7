"""Review scheduling: one FSRS card per concept, fed by results and by the learner's ratings.

Ratings are the integers 1..4 (Again, Hard, Good, Easy), so deciding on one never imports
`fsrs`; only rescheduling a card and computing retrievability do, lazily.

Feeding rules (one sitting = `SITTING`):
- practice, mock and critique results feed the cards of the part's concepts automatically:
  wrong -> Again; right after hints, or partial -> Hard; right -> Good; the solution seen
  -> Again (it was read, not recalled). Invalid input and ungraded text feed nothing.
- within one sitting only a *worse* automatic rating is applied again, so checking the three
  fields of a part, or retrying after a wrong answer, does not graduate a missed concept;
- an explicit rating in the Review screen (or an override) is always applied.

Scheduler: one 10-minute (re)learning step and no fuzzing, so a missed concept is due at
once (cards due within `LEARN_AHEAD` count as due, as Anki's learn-ahead limit) and stays due
until reviewed, while a concept answered right graduates to an interval of days.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.study.timeutil import from_iso, iso, to_utc
from tutor.study.tolerant import Problems, parse_rows

if TYPE_CHECKING:
    from fsrs import Card, Scheduler, State

    from tutor.model import Exam, Part

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
LEARNING, REVIEW, RELEARNING = 1, 2, 3  # a card's state, as fsrs.State numbers it
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
LEARN_AHEAD = timedelta(minutes=20)
SITTING = timedelta(minutes=30)
AUTO_SOURCES = ("practice", "mock", "critique")
SOURCES = AUTO_SOURCES + ("review",)


@dataclass(frozen=True)
class ConceptCard:
    """The review state of one concept (read without importing fsrs)."""

    exam_id: str
    concept: str
    due: datetime
    last_review: datetime | None
    reps: int
    stability: float | None
    state: int  # 1 learning, 2 review, 3 relearning

    def is_due(self, now: datetime) -> bool:
        """Due now (or within the learn-ahead window)."""
        return self.due <= to_utc(now) + LEARN_AHEAD


def suggest_rating(verdict: str, score: float, max_score: float, hints_used: int = 0,
                   solution_seen: bool = False) -> int | None:
    """The rating a result suggests (None when it says nothing about recall)."""
    if verdict not in ("correct", "partial", "incorrect", "blank"):
        return None
    if solution_seen:
        return AGAIN
    fraction = score / max_score if max_score > 0 else (1.0 if verdict == "correct" else 0.0)
    if verdict == "correct" or fraction >= 1 - 1e-9:
        return HARD if hints_used else GOOD
    if verdict == "partial" or fraction > 0:
        return HARD
    return AGAIN


def card_id(exam_id: str, concept: str) -> int:
    """A stable integer id for fsrs, derived from the concept tag."""
    return zlib.crc32(f"{exam_id}:{concept}".encode())


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    """The shared FSRS scheduler (imports fsrs on first use)."""
    from fsrs import Scheduler

    return Scheduler(
        learning_steps=(timedelta(minutes=10),),
        relearning_steps=(timedelta(minutes=10),),
        enable_fuzzing=False,
    )


def _number(value: object) -> float | None:
    """A stored number, checked (a damaged card fails here, not later in a computation)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, found {type(value).__name__}")
    return float(value)


def _from_row(row: sqlite3.Row) -> ConceptCard:
    """A ConceptCard from a `cards` row."""
    data = json.loads(row["card"])
    return ConceptCard(
        exam_id=row["exam_id"], concept=row["concept"], due=from_iso(row["due"]),
        last_review=from_iso(row["last_review"]), reps=row["reps"],
        stability=_number(data.get("stability")), state=int(data.get("state", 1)),
    )


def cards(conn: sqlite3.Connection, exam_id: str, problems: Problems | None = None) -> dict[str, ConceptCard]:
    """Every card of an exam, by concept tag (with `problems`: damaged rows skipped and counted)."""
    rows = conn.execute("SELECT * FROM cards WHERE exam_id = ? ORDER BY due", (exam_id,))
    return {card.concept: card for card in parse_rows(rows, _from_row, "cards", problems)}


def due(conn: sqlite3.Connection, exam_id: str, now: datetime, problems: Problems | None = None) -> list[ConceptCard]:
    """Concepts due now (within the learn-ahead window), most overdue first."""
    rows = conn.execute(
        "SELECT * FROM cards WHERE exam_id = ? AND due <= ? ORDER BY due, concept",
        (exam_id, iso(to_utc(now) + LEARN_AHEAD)),
    )
    return parse_rows(rows, _from_row, "cards", problems)


def next_due(conn: sqlite3.Connection, exam_id: str, now: datetime) -> datetime | None:
    """When the next concept falls due after the ones due now (None: no cards yet)."""
    row = conn.execute(
        "SELECT MIN(due) FROM cards WHERE exam_id = ? AND due > ?",
        (exam_id, iso(to_utc(now) + LEARN_AHEAD)),
    ).fetchone()
    return from_iso(row[0]) if row and row[0] else None


def retrievability(card: ConceptCard, now: datetime) -> float:
    """FSRS's predicted probability of recalling the concept now (0 for an unreviewed card)."""
    if card.last_review is None or not card.stability:
        return 0.0
    from fsrs import Card

    fsrs_card = Card(card_id=1, stability=card.stability, last_review=card.last_review,
                     due=card.due, difficulty=5.0, state=_state(card.state))
    return float(scheduler().get_card_retrievability(fsrs_card, to_utc(now)))


def _state(value: int) -> State:
    """fsrs.State from its integer."""
    from fsrs import State

    return State(value)


def rate(conn: sqlite3.Connection, exam_id: str, concepts: Iterable[str], rating: int,
         source: str, now: datetime, attempt_id: int | None = None) -> list[ConceptCard]:
    """Apply a rating to each concept's card (inside the caller's transaction).

    Automatic sources follow the one-sitting rule (see the module doc); returns the cards
    that were actually rescheduled.
    """
    if rating not in RATING_NAMES:
        raise ValueError(f"rating must be 1..4, not {rating!r}")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    from fsrs import Card

    now = to_utc(now)
    changed = []
    for concept in dict.fromkeys(concepts):
        if source in AUTO_SOURCES and not _worse_than_sitting(conn, exam_id, concept, rating, now):
            continue
        row = conn.execute("SELECT card, reps FROM cards WHERE exam_id = ? AND concept = ?",
                           (exam_id, concept)).fetchone()
        if row is None:
            card, reps = Card(card_id=card_id(exam_id, concept), due=now), 0
        else:
            card, reps = Card.from_json(row["card"]), row["reps"]
        card = _reviewed(card, rating, now)
        conn.execute(
            "INSERT INTO cards (exam_id, concept, card, due, last_review, reps)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exam_id, concept) DO UPDATE SET"
            " card = excluded.card, due = excluded.due, last_review = excluded.last_review,"
            " reps = excluded.reps",
            (exam_id, concept, card.to_json(), iso(card.due), iso(now), reps + 1),
        )
        conn.execute(
            "INSERT INTO reviews (exam_id, concept, rating, source, at, due_after, attempt_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (exam_id, concept, rating, source, iso(now), iso(card.due), attempt_id),
        )
        changed.append(_from_row(conn.execute(
            "SELECT * FROM cards WHERE exam_id = ? AND concept = ?", (exam_id, concept)).fetchone()))
    return changed


def preview(conn: sqlite3.Connection, exam_id: str, concept: str, now: datetime) -> dict[int, datetime]:
    """When the concept would next be due after each rating (nothing is stored)."""
    from fsrs import Card

    now = to_utc(now)
    row = conn.execute("SELECT card FROM cards WHERE exam_id = ? AND concept = ?", (exam_id, concept)).fetchone()
    card = Card.from_json(row["card"]) if row else Card(card_id=card_id(exam_id, concept), due=now)
    return {r: _reviewed(card, r, now).due for r in RATING_NAMES}


def _reviewed(card: Card, rating: int, now: datetime) -> Card:
    """The fsrs card after a rating, with Easy always due after Good.

    Just after a miss, FSRS's stabilities for Good and Easy both round to its one-day minimum,
    so Easy would change nothing; as Anki does, Easy is then given one day more than Good.
    """
    from fsrs import Rating

    after, _log = scheduler().review_card(card, Rating(rating), now)
    if rating == EASY:
        good, _log = scheduler().review_card(card, Rating(GOOD), now)
        if after.due <= good.due:
            after.due = good.due + timedelta(days=1)
    return after


def _worse_than_sitting(conn: sqlite3.Connection, exam_id: str, concept: str, rating: int,
                        now: datetime) -> bool:
    """True unless an automatic rating as good or worse was applied within this sitting."""
    placeholders = ", ".join("?" for _ in AUTO_SOURCES)
    row = conn.execute(
        f"SELECT MIN(rating) FROM reviews WHERE exam_id = ? AND concept = ?"
        f" AND source IN ({placeholders}) AND at > ?",
        (exam_id, concept, *AUTO_SOURCES, iso(now - SITTING)),
    ).fetchone()
    return row[0] is None or rating < row[0]


def pick_part(exam: Exam, concept: str, last_seen: Mapping[str, datetime],
              missed: Iterable[str] = ()) -> Part | None:
    """A part tagged with the concept to ask in review.

    A part with a field whose latest answer lost marks comes first (the most recently missed
    one), so the miss itself is asked again, with fresh numbers where the part varies. Once
    every miss is mended, the part not seen for longest (never seen first) spreads the review
    over the concept's other questions.
    """
    tagged = [(i, p) for i, p in enumerate(exam.parts) if concept in p.concepts]
    if not tagged:
        return None
    floor = datetime.min.replace(tzinfo=None)

    def seen_at(part: Part) -> datetime:
        seen = last_seen.get(part.id)
        return seen.replace(tzinfo=None) if seen else floor

    missed = set(missed)
    again = [(i, p) for i, p in tagged if p.id in missed]
    if again:
        return max(again, key=lambda item: (seen_at(item[1]), -item[0]))[1]
    return min(tagged, key=lambda item: (item[1].id in last_seen, seen_at(item[1]), item[0]))[1]
