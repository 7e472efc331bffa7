"""The class report's rows from each student's own SQLite store (the embedded default).

Each store is opened for reading only and asked two queries: the student's own
answers, oldest first, which one pass in Python sums per field (cheaper than the same sums as
window queries, which cost more to plan than a student's rows cost to read), and their last
mocks and review cards. Stores are read one after another (see `READERS`); a store no tutor
has open is read without WAL locking (see `read_student`). A
`FolderSource` remembers each student's sums until their store's files change, so a
staff page that refreshes rereads only the students who have practised since.

A store written before the latest schema is migrated first (as the student's own tutor would);
one that cannot be read is named in `unreadable`, never fatal.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.classroom.layout import ClassFolder
from tutor.classroom.report_rows import DueCount, FieldRow, HitRow, MockRow, ReportRows
from tutor.study.attempts import misconceptions_from_json

# One reader: most of a student's read is summing their rows in Python, which holds the GIL,
# so threads only add switching (1,000 stores: 0.36 s in one thread, 0.41 s in two, 0.57 s in
# four, from the page cache). More readers pay off only for stores read from a cold disk.
READERS = 1
KEEP_S = 300.0  # a remembered student's sums are reread at least this often, changed or not

ANSWERS_SQL = """
SELECT exam_id, part_id, field_id, verdict, score, max, mode, variant, mistake, misconceptions
FROM attempts
WHERE verdict NOT IN ('blank', 'invalid') AND mode IN ('practice', 'review', 'mock')
ORDER BY at, id
"""
MOCKS_AND_CARDS_SQL = """
SELECT 'mock', exam_id, score, max_score FROM (
    SELECT exam_id, score, max_score,
           ROW_NUMBER() OVER (PARTITION BY exam_id ORDER BY started_at DESC, id DESC) AS nth
    FROM mocks WHERE submitted_at IS NOT NULL)
