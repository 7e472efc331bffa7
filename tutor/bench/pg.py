"""`python -m tutor.bench pg [URL]`: concurrent writers recording attempts into the PostgreSQL store.

50 students (threads, each its own student on one shared pool, as 50 tutor sessions on one
node would be) record attempts at once through `Store.record_attempt`, the path an answer
takes (the attempt, then the review cards of its concepts, in one transaction). Each round
is timed from the common start to the last commit; afterwards every student's count is read
back, so an attempt that was lost shows. Medians of `--rounds` rounds.

URL: `--db`, else the argument, else TUTOR_DB — an ordinary role's database (the store
refuses a superuser); given a superuser's URL (as `.ci/postgres start DIR` prints), the bench
measures on a scratch database of an ordinary role and drops it. The bench's students
(`bench-…`) are deleted afterwards.
Target (from the issue): ≥ 500 recorded attempts/s, none lost; exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.model import Exam, Field, Part
    from tutor.study.pg import PgDatabase
    from tutor.study.store import Store

TARGET_PER_S = 500.0
MAX_WRITERS = 200


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tutor.bench pg", description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=None, help="postgresql:// URL (else --db, else TUTOR_DB)")
    parser.add_argument("--db", default=None, help="postgresql:// URL of the database to write into")
    parser.add_argument("--writers", type=int, default=50, help="concurrent writers (default 50)")
    parser.add_argument("--attempts", type=int, default=40, help="attempts per writer per round (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    return parser.parse_args()


def main() -> int:
    """Run the rounds and print the median rate against the target."""
    args = _args()
    url = args.db or args.url or os.environ.get("TUTOR_DB")
    if not url or not url.startswith(("postgresql://", "postgres://")):
        print("pg  needs a PostgreSQL URL: python -m tutor.bench pg postgresql://ROLE@HOST:PORT/DB "
              "(an ordinary role; .ci/postgres start DIR gives a server)", file=sys.stderr)
        return 2
    writers = max(1, min(args.writers, MAX_WRITERS))
    import psycopg

    from tutor.model import load_exams
    from tutor.study.pg import PgDatabase
    from tutor.study.pg_schema import BypassesSecurity

    exam = load_exams()[0]
    fields = [(p, f) for p in exam.parts for f in p.fields]
    drop = None
    try:
        try:
            database = PgDatabase(url, max_size=writers)
        except BypassesSecurity:  # a superuser's URL (as .ci/postgres prints): a scratch database of an ordinary role
            from tutor.bench.report import scratch_database

            scratch, drop = scratch_database(url)
            print("pg  the URL's role is a superuser: measuring on a scratch database of an ordinary role")
            database = PgDatabase(scratch, max_size=writers)
    except (psycopg.Error, OSError) as error:
        print(f"pg  cannot use {url}: {error}", file=sys.stderr)
        if drop is not None:
            drop()
        return 2
    try:
        return _measure(database, writers, args, exam, fields)
    finally:
        if drop is not None:
            drop()


def _measure(database: PgDatabase, writers: int, args: argparse.Namespace, exam: Exam,
             fields: list[tuple[Part, Field]]) -> int:
    """The rounds on an open database; the exit status."""
    from tutor.study.connection import connect_memory
    from tutor.study.pg import PgBackend
    from tutor.study.store import Store

    run_id = secrets.token_hex(3)
    students = [f"bench-{run_id}-{i:03d}" for i in range(writers)]
    stores = [Store(connect_memory(), None, backend=PgBackend(database, s, owns_database=False))
              for s in students]
    for store in stores:
        store.register_exams([exam])
    rates, lost_total = [], 0
    try:
        for round_no in range(1, args.rounds + 1):
            seconds, errors = _round(stores, args.attempts, exam, fields)
            expected = round_no * args.attempts
            lost = sum(max(0, expected - s.attempt_count()) for s in stores)
            lost_total += lost
            rate = writers * args.attempts / seconds
            rates.append(rate)
            print(f"pg  round {round_no}: {writers} writers × {args.attempts} attempts in {seconds:.2f} s "
                  f"= {rate:,.0f} attempts/s, {lost} lost, {len(errors)} errors"
                  + (f" (first: {errors[0]!r})" if errors else ""))
            lost_total += len(errors)
    finally:
        _forget(database, students)
        database.close()
    median = statistics.median(rates)
    ok = median >= TARGET_PER_S and lost_total == 0
    print(f"pg  median {median:,.0f} attempts/s   target ≥ {TARGET_PER_S:g}/s, none lost   "
          f"{'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


def _round(stores: list[Store], attempts: int, exam: Exam, fields: list[tuple[Part, Field]]
           ) -> tuple[float, list[BaseException]]:
    """Every store records `attempts` answers at once; (seconds from the start to the last, errors)."""
    import psycopg

    from tutor.study import Attempt

    gate = threading.Barrier(len(stores) + 1)
    errors: list[BaseException] = []

    def write(store: Store, offset: int) -> None:
        gate.wait()
        try:
            for i in range(attempts):
                part, field = fields[(offset + i) % len(fields)]
                verdict = ("correct", "incorrect", "partial")[i % 3]
                store.record_attempt(Attempt(exam.id, part.id, field.id, f"answer {i}", verdict,
                                             field.points if verdict == "correct" else 0.0, field.points))
        except (psycopg.Error, OSError) as error:  # the database refused or failed: counted and reported
            errors.append(error)

    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    gate.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, errors


def _forget(database: object, students: list[str]) -> None:
    """Delete the bench's students' rows (each as that student: row security allows only that)."""
    from tutor.study.pg import PgDatabase
    from tutor.study.pg_tables import STUDENT_TABLES

    assert isinstance(database, PgDatabase)
    order = ("reviews", "attempts", "mock_answers", "mock_flags", "mock_self_grades", "cards", "settings", "mocks")
    assert set(order) == set(STUDENT_TABLES)
    with database.pool.connection() as conn:
        for student in students:
            conn.execute("SELECT set_config('tutor.student', %s, true)", (student,))
            for table in order:
                conn.execute(f"DELETE FROM {table}")  # the names are the schema's own
            conn.commit()


if __name__ == "__main__":
    sys.exit(main())
