"""The class report's rows from the class's PostgreSQL database, computed in the database.

Four aggregate queries, each `GROUP BY student` (or `DISTINCT ON (student, …)`), over every
student on the roster at once, give the same rows `report_sqlite` sums from each student's own
store, so `report_build` makes the same `ClassReport` from either. The rules are the same:
the learner's own graded answers in practice, review and mocks; per field the first answer's
share of the points and the practice mark (the latest answer on the exam's own numbers when
there is one, else the latest).

Row-level security shows a transaction only the rows of the student it names; the report's
transaction instead sets `tutor.report`, which a read-only policy (schema migration 4) lets see
every student's attempts, mocks and review cards. psycopg is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tutor.classroom.layout import ClassFolder
from tutor.classroom.report_rows import (
    DueCount,
    FieldRow,
    HitRow,
    MockRow,
    ReportRows,
    ReportUnavailable,
)

REPORT_SETTING = "tutor.report"
# Every student's rows are read and those not on the roster dropped afterwards: a filter on
# a thousand ids costs more in the database than the few rows it would save.
OWN = """verdict NOT IN ('blank', 'invalid') AND mode IN ('practice', 'review', 'mock')
      AND exam_id = ANY(%(exams)s)"""

# One pass, one group per (student, field): ordered aggregates pick the first answer and the
# answer that sets the practice mark (joins of CTEs here make the planner nest loops). A
# field id is PART.FIELD, so all of a field's rows name one part.
FIELDS_SQL = f"""
SELECT student, exam_id, MIN(part_id), field_id, COUNT(*),
       COUNT(*) FILTER (WHERE verdict IN ('incorrect', 'partial')),
       (ARRAY_AGG(CASE WHEN max > 0 THEN score / max WHEN verdict = 'correct' THEN 1.0 ELSE 0.0 END
                  ORDER BY at, id))[1],
       (ARRAY_AGG(CASE WHEN verdict = 'correct' THEN 1 ELSE 0 END ORDER BY (variant = 0) DESC, at DESC, id DESC)
            FILTER (WHERE mode IN ('practice', 'review') AND verdict IN ('correct', 'partial', 'incorrect')))[1]
FROM attempts WHERE {OWN}
GROUP BY student, exam_id, field_id
"""
# `misconceptions` is the JSON list the store writes (`["a", "b"]`); anything else in it is
# skipped rather than allowed to fail the whole report.
HITS_SQL = f"""
SELECT student, exam_id, field_id, mistake, COUNT(*), false
FROM attempts WHERE mistake IS NOT NULL AND misconceptions IS NULL AND {OWN}
GROUP BY student, exam_id, field_id, mistake
UNION ALL
SELECT a.student, a.exam_id, a.field_id, hit.id, COUNT(*), true
FROM attempts AS a
CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN a.misconceptions ~ '^\\["[^"\\\\]*"(, "[^"\\\\]*")*\\]$' THEN a.misconceptions::jsonb
         ELSE '[]'::jsonb END) AS hit(id)
WHERE a.misconceptions IS NOT NULL AND {OWN.replace("verdict", "a.verdict").replace("mode IN", "a.mode IN")}
GROUP BY a.student, a.exam_id, a.field_id, hit.id
"""
MOCKS_SQL = """
SELECT student, exam_id, score / max_score FROM (
    SELECT DISTINCT ON (student, exam_id) student, exam_id, score, max_score
    FROM mocks
    WHERE submitted_at IS NOT NULL AND exam_id = ANY(%(exams)s)
    ORDER BY student, exam_id, started_at DESC, id DESC) AS last
WHERE score IS NOT NULL AND max_score > 0
"""
DUE_SQL = """
SELECT student, exam_id, COUNT(*) FROM cards
WHERE due <= %(cutoff)s AND exam_id = ANY(%(exams)s)
GROUP BY student, exam_id
"""


def read_rows(conn: Any, students: Sequence[str], exam_ids: Sequence[str], cutoff: str) -> ReportRows:
    """Every student's rows from an open psycopg connection, in one read-only transaction."""
    params = {"exams": list(exam_ids), "cutoff": cutoff}
    roster = set(students)
    with conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute("SET LOCAL work_mem = '64MB'")  # the sorts of a whole class, in memory
        conn.execute("SELECT set_config(%s, 'on', true)", (REPORT_SETTING,))
        fields = [FieldRow(s, e, p, f, int(n), int(m), float(share), None if mark is None else int(mark))
                  for s, e, p, f, n, m, share, mark in conn.execute(FIELDS_SQL, params) if s in roster]
        hits = [HitRow(s, e, f, str(i), int(n), bool(w))
                for s, e, f, i, n, w in conn.execute(HITS_SQL, params) if s in roster]
        mocks = [MockRow(s, e, float(x)) for s, e, x in conn.execute(MOCKS_SQL, params) if s in roster]
        due = [DueCount(s, e, int(n)) for s, e, n in conn.execute(DUE_SQL, params) if s in roster]
    return ReportRows(fields, hits, mocks, due)


class PostgresSource:
    """The class in the PostgreSQL database at `url`: its roster and everyone's progress."""

    def __init__(self, folder: ClassFolder, url: str, student_ids: Sequence[str] | None = None) -> None:
        self.folder = folder
        self.url = url
        self._ids = list(student_ids) if student_ids is not None else None

    def students(self) -> list[str]:
        """The roster's students, read now (or the ids this source was given)."""
        if self._ids is not None:
            return list(self._ids)
        import psycopg

        from tutor.classroom.roster import Roster

        try:
            roster = Roster(self.folder.roster_path, db=self.url)
            try:
                return [s.id for s in roster.students()]
            finally:
                roster.close()
        except psycopg.Error as exc:
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc: Exception) -> ReportUnavailable:
        from tutor.study.pg import describe_url

        return ReportUnavailable(f"the class database {describe_url(self.url)} cannot be read: "
                                 f"{' '.join(str(exc).split())}")

    def rows(self, exam_ids: Sequence[str], now: datetime) -> ReportRows:
        """Every student's rows, computed in the database (the schema is brought up to date first)."""
        import psycopg

        from tutor.classroom.report_sqlite import due_cutoff
        from tutor.study import pg_schema, schema
        from tutor.study.timeutil import utc_now

        students = self.students()
        try:
            with psycopg.connect(self.url, connect_timeout=10) as conn:
                if pg_schema.version(conn) < schema.LATEST:
                    conn.rollback()
                    pg_schema.migrate(conn, schema.MIGRATIONS, utc_now())  # as every node does on start
                conn.rollback()
                return read_rows(conn, students, exam_ids, due_cutoff(now))
        except (psycopg.Error, schema.SchemaTooNew) as exc:
            raise self._unavailable(exc) from exc
