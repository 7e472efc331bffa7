"""The study store: one SQLite connection behind a lock, and the API the app calls
(opened by `tutor.study.opening`; on PostgreSQL every call goes to its `backend`).

Every write runs in its own `BEGIN IMMEDIATE ... COMMIT` with `synchronous=FULL`, so a call
that returned is on disk. If the database becomes unwritable mid-session (locked past the
busy timeout and the retries, read-only, disk full), the store copies what it has into
memory, keeps working there and sets `warning` — the app goes on, and says it is not saving.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tutor.study import attempts as _attempts
from tutor.study import faults
from tutor.study import mock as _mock
from tutor.study import review as _review
from tutor.study.attempts import Attempt, ProblemProgress
from tutor.study.connection import connect_memory
from tutor.study.countdown import Countdown, elapsed_seconds
from tutor.study.timeutil import Clock, to_utc, utc_now
from tutor.study.tolerant import Problems, section

if TYPE_CHECKING:
    from tutor.model import Exam, Part
    from tutor.study.grading import Check, MockGrade
    from tutor.study.stats import ConceptMastery, Stats

T = TypeVar("T")


class Backend(Protocol):
    """A database server the store's calls run on (`tutor.study.pg.PgBackend`)."""

    def run(self, fn: Callable[[sqlite3.Connection], T], write: bool) -> T:
        """Run fn in one transaction (committed when `write` and it returns)."""

    def close(self) -> None:
        """Release the connections."""
WRITE_RETRIES = 1
_DEGRADE = (faults.BUSY, faults.READONLY, faults.CANTOPEN, faults.FULL, faults.IO, faults.CORRUPT)


