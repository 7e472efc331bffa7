"""`python -m tutor.bench study`: the study store's latencies on a store with a few months of use.

Targets: committing an attempt (before its feedback shows) < 20 ms, opening the store
(integrity check + migrations) < 100 ms, statistics and due concepts < 100 ms, grading a
whole mock < 1 s. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

ATTEMPTS = 5000


def _ms(func: Callable[[], object], runs: int) -> float:
    samples: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    """Print median timings for the study store's hot paths against their targets."""
    from tutor.engine import check
    from tutor.model import load_exams
    from tutor.study import Attempt, grade_mock, open_store
    from tutor.study.attempts import insert

    exam = load_exams()[0]
    folder = tempfile.mkdtemp(prefix="tutor-bench-")
    moment = [datetime(2025, 1, 1, tzinfo=UTC)]
    store = open_store(folder, clock=lambda: moment[0], exams=[exam])
    fields = [(p, f) for p in exam.parts for f in p.fields]

    def one(i: int) -> None:
        part, field = fields[i % len(fields)]
        verdict = ("correct", "incorrect", "partial")[i % 3]
        store.record_attempt(Attempt(exam.id, part.id, field.id, f"answer {i}", verdict, 0.0, field.points,
                                     "sign" if verdict == "incorrect" else None, i % 2, False, 30.0))
        moment[0] += timedelta(minutes=7)

    def bulk(conn: sqlite3.Connection) -> None:  # months of history in one transaction (fast to set up)
        for i in range(ATTEMPTS):
            part, field = fields[i % len(fields)]
            verdict = ("correct", "incorrect", "partial")[i % 3]
            insert(conn, Attempt(exam.id, part.id, field.id, f"old {i}", verdict, 0.0, field.points,
                                 "sign" if verdict == "incorrect" else None, mode="practice",
                                 at=moment[0] - timedelta(minutes=30 * (ATTEMPTS - i))), moment[0])

    start = time.perf_counter()
    store.write(bulk)
    fill_s = time.perf_counter() - start
    counter = iter(range(10**9))
    results = {
        "record_attempt (commit, fsync)": (_ms(lambda: one(next(counter)), 200), 20.0),
        "stats(exam)": (_ms(lambda: store.stats(exam), 20), 100.0),
        "due_concepts": (_ms(lambda: store.due_concepts(exam.id), 50), 100.0),
    }
    store.close()
    results["open_store (existing db)"] = (_ms(lambda: open_store(folder, exams=[exam]).close(), 20), 100.0)
    answers = {f.full_id: (f.answer if isinstance(f.answer, str) else ", ".join(f.answer or ()))
               or (f.model_answer or "") for _, f in fields}
    results["grade_mock (whole exam, engine)"] = (_ms(lambda: grade_mock(exam, answers, check), 5), 1000.0)
    print(f"study  a store with {ATTEMPTS} past attempts (set up in {fill_s:.2f} s)")
    missed = 0
    for name, (value, target) in results.items():
        ok = value < target
        missed += not ok
        print(f"study  {name:<34} {value:8.2f} ms   target < {target:g} ms   {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
