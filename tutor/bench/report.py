"""`python -m tutor.bench report [--students N] [--attempts M] [--runs R] [--db ADMIN_URL] [--json]`:
the class report over a synthetic class (default 1,000 students × 50 attempts each).

Target: the report in ≤ 1 s (median of the runs). The class is written straight into each
student's real store (the shipped schema, one transaction per student), with misses, anticipated
mistakes, written-answer misconceptions, variants, submitted mocks and due review cards, so
every query of the report has rows to read. Without `--db`, one SQLite store per student; with
`--db` (a superuser's URL of a scratch PostgreSQL server, as `.ci/postgres start DIR` prints),
a throwaway database owned by an ordinary role (row-level security on, as in a deployment) is
made, filled, reported on in the database, and dropped. Exit status 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.classroom import ClassFolder
    from tutor.model import Exam

TARGET_S = 1.0
T0 = datetime(2025, 2, 1, tzinfo=UTC)


def student_rows(exam: Exam, rng: random.Random, attempts: int) -> tuple[list[tuple[object, ...]], int]:
    """One synthetic student's attempts (as `attempts` rows) and how many concepts are due."""
    from tutor.study.attempts import misconceptions_json
    from tutor.study.timeutil import iso

    fields = [(p, f) for p in exam.parts for f in p.fields]
    out: list[tuple[object, ...]] = []
    moment = T0 + timedelta(hours=rng.randrange(200))
    for _ in range(attempts):
        part, fld = rng.choice(fields)
        verdict = rng.choice(("correct", "correct", "partial", "incorrect"))
        score = {"correct": fld.points, "partial": fld.points / 2, "incorrect": 0.0}[verdict]
        mistake, misconceptions = None, None
        if verdict != "correct" and fld.kind == "text" and fld.misconceptions:
            hits = rng.sample([m.id for m in fld.misconceptions], rng.randint(1, len(fld.misconceptions)))
            mistake, misconceptions = hits[0], misconceptions_json(hits)
        elif verdict == "incorrect" and fld.mistakes:
            mistake = rng.choice(fld.mistakes).id
        mode = rng.choice(("practice", "practice", "practice", "review", "mock"))
        moment += timedelta(minutes=rng.randrange(1, 90))
        out.append((exam.id, part.id, fld.full_id, "answer", verdict, score, fld.points, mistake, mode, iso(moment),
                    rng.choice((0, 0, 0, 1, 2)), misconceptions))
    return out, rng.randrange(len(exam.concepts) + 1)


def roster_of(folder: ClassFolder, students: int, db: str = "") -> list[str]:
    """A roster of `students` synthetic ids (in the class folder, or in the database at `db`)."""
    from tutor.classroom import Roster

    ids = [f"s{i:05d}" for i in range(students)]
    roster = Roster(folder.roster_path, db=db)
    try:
        for sid in ids:
            roster.add(sid)
    finally:
        roster.close()
    return ids


def build_class_pg(url: str, ids: list[str], exam: Exam, attempts: int, seed: int = 7) -> None:
    """The same synthetic class in a PostgreSQL database (one transaction per student, as that
    student: row-level security checks every row)."""
    import psycopg

    from tutor.study import pg_schema, schema
    from tutor.study.timeutil import iso, utc_now

    rng = random.Random(seed)
    concepts = sorted(exam.concepts)
    with psycopg.connect(url) as conn:
        pg_schema.migrate(conn, schema.MIGRATIONS, utc_now())
        for sid in ids:
            rows, due = student_rows(exam, rng, attempts)
            with conn.transaction():
                conn.execute("SELECT set_config('tutor.student', %s, true)", (sid,))
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mistake, mode,"
                        " at, variant, misconceptions) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        rows)
                    cur.executemany("INSERT INTO cards (exam_id, concept, card, due) VALUES (%s, %s, '{}', %s)",
                                    [(exam.id, c, iso(T0 - timedelta(days=1) if i < due else T0 + timedelta(days=30)))
                                     for i, c in enumerate(concepts)])
                if rng.random() < 0.7:
                    conn.execute("INSERT INTO mocks (exam_id, minutes, started_at, deadline, submitted_at, score,"
                                 " max_score) VALUES (%s, 110, %s, %s, %s, %s, 100)",
                                 (exam.id, iso(T0), iso(T0 + timedelta(minutes=110)), iso(T0),
                                  round(rng.uniform(10, 100), 1)))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")  # as autovacuum would soon after a bulk load


def scratch_database(admin_url: str) -> tuple[str, Callable[[], None]]:
    """A new database owned by an ordinary role, its URL, and what drops it."""
    import uuid

    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    name, role = f"tutor_bench_{uuid.uuid4().hex[:10]}", "tutor_bench"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS")
        conn.execute(f"CREATE DATABASE {name} OWNER {role}")
    parts = conninfo_to_dict(admin_url)
    url = f"postgresql://{role}@{parts.get('host') or '127.0.0.1'}:{parts.get('port') or 5432}/{name}"

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return url, drop


