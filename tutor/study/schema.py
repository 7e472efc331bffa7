"""The database schema as one ordered list of migrations, for SQLite and for PostgreSQL.

Each migration has its SQL for both engines and runs once, inside one transaction with the
version bump and its row in the `migrations` table, so a crash mid-migration leaves the
previous version intact. SQLite tracks the version in `PRAGMA user_version` (one learner per
file); PostgreSQL in the `migrations` table itself (`tutor.study.pg_schema`), where every
table holds every student's rows, keyed by a `student` column. To change the schema, append
a migration with both forms; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tutor.study import pg_tables
from tutor.study.timeutil import iso

MODES = ("practice", "mock", "review", "critique")

_INITIAL = """
CREATE TABLE IF NOT EXISTS migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    exam_id       TEXT NOT NULL,
    part_id       TEXT NOT NULL,
    field_id      TEXT NOT NULL,             -- full id, PART.FIELD
    raw           TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    score         REAL NOT NULL,
    max           REAL NOT NULL,
    mistake       TEXT,
    hints_used    INTEGER NOT NULL DEFAULT 0,
    solution_seen INTEGER NOT NULL DEFAULT 0,
    duration_s    REAL,
    mode          TEXT NOT NULL CHECK (mode IN ('practice', 'mock', 'review', 'critique')),
    at            TEXT NOT NULL,
    mock_id       INTEGER REFERENCES mocks(id),
    self_graded   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attempts_by_part ON attempts (exam_id, part_id, at);
CREATE INDEX attempts_by_mistake ON attempts (exam_id, mistake) WHERE mistake IS NOT NULL;

CREATE TABLE mocks (
    id            INTEGER PRIMARY KEY,
    exam_id       TEXT NOT NULL,
    minutes       REAL NOT NULL,
    started_at    TEXT NOT NULL,
    deadline      TEXT NOT NULL,
    submitted_at  TEXT,
    submit_reason TEXT,                      -- manual | timeout | expired
    score         REAL,
    bonus         REAL,
    max_score     REAL,
    max_bonus     REAL,
    time_used_s   REAL,
    grading       TEXT                       -- JSON of the MockGrade
);
CREATE UNIQUE INDEX one_open_mock ON mocks (exam_id) WHERE submitted_at IS NULL;

CREATE TABLE mock_answers (
    mock_id  INTEGER NOT NULL REFERENCES mocks(id),
    field_id TEXT NOT NULL,
    raw      TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (mock_id, field_id)
);
CREATE TABLE mock_flags (
    mock_id INTEGER NOT NULL REFERENCES mocks(id),
    part_id TEXT NOT NULL,
    PRIMARY KEY (mock_id, part_id)
);
CREATE TABLE mock_self_grades (
    mock_id  INTEGER NOT NULL REFERENCES mocks(id),
    field_id TEXT NOT NULL,
    score    REAL NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (mock_id, field_id)
);

CREATE TABLE cards (
    exam_id     TEXT NOT NULL,
    concept     TEXT NOT NULL,               -- the concept tag is the card's stable id
    card        TEXT NOT NULL,               -- fsrs Card.to_json()
    due         TEXT NOT NULL,
    last_review TEXT,
    reps        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (exam_id, concept)
);
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    exam_id    TEXT NOT NULL,
    concept    TEXT NOT NULL,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    source     TEXT NOT NULL,                -- practice | mock | critique | review
    at         TEXT NOT NULL,
    due_after  TEXT NOT NULL,
    attempt_id INTEGER REFERENCES attempts(id)
);
CREATE INDEX reviews_by_concept ON reviews (exam_id, concept, at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);
"""

_ATTEMPT_VARIANT = """
ALTER TABLE attempts ADD COLUMN variant INTEGER NOT NULL DEFAULT 0;  -- 0: the exam's numbers
"""

# Every misconception the rubric found in a written answer (a JSON list of ids; NULL for other
# answers and for rows written before this), so a class report can count them all: `mistake`
# keeps only the first.
_ATTEMPT_MISCONCEPTIONS = """
ALTER TABLE attempts ADD COLUMN misconceptions TEXT;
"""

# PostgreSQL only (an SQLite store is one student's): the class report's read-only
# transaction, which sets `tutor.report`, may read every student's attempts, mocks and cards
# (`tutor.classroom.report_pg`); a student's own transactions never set it.
_REPORT_READS_PG = "".join(
    f"CREATE POLICY class_report ON {table} FOR SELECT USING (current_setting('tutor.report', true) = 'on');\n"
    for table in ("attempts", "mocks", "cards"))

# (version, name, SQLite SQL, PostgreSQL SQL). Append only.
MIGRATIONS: tuple[tuple[int, str, str, str], ...] = (
    (1, "initial", _INITIAL, pg_tables.INITIAL),
    (2, "attempt variant", _ATTEMPT_VARIANT, _ATTEMPT_VARIANT),
    (3, "attempt misconceptions", _ATTEMPT_MISCONCEPTIONS, _ATTEMPT_MISCONCEPTIONS),
    (4, "class report reads", "-- nothing: an SQLite store is one student's, read by the report as it is\n",
     _REPORT_READS_PG),
)
LATEST = MIGRATIONS[-1][0]


class SchemaTooNew(Exception):
    """The database was written by a newer version of tutor than this one."""


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database header."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, now: datetime) -> int:
    """Bring the schema up to `LATEST`; returns the number of migrations applied.

    The connection must be in autocommit mode (`isolation_level=None`). Several processes
    may open one database at once: each migration takes the write lock (`BEGIN IMMEDIATE`)
    *before* reading the version and re-reads it inside, so a migration another process has
    just applied is skipped instead of failing ("table attempts already exists").
    """
    current = user_version(conn)
    if current > LATEST:
        raise SchemaTooNew(f"schema version {current} is newer than this tutor's {LATEST}")
    if current == LATEST:  # the version only grows, so no lock is needed to see it is current
        return 0
    applied = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = user_version(conn)
            if current > LATEST:
                raise SchemaTooNew(f"schema version {current} is newer than this tutor's {LATEST}")
            pending = [m for m in MIGRATIONS if m[0] > current]
            if not pending:
                conn.execute("COMMIT")
                return applied
            version, name, sql, _postgres = pending[0]
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, iso(now)),
            )
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied += 1


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (executescript would commit)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
