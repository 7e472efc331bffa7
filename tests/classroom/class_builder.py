"""A small random class built through the real study store (for the report's tests)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from tutor.classroom import ClassFolder, Roster
from tutor.study import Attempt, open_store
from tutor.study.attempts import ANSWERED, PRACTICE_MODES, latest_by_field

T0 = datetime(2025, 2, 18, 12, 0, tzinfo=UTC)
WRITTEN = ("Classification predicts a continuous value, regression a discrete label; classification uses "
           "squared error loss and regression uses cross entropy.")


class Clock:
    """A clock the builder moves forward."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def sqlite_stores(folder: ClassFolder):
    """Open a student's own store in the class folder."""
    return lambda sid, clock=None: open_store(folder.student_dir(sid), clock=clock, db="")


def build_random_class(folder: ClassFolder, exam, students: int = 6, seed: int = 3, opener=None,
                       db: str = "") -> list[str]:
    """Students with random answers (practice, review, variants, mistakes, written answers with
    misconceptions, self-grades) and submitted mocks; one never opens the tutor. `opener(id,
    clock)` opens a student's store (default: their SQLite file in the class folder)."""
    opener = opener or sqlite_stores(folder)
    rng = random.Random(seed)
    ids = [f"st{i}" for i in range(students)]
    roster = Roster(folder.roster_path, db=db)
    for sid in ids:
        roster.add(sid)
    roster.close()
    fields = [(p, f) for p in exam.parts for f in p.fields if f.kind != "text"]
    for sid in ids[1:]:
        clock = Clock()
        store = opener(sid, clock)
        store.register_exams([exam])
        for _ in range(rng.randrange(5, 30)):
            clock.now += timedelta(minutes=rng.randrange(1, 600))
            part, fld = rng.choice(fields)
            verdict = rng.choice(("correct", "partial", "incorrect", "invalid"))
            score = {"correct": fld.points, "partial": fld.points / 2}.get(verdict, 0.0)
            mistake = rng.choice(fld.mistakes).id if verdict == "incorrect" and fld.mistakes else None
            store.record_attempt(Attempt(exam.id, part.id, fld.id, "x", verdict, score, fld.points, mistake=mistake,
                                         mode=rng.choice(("practice", "practice", "review")),
                                         variant=rng.choice((0, 0, 1, 2))))
        if rng.random() < 0.7:
            attempt_id = store.record_attempt(Attempt(exam.id, "1a", "explain", WRITTEN, "self-grade", 0.0, 5.0,
                                                      mistake="reversed",
                                                      misconceptions=("reversed", "losses-swapped")))
            if rng.random() < 0.5:
                store.self_grade(attempt_id, 1.0)
        for _ in range(rng.randrange(0, 3)):
            clock.now += timedelta(days=1)
            mock = store.start_mock(exam.id, 110)
            store.save_answer(mock.id, "4d.good_idea", rng.choice(("Yes", "No")))
            store.save_answer(mock.id, "4a.loss", rng.choice(("-ln(0.3)", "ln(0.3)", "0.3")))
            clock.now += timedelta(minutes=30)
            store.finish_mock(exam, mock.id)
        store.close()
    return ids


def reference_rows(folder: ClassFolder, ids: list[str], exam, now: datetime, opener=None):
    """What the report's rows must be, worked out through the store's own API, as sets."""
    fields, hits, mocks, due = set(), {}, set(), set()
    for sid in ids:
        if opener is None and not (folder.student_dir(sid) / "tutor.db").exists():
            continue
        store = (opener or sqlite_stores(folder))(sid)
        store.register_exams([exam])
        own = [a for a in store.attempts(exam.id)
               if a.verdict not in ("blank", "invalid") and a.mode in ("practice", "review", "mock")]
        marks = latest_by_field(own, PRACTICE_MODES, prefer_exam_numbers=True)
        by_field: dict[str, list] = {}
        for a in own:
            by_field.setdefault(a.full_field_id, []).append(a)
            for hit, written in ([(m, True) for m in a.misconceptions] if a.misconceptions
                                 else [(a.mistake, False)] if a.mistake else []):
                key = (sid, exam.id, a.full_field_id, hit, written)
                hits[key] = hits.get(key, 0) + 1
        for field_id, answers in by_field.items():
            mark = marks.get(field_id)
            fields.add((sid, exam.id, answers[0].part_id, field_id, len(answers),
                        sum(a.verdict in ("incorrect", "partial") for a in answers), round(answers[0].fraction, 9),
                        None if mark is None else int(mark.verdict == "correct")))
            assert mark is None or mark.verdict in ANSWERED
        history = store.mocks(exam.id)
        if history and history[-1].score is not None and history[-1].max_score:
            mocks.add((sid, exam.id, round(history[-1].score / history[-1].max_score, 9)))
        n = len(store.due_concepts(exam.id, now))
        if n:
            due.add((sid, exam.id, n))
        store.close()
    return fields, {(*k, n) for k, n in hits.items()}, mocks, due


def as_sets(rows):
    """A source's rows in the reference's form."""
    return ({(*f[:6], round(f.first, 9), f.latest_correct) for f in rows.fields},
            {(h.student, h.exam_id, h.field_id, h.id, h.written, h.times) for h in rows.hits},
            {(m.student, m.exam_id, round(m.fraction, 9)) for m in rows.mocks},
            {tuple(d) for d in rows.due})