def build_class(folder: ClassFolder, exam: Exam, students: int, attempts: int, seed: int = 7) -> list[str]:
    """A roster of `students` and each one's store; returns their ids."""
    import sqlite3

    from tutor.study import open_store
    from tutor.study.timeutil import iso

    rng = random.Random(seed)
    ids = roster_of(folder, students)
    concepts = sorted(exam.concepts)
    template = folder.root / "empty-store"
    open_store(template, db="").close()  # the shipped schema, copied for each student (quicker than migrating each)
    empty = (template / "tutor.db").read_bytes()
    for sid in ids:
        rows, due = student_rows(exam, rng, attempts)
        directory = folder.student_dir(sid)
        directory.mkdir(parents=True)
        (directory / "tutor.db").write_bytes(empty)
        conn = sqlite3.connect(directory / "tutor.db")
        conn.execute("PRAGMA synchronous = OFF")
        with conn:
            conn.executemany(
                "INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mistake, mode, at,"
                " variant, misconceptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            for i, concept in enumerate(concepts):
                when = T0 - timedelta(days=1) if i < due else T0 + timedelta(days=30)
                conn.execute("INSERT INTO cards (exam_id, concept, card, due) VALUES (?, ?, '{}', ?)",
                             (exam.id, concept, iso(when)))
            if rng.random() < 0.7:
                score = round(rng.uniform(10, 100), 1)
                conn.execute("INSERT INTO mocks (exam_id, minutes, started_at, deadline, submitted_at, score,"
                             " max_score) VALUES (?, 110, ?, ?, ?, ?, 100)",
                             (exam.id, iso(T0), iso(T0 + timedelta(minutes=110)), iso(T0), score))
        conn.close()
    return ids


def _time_sqlite(folder: ClassFolder, exam: Exam, args: argparse.Namespace) -> dict[str, Any]:
    from tutor.classroom.report_build import class_report
    from tutor.classroom.report_sqlite import FolderSource

    start = time.perf_counter()
    ids = build_class(folder, exam, args.students, args.attempts)
    built_s = time.perf_counter() - start
    cold, cpu = [], []
    for _ in range(max(1, args.runs)):  # a new source each run: every store is read
        start, start_cpu = time.perf_counter(), time.process_time()
        report = class_report(FolderSource(folder), [exam], now=T0)
        cold.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    source = FolderSource(folder)
    class_report(source, [exam], now=T0)
    warm = []
    for run in range(max(1, args.runs)):  # one source kept (as `tutor serve` does), 5% practised since
        _practise(folder, ids[run::20], exam)
        start = time.perf_counter()
        class_report(source, [exam], now=T0)
        warm.append(time.perf_counter() - start)
    return {"source": "sqlite, one store per student", "samples": cold, "cpu_s": round(statistics.median(cpu), 4),
            "kept_source_median_s": round(statistics.median(warm), 4), "build_s": round(built_s, 2),
            "report": report}


def _time_pg(admin_url: str, folder: ClassFolder, exam: Exam, args: argparse.Namespace) -> dict[str, Any]:
    from tutor.classroom.report_build import class_report
    from tutor.classroom.report_pg import PostgresSource

    url, drop = scratch_database(admin_url)
    try:
        start = time.perf_counter()
        ids = roster_of(folder, args.students, db=url)
        build_class_pg(url, ids, exam, args.attempts)
        built_s = time.perf_counter() - start
        source = PostgresSource(folder, url)
        class_report(source, [exam], now=T0)  # the migration check's first run, and the server's caches
        samples = []
        for _ in range(max(1, args.runs)):
            start = time.perf_counter()
            report = class_report(source, [exam], now=T0)
            samples.append(time.perf_counter() - start)
    finally:
        drop()
    return {"source": "postgresql, aggregate queries GROUP BY student", "samples": samples,
            "build_s": round(built_s, 2), "report": report}


def main() -> int:
    """Build the class, time the report `--runs` times, print the median against the target."""
    from tutor.classroom import ClassFolder
    from tutor.model import load_exams

    parser = argparse.ArgumentParser(prog="python -m tutor.bench report", description=__doc__)
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=50, help="attempts per student")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", metavar="ADMIN_URL", default=None,
                        help="a superuser's URL of a scratch PostgreSQL server: time the report in the database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    exam = load_exams()[0]
    root = Path(tempfile.mkdtemp(prefix="tutor-bench-report-"))
    try:
        folder = ClassFolder(root / "class")
        timed = _time_pg(args.db, folder, exam, args) if args.db else _time_sqlite(folder, exam, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    samples, report = timed.pop("samples"), timed.pop("report")
    median = statistics.median(samples)
    e = report.exams[0]
    result = {"students": args.students, "attempts_per_student": args.attempts, "runs": len(samples),
              "median_s": round(median, 4), "min_s": round(min(samples), 4), "target_s": TARGET_S,
              "ok": median <= TARGET_S, **timed,
              "started": e.students_started, "mocks": len(e.mock_scores), "due": len(e.due)}
    if args.json:
        print(json.dumps(result))
        return 0 if result["ok"] else 1
    cpu = f", CPU {result['cpu_s']:.3f} s" if "cpu_s" in result else ""
    print(f"class report, {args.students} students × {args.attempts} attempts ({result['source']}): "
          f"median {median:.3f} s over {len(samples)} runs (min {min(samples):.3f} s{cpu}) "
          f"· target ≤ {TARGET_S:g} s · {'ok' if result['ok'] else 'MISSED'}")
    if "kept_source_median_s" in result:
        print(f"  kept source (the staff page), 5% of students practised since: median "
              f"{result['kept_source_median_s']:.3f} s")
    print(f"  (class built in {result['build_s']:.1f} s; {e.students_started} started, {len(e.mock_scores)} mocks, "
          f"{len(e.due)} with reviews due)")
    return 0 if result["ok"] else 1


def _practise(folder: ClassFolder, ids: list[str], exam: Exam) -> None:
    """One more answer in each of these students' stores."""
    import sqlite3

    part = exam.parts[0]
    for sid in ids:
        conn = sqlite3.connect(folder.student_dir(sid) / "tutor.db")
        with conn:
            conn.execute("INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mode, at)"
                         " VALUES (?, ?, ?, 'more', 'correct', 1, 1, 'practice', '2025-03-01T00:00:00.000000+00:00')",
                         (exam.id, part.id, part.fields[0].full_id))
        conn.close()