class Store:
    """Attempts, mock sessions, review cards and settings. Build it with `open_store()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, clock: Clock | None = None,
                 warning: str | None = None, elapsed: Callable[[], float] | None = None,
                 backend: Backend | None = None) -> None:
        self._conn = conn
        self.backend = backend  # a database server's (every call goes there), else None: SQLite
        self._lock = threading.RLock()
        self.path = path
        self.clock: Clock = clock or utc_now
        if elapsed is None:  # an injected wall clock (tests) drives both, unless told otherwise
            injected = self.clock
            elapsed = elapsed_seconds if clock is None else (lambda: injected().timestamp())
        self.elapsed: Callable[[], float] = elapsed
        self.warning = warning
        self._exams: dict[str, Exam | None] = {}

    # -- plumbing ---------------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        """Whether changes reach the database (False: in-memory fallback)."""
        return self.path is not None or self.backend is not None

    def now(self) -> datetime:
        """The injected clock's current time, in UTC."""
        return to_utc(self.clock())

    def close(self) -> None:
        """Close the connection (a final WAL checkpoint happens automatically)."""
        with self._lock:
            self._conn.close()
            if self.backend is not None:
                self.backend.close()

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read-only function against the connection."""
        return self._run(fn, write=False)

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a function in one transaction; committed (durably) when this returns."""
        return self._run(fn, write=True)

    def _run(self, fn: Callable[[sqlite3.Connection], T], write: bool) -> T:
        """Run fn with bounded retries on a busy database; degrade to memory on a lasting fault."""
        if self.backend is not None:
            return self.backend.run(fn, write)
        with self._lock:
            tries = 0
            while True:
                conn = self._conn
                try:
                    if not write:
                        return fn(conn)
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = fn(conn)
                        conn.execute("COMMIT")
                        return result
                    finally:
                        if conn.in_transaction:  # only when fn or the commit failed
                            conn.execute("ROLLBACK")
                except sqlite3.OperationalError as error:
                    kind = faults.classify(error)
                    if kind not in _DEGRADE or not self.saving:
                        raise
                    if kind == faults.BUSY and tries < WRITE_RETRIES:
                        tries += 1
                        continue
                    self._degrade(faults.describe(kind, self.path, error))

    def _degrade(self, warning: str) -> None:
        """Switch to an in-memory copy of the database and say so in `warning`."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self._conn.backup(memory)
            memory.row_factory = sqlite3.Row
        except sqlite3.Error:
            memory.close()
            memory = connect_memory()
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = memory
        self.path = None
        self.warning = warning

    # -- exams ------------------------------------------------------------------------------
    def register_exams(self, exams: Iterable[Exam] | Any) -> None:
        """Tell the store which exams exist, so attempts find their parts' concepts."""
        for exam in exams or ():
            self._exams[exam.id] = exam

    def _concepts_of(self, exam_id: str, part_id: str) -> tuple[str, ...]:
        """Concept tags of a part (registered exams first, then the shipped content)."""
        if exam_id not in self._exams:
            self._exams[exam_id] = _shipped_exam(exam_id)
        exam = self._exams[exam_id]
        try:
            return tuple(exam.part(part_id).concepts) if exam is not None else ()
        except KeyError:
            return ()

    # -- attempts ---------------------------------------------------------------------------
    def record_attempt(self, attempt: Attempt, *, concepts: Iterable[str] | None = None) -> int:
        """Commit one answer (before its feedback is shown) and feed review; returns its id.

        Practice and critique results reschedule the part's concepts (see `review`); pass
        `concepts` to override the part's tags. Mock attempts are recorded by submission.
        """
        tags = tuple(concepts) if concepts is not None else self._concepts_of(attempt.exam_id, attempt.part_id)
        rating = _review.suggest_rating(attempt.verdict, attempt.score, attempt.max,
                                        attempt.hints_used, attempt.solution_seen)
        now = self.now()

        def run(conn: sqlite3.Connection) -> int:
            attempt_id = _attempts.insert(conn, attempt, now)
            if rating is not None and tags and attempt.mode in ("practice", "critique"):
                _review.rate(conn, attempt.exam_id, tags, rating, attempt.mode, now, attempt_id)
            return attempt_id

        return self.write(run)

    def self_grade(self, attempt_id: int, score: float, *, concepts: Iterable[str] | None = None) -> Attempt:
        """Store the learner's own score for a text answer; feeds review like any result."""
        now = self.now()

        def run(conn: sqlite3.Connection) -> Attempt:
            row = conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                raise KeyError(f"no attempt {attempt_id}")
            graded = _attempts.self_graded(_attempts.from_row(row), score)
            conn.execute("UPDATE attempts SET score = ?, verdict = ?, self_graded = 1 WHERE id = ?",
                         (graded.score, graded.verdict, attempt_id))
            tags = tuple(concepts) if concepts is not None else self._concepts_of(graded.exam_id, graded.part_id)
            rating = _review.suggest_rating(graded.verdict, graded.score, graded.max,
                                            graded.hints_used, graded.solution_seen)
            if rating is not None and tags and graded.mode in ("practice", "critique"):
                _review.rate(conn, graded.exam_id, tags, rating, graded.mode, now, attempt_id)
            return graded

        return self.write(run)

    def attempts(self, exam_id: str | None = None, *, part_id: str | None = None,
                 limit: int | None = None) -> list[Attempt]:
        """Recorded attempts, oldest first (optionally one exam / one part / the last `limit`)."""
        sql, args = "SELECT * FROM attempts WHERE 1=1", list[object]()
        if exam_id is not None:
            sql, args = sql + " AND exam_id = ?", args + [exam_id]
        if part_id is not None:
            sql, args = sql + " AND part_id = ?", args + [part_id]
        sql += " ORDER BY at DESC, id DESC"
        if limit is not None:
            sql, args = sql + " LIMIT ?", args + [int(limit)]
        rows = self.read(lambda c: c.execute(sql, args).fetchall())
        return [_attempts.from_row(r) for r in reversed(rows)]

    def attempt_count(self, exam_id: str | None = None) -> int:
        """How many attempts are recorded."""
        from tutor.study import stats

        return self.read(lambda c: stats.attempt_count(c, exam_id))

    def part_status(self, exam_id: str, exam: Exam | None = None) -> dict[str, str]:
        """"new" | "wrong" | "partial" | "right" per part (with `exam`: every part, all fields)."""
        exam = exam or self._exams.get(exam_id)
        latest = _attempts.latest_by_field(self.attempts(exam_id), prefer_exam_numbers=True)
        return _attempts.part_status(latest, exam)

    def problem_progress(self, exam_id: str, exam: Exam) -> list[ProblemProgress]:
        """Per problem, from practice and review: parts attempted and right, points earned by
        the latest answers (on the exam's own numbers where there are any)."""
        latest = _attempts.latest_by_field(self.attempts(exam_id), prefer_exam_numbers=True)
        return _attempts.problem_progress(latest, exam)

    def last_seen(self, exam_id: str) -> dict[str, datetime]:
        """When each part was last answered."""
        rows = self.read(lambda c: c.execute(
            "SELECT part_id, MAX(at) FROM attempts WHERE exam_id = ? GROUP BY part_id", (exam_id,)).fetchall())
        from tutor.study.timeutil import from_iso

        return {r[0]: from_iso(r[1]) for r in rows}

    # -- settings ---------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """A stored setting (JSON value), or `default`."""
        row = self.read(lambda c: c.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone())
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting (any JSON-serialisable value)."""
        text = json.dumps(value)
        self.write(lambda c: c.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, text)))

    # -- mocks ------------------------------------------------------------------------------
    def start_mock(self, exam_id: str, minutes: float, now: datetime | None = None) -> _mock.MockSession:
        """Start a timed mock (deadline stored); MockAlreadyOpen if one is in progress."""
        moment = to_utc(now) if now else self.now()
        return self.write(lambda c: _mock.start(c, exam_id, minutes, moment))

    def active_mock(self, exam_id: str, now: datetime | None = None) -> _mock.MockSession | None:
        """The exam's unsubmitted mock, if any; `.remaining(now)` is the real time left."""
        return self.read(lambda c: _mock.open_mock(c, exam_id))

    def running_mock(self, exam_id: str) -> _mock.MockSession | None:
        """The exam's mock if it is running now (open, time left), in this process or another.

        While it runs, the exam is under exam conditions: nothing of it is checked or revealed
        outside the mock (see `tutor.study.answering`)."""
        session = self.active_mock(exam_id)
        return None if session is None or session.expired(self.now()) else session

    def get_mock(self, mock_id: int) -> _mock.MockSession | None:
        """A mock by id."""
        return self.read(lambda c: _mock.get(c, mock_id))

    def save_answer(self, mock_id: int, field_id: str, raw: str) -> bool:
        """Autosave one field's answer; False once the mock has been submitted."""
        now = self.now()
        return self.write(lambda c: _mock.save_answer(c, mock_id, field_id, raw, now))

    def mock_answers(self, mock_id: int) -> dict[str, str]:
        """Saved answers of a mock (full field id -> raw)."""
        return self.read(lambda c: _mock.answers(c, mock_id))

    def set_flag(self, mock_id: int, part_id: str, flagged: bool = True) -> None:
        """Flag a part for later (or clear it)."""
        self.write(lambda c: _mock.set_flag(c, mock_id, part_id, flagged))

    def mock_flags(self, mock_id: int) -> set[str]:
        """Parts flagged for later."""
        return self.read(lambda c: _mock.flags(c, mock_id))

    def finish_mock(self, exam: Exam, mock_id: int, check: Check | None = None,
                    reason: str = "manual", now: datetime | None = None,
                    time_used_s: float | None = None) -> _mock.MockResult:
        """Grade and submit a mock exactly once (later calls return the stored result).

        `check` defaults to the engine's check against the exam's own numbers (tests inject
        a fake). `time_used_s` (from the run's `countdown`) wins over the wall clock's account."""
        return _mock.finish(self, exam, mock_id, check or _mock.exam_checker(exam), reason, now, time_used_s)

    def countdown(self, session: _mock.MockSession) -> Countdown:
        """The time left in this run of a mock: the stored deadline now, then the elapsed clock."""
        return Countdown(session, self.now(), self.elapsed)

    def resume_mock(self, exam: Exam, check: Check | None = None, now: datetime | None = None
                    ) -> tuple[_mock.MockSession | None, _mock.MockResult | None]:
        """(open mock, None) to continue, (None, result) if it expired while closed, or (None, None)."""
        return _mock.resume(self, exam, check or _mock.exam_checker(exam), now)

    def mock_grade(self, mock_id: int) -> MockGrade | None:
        """The stored grade of a submitted mock (None if not submitted)."""
        return self.read(lambda c: _mock.stored_grade(c, mock_id))

    def last_mock_grade(self, exam_id: str) -> MockGrade | None:
        """The grade of the exam's last submitted mock (None before the first)."""
        def run(conn: sqlite3.Connection) -> MockGrade | None:
            row = conn.execute("SELECT id FROM mocks WHERE exam_id = ? AND submitted_at IS NOT NULL"
                               " ORDER BY started_at DESC, id DESC LIMIT 1", (exam_id,)).fetchone()
            return _mock.stored_grade(conn, int(row[0])) if row else None

        return self.read(run)

    def self_grade_mock(self, exam: Exam, mock_id: int, field_id: str, score: float) -> MockGrade:
        """Record the learner's score for a mock's text answer; returns the re-totalled grade."""
        now = self.now()
        return self.write(lambda c: _mock.self_grade(c, exam, mock_id, field_id, score, now))

    def mocks(self, exam_id: str) -> list[_mock.MockSession]:
        """Submitted mocks, oldest first."""
        return self.read(lambda c: _mock.history(c, exam_id))

    def last_mock(self, exam_id: str) -> _mock.MockSession | None:
        """The mock in progress if there is one (`submitted_at` None), else the last submitted."""
        current = self.active_mock(exam_id)
        if current is not None:
            return current
        history = self.mocks(exam_id)
        return history[-1] if history else None

    # -- review -----------------------------------------------------------------------------
    def due_concepts(self, exam_id: str, now: datetime | None = None,
                     problems: Problems | None = None) -> list[_review.ConceptCard]:
        """Concepts due for review now, most overdue first (with `problems`: damage skipped, counted)."""
        moment = to_utc(now) if now else self.now()
        return self.read(lambda c: section(problems, "cards", lambda: _review.due(c, exam_id, moment, problems), []))

    def next_due(self, exam_id: str, now: datetime | None = None, problems: Problems | None = None) -> datetime | None:
        """When the next review falls due (after those due now), or None."""
        moment = to_utc(now) if now else self.now()
        return self.read(lambda c: section(problems, "cards", lambda: _review.next_due(c, exam_id, moment), None))

    def concept_cards(self, exam_id: str) -> dict[str, _review.ConceptCard]:
        """Every concept card of an exam."""
        return self.read(lambda c: _review.cards(c, exam_id))

    def rate_concept(self, exam_id: str, concept: str, rating: int,
                     now: datetime | None = None) -> _review.ConceptCard:
        """The learner's rating in Review (1 Again .. 4 Easy); returns the rescheduled card."""
        moment = to_utc(now) if now else self.now()
        return self.write(lambda c: _review.rate(c, exam_id, [concept], rating, "review", moment))[0]

    def preview_ratings(self, exam_id: str, concept: str, now: datetime | None = None) -> dict[int, datetime]:
        """When the concept would next be due after each rating 1..4 (a preview; nothing stored)."""
        moment = to_utc(now) if now else self.now()
        return self.read(lambda c: _review.preview(c, exam_id, concept, moment))

    def pick_review_part(self, exam: Exam, concept: str) -> Part | None:
        """A part tagged with the concept: the latest miss first, else the one not seen longest."""
        # an answered miss in a mock is asked again too (a blank is no answer, so no miss)
        modes = _attempts.PRACTICE_MODES + ("mock",)
        missed = _attempts.missed_parts(_attempts.latest_by_field(self.attempts(exam.id), modes))
        return _review.pick_part(exam, concept, self.last_seen(exam.id), missed)

    def weakest_concepts(self, exam: Exam, n: int = 5, now: datetime | None = None) -> list[ConceptMastery]:
        """The n least-mastered concepts (lowest retrievability / recent accuracy)."""
        from tutor.study import stats

        return stats.weakest(self.mastery(exam, now), n)

    # -- stats (`tutor.study.stats` is imported on first use: the home screen needs none) ----
    def mastery(self, exam: Exam, now: datetime | None = None) -> list[ConceptMastery]:
        """Mastery of every concept of the exam."""
        from tutor.study import stats

        moment = to_utc(now) if now else self.now()
        return self.read(lambda c: stats.concept_mastery(c, exam, moment))

    def stats(self, exam: Exam, now: datetime | None = None, problems: Problems | None = None) -> Stats:
        """All statistics of one exam (see `tutor.study.stats`). Pass a `Problems` to have
        damaged rows and missing tables skipped and counted there instead of raising."""
        from tutor.study import stats

        moment = to_utc(now) if now else self.now()
        return self.read(lambda c: stats.collect(c, exam, moment, problems))


def _shipped_exam(exam_id: str) -> Exam | None:
    """The exam with this id from the shipped content, if it can be loaded."""
    from tutor.model import ContentErrors, load_exams

    try:
        return next((e for e in load_exams() if e.id == exam_id), None)
    except (ContentErrors, OSError):  # content problems are reported by `tutor check`, not here
        return None