WHERE nth = 1 AND score IS NOT NULL AND max_score > 0
UNION ALL
SELECT 'card', exam_id, due, NULL FROM cards
"""
MARKS = ("correct", "partial", "incorrect")  # graded answers that set a practice mark
MISSES = ("incorrect", "partial")


def due_cutoff(now: datetime) -> str:
    """Cards due at or before this stored time are due now (the review's learn-ahead included)."""
    from tutor.study.review import LEARN_AHEAD
    from tutor.study.timeutil import iso, to_utc

    return iso(to_utc(now) + LEARN_AHEAD)


@dataclass
class StudentSums:
    """One student's rows, with their cards' due times (so `due` is counted for any time)."""

    student: str
    rows: ReportRows
    cards: dict[str, list[str]] = field(default_factory=dict)  # exam -> sorted due times

    def for_exams(self, exam_ids: Sequence[str], cutoff: str) -> ReportRows:
        """The rows of these exams, with the cards due by `cutoff` counted."""
        wanted, r = set(exam_ids), self.rows
        due = [DueCount(self.student, e, n) for e, times in self.cards.items()
               if e in wanted and (n := bisect_right(times, cutoff))]
        return ReportRows([f for f in r.fields if f.exam_id in wanted], [h for h in r.hits if h.exam_id in wanted],
                          [m for m in r.mocks if m.exam_id in wanted], due, list(r.unreadable))


def summarize(student: str, answers: Iterable[tuple[Any, ...]], others: Iterable[tuple[Any, ...]]) -> StudentSums:
    """One student's sums from their answers (oldest first), last mocks and cards.

    Per field: answers, misses, the first answer's share of the points, and whether the answer
    that sets the practice mark is right (the latest on the exam's own numbers when there is
    one, else the latest; as `tutor.study.attempts.latest_by_field` chooses).
    """
    fields: dict[tuple[str, str], list[Any]] = {}
    hits: dict[tuple[str, str, str, bool], int] = {}
    _parsed: dict[str, tuple[str, ...]] = {}
    for exam_id, part_id, field_id, verdict, score, top, mode, variant, mistake, listed in answers:
        row = fields.get((exam_id, field_id))
        if row is None:
            share = score / top if top > 0 else (1.0 if verdict == "correct" else 0.0)
            row = fields[(exam_id, field_id)] = [part_id, 0, 0, share, None, None]  # …, mark, mark's variant
        row[1] += 1
        if verdict in MISSES:
            row[2] += 1
        if mode != "mock" and verdict in MARKS and not (row[5] == 0 and variant != 0):
            row[4], row[5] = int(verdict == "correct"), variant
        if listed is not None:  # a written answer: every misconception found
            parsed = _parsed.get(listed)
            if parsed is None:
                parsed = _parsed[listed] = misconceptions_from_json(listed)
            for found in parsed:
                key = (exam_id, field_id, found, True)
                hits[key] = hits.get(key, 0) + 1
        elif mistake is not None:
            key = (exam_id, field_id, mistake, False)
            hits[key] = hits.get(key, 0) + 1
    rows = ReportRows(
        [FieldRow(student, e, r[0], f, r[1], r[2], float(r[3]), r[4]) for (e, f), r in fields.items()],
        [HitRow(student, e, f, str(i), n, w) for (e, f, i, w), n in hits.items()])
    cards: dict[str, list[str]] = {}
    for kind, exam_id, value, top in others:
        if kind == "mock":
            rows.mocks.append(MockRow(student, exam_id, float(value) / float(top)))
        elif isinstance(value, str):
            cards.setdefault(exam_id, []).append(value)
    for times in cards.values():
        times.sort()
    return StudentSums(student, rows, cards)


def _connect(path: Path, quiet: bool) -> sqlite3.Connection:
    # not `mode=ro` otherwise: a read-only open cannot set up a WAL store's shared memory (slow)
    uri = f"{path.as_uri()}?mode=ro&immutable=1" if quiet else f"{path.as_uri()}?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _files(directory: Path) -> tuple[int, ...]:
    """Size and modification time of the store and of its WAL and journal (-1 when absent)."""
    out: list[int] = []
    base = os.path.join(directory, "tutor.db")
    for name in (base, base + "-wal", base + "-journal"):
        try:
            st = os.stat(name)
        except OSError:
            out += [-1, -1]
        else:
            out += [st.st_size, st.st_mtime_ns]
    return tuple(out)


def _quiet(files: tuple[int, ...]) -> bool:
    """No WAL and no journal: no tutor has the store open, and no write was cut short."""
    return files[0] >= 0 and files[2] < 0 and files[4] < 0


def _read(directory: Path, student: str, quiet: bool) -> StudentSums:
    from tutor.study import open_store
    from tutor.study.paths import db_path
    from tutor.study.schema import LATEST, user_version

    conn = _connect(db_path(directory), quiet)
    try:
        version = user_version(conn)
        if version < LATEST:  # as the student's own tutor would on its next start
            conn.close()
            open_store(directory, db="").close()
            return _read(directory, student, quiet=False)
        if version != LATEST:
            return StudentSums(student, ReportRows(unreadable=[student]))
        return summarize(student, conn.execute(ANSWERS_SQL), conn.execute(MOCKS_AND_CARDS_SQL))
    finally:
        conn.close()


def read_student(directory: Path, student: str) -> StudentSums:
    """One student's sums; empty when they never opened the tutor; `unreadable` when the
    store is damaged, locked past the timeout, or from a newer tutor.

    A store no tutor has open (no WAL file) is read as an immutable file, without setting up
    WAL locking, which costs several times the read itself; the read stands only if the file
    is unchanged after it (a tutor that opened the store meanwhile writes to its WAL, and the
    main file changes only when that is checkpointed). Otherwise the store is read with the
    usual locking.
    """
    before = _files(directory)
    if before[0] < 0:
        return StudentSums(student, ReportRows())
    try:
        if _quiet(before):
            try:
                sums: StudentSums | None = _read(directory, student, quiet=True)
            except sqlite3.Error:
                sums = None
            if sums is not None and _files(directory)[:2] == before[:2]:
                return sums
        return _read(directory, student, quiet=False)
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return StudentSums(student, ReportRows(unreadable=[student]))


class FolderSource:
    """The class folder's roster and each student's own store (`ClassFolder.student_dir`).

    Keep one source to report again and again: it rereads a student only when their store's
    files changed (or after `keep_s`)."""

    def __init__(self, folder: ClassFolder, student_ids: Sequence[str] | None = None, *,
                 readers: int = READERS, keep_s: float = KEEP_S) -> None:
        self.folder = folder
        self._ids = list(student_ids) if student_ids is not None else None
        self.readers = max(1, readers)
        self.keep_s = keep_s
        self._known: dict[str, tuple[tuple[int, ...], float, StudentSums]] = {}
        self._lock = threading.Lock()

    def students(self) -> list[str]:
        """The roster's students, read now (or the ids this source was given)."""
        if self._ids is not None:
            return list(self._ids)
        from tutor.classroom.roster import Roster

        roster = Roster(self.folder.roster_path, db="")
        try:
            return [s.id for s in roster.students()]
        finally:
            roster.close()

    def _sums(self, student: str) -> StudentSums:
        directory = self.folder.student_dir(student)
        signature, now = _files(directory), time.monotonic()
        known = self._known.get(student)
        if known is not None and known[0] == signature and now - known[1] < self.keep_s:
            return known[2]
        sums = read_student(directory, student)
        if not sums.rows.unreadable:
            with self._lock:
                self._known[student] = (signature, now, sums)
        return sums

    def rows(self, exam_ids: Sequence[str], now: datetime) -> ReportRows:
        """Every student's rows; nothing is created for a student who never opened the tutor."""
        cutoff = due_cutoff(now)
        ids = self.students()
        with self._lock:
            for gone in set(self._known) - set(ids):
                del self._known[gone]
        if self.readers == 1:
            every: Iterable[StudentSums] = map(self._sums, ids)
        else:  # a share of the class per reader (a future per student costs more than its read)
            with ThreadPoolExecutor(self.readers) as pool:
                every = [sums for share in pool.map(lambda share: [self._sums(s) for s in share],
                                                    [ids[i::self.readers] for i in range(self.readers)])
                         for sums in share]
        out = ReportRows()
        for sums in every:
            out.extend(sums.for_exams(exam_ids, cutoff))
        return out
