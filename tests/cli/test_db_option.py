"""`--db URL` / TUTOR_DB: the command line keeps progress in PostgreSQL, as TUTOR_STUDENT."""

from __future__ import annotations

import json
import os
import subprocess

from tests.conftest import TUTOR
from tutor.serve.sessions import student_environment
from tutor.study import Attempt, open_store


def _stats(tmp_path, *args: str, student: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, TUTOR_DATA_DIR=str(tmp_path / "data"), TUTOR_STUDENT=student, NO_COLOR="1")
    env.pop("TUTOR_DB", None)
    return subprocess.run([str(TUTOR), *args, "stats", "--json"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def test_stats_read_the_signed_in_students_rows_from_the_database(pg_url, tmp_path, exam):
    store = open_store(db=pg_url, student="dana", exams=[exam])
    part = exam.parts[0]
    store.record_attempt(Attempt(exam.id, part.id, part.fields[0].id, "x", "incorrect", 0, part.fields[0].points))
    store.close()
    dana = _stats(tmp_path, "--db", pg_url, student="dana")
    erin = _stats(tmp_path, "--db", pg_url, student="erin")
    local = _stats(tmp_path, student="dana")  # without --db: the data dir's SQLite file
    assert dana.returncode == 0, dana.stderr
    assert json.loads(dana.stdout)["attempts"] == 1
    assert json.loads(erin.stdout)["attempts"] == 0
    assert json.loads(local.stdout)["attempts"] == 0


def test_a_db_that_is_not_a_postgresql_url_is_a_usage_error(run_tutor):
    out = run_tutor("--db", "sqlite:///tmp/x.db", "stats")
    assert out.returncode == 2 and "PostgreSQL URL" in out.stderr and "Traceback" not in out.stderr


def test_a_serve_session_is_told_the_database_with_the_student(tmp_path):
    env = student_environment(tmp_path, "dana", "postgresql://tutor@db/class")
    assert env == {"TUTOR_DATA_DIR": str(tmp_path), "TUTOR_STUDENT": "dana", "TUTOR_DB": "postgresql://tutor@db/class"}
    assert "TUTOR_DB" not in student_environment(tmp_path, "dana")
