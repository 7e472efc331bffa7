"""The store itself: where it lives, its schema, durable attempts, settings and progress."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from tutor.study import Attempt, open_store
from tutor.study.schema import LATEST


def test_creates_wal_database_with_schema_version_and_migration_log(tmp_path, clock):
    store = open_store(tmp_path / "d", clock=clock)
    store.close()
    conn = sqlite3.connect(tmp_path / "d" / "tutor.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("SELECT version, name FROM migrations").fetchall() == [(1, "initial"), (2, "attempt variant"),
                                                                                  (3, "attempt misconceptions"), (4, "class report reads")]


def test_reopening_applies_no_migration_twice(tmp_path, clock):
    for _ in range(3):
        open_store(tmp_path, clock=clock).close()
    conn = sqlite3.connect(tmp_path / "tutor.db")
    assert conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == LATEST


def test_a_version_1_database_is_migrated_and_keeps_its_attempts(tmp_path, clock):
    from tutor.study.schema import MIGRATIONS, _statements

    (tmp_path / "old").mkdir()
    conn = sqlite3.connect(tmp_path / "old" / "tutor.db", isolation_level=None)
    for statement in _statements(MIGRATIONS[0][2]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mode, at)"
                 " VALUES ('mini', '1b', '1b.x', '2', 'correct', 5, 5, 'practice', '2025-02-18T12:00:00+00:00')")
    conn.close()
    store = open_store(tmp_path / "old", clock=clock)
    (old,) = store.attempts("mini")
    assert (old.raw, old.verdict, old.variant) == ("2", "correct", 0)
    store.record_attempt(Attempt("mini", "1b", "x", "3", "incorrect", 0, 5, variant=7))
    assert [a.variant for a in store.attempts("mini")] == [0, 7]


def test_env_var_chooses_the_data_dir_and_argument_beats_it(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "env"))
    open_store(clock=clock).close()
    assert (tmp_path / "env" / "tutor.db").exists()
    open_store(tmp_path / "arg", clock=clock).close()
    assert (tmp_path / "arg" / "tutor.db").exists()


def test_default_location_is_the_platform_user_data_dir(tmp_path):
    code = ("import os; os.environ.pop('TUTOR_DATA_DIR', None); import platformdirs;"
            "from tutor.study.paths import db_path;"
            "print(db_path() == __import__('pathlib').Path(platformdirs.user_data_dir('tutor', appauthor=False)) / 'tutor.db')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_attempt_is_committed_when_record_returns(sqlite_store, tmp_path, clock):
    store = sqlite_store
    attempt_id = store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign", 1, False, 12.5, "practice"))
    other = sqlite3.connect(tmp_path / "data" / "tutor.db")  # a separate connection sees it at once
    row = other.execute("SELECT exam_id, part_id, field_id, raw, verdict, score, max, mistake, hints_used,"
                        " solution_seen, duration_s, mode, at FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    assert row == ("mini", "1b", "1b.x", "-2", "incorrect", 0.0, 5.0, "sign", 1, 0, 12.5, "practice",
                   "2025-02-18T12:00:00.000000+00:00")


def test_attempts_read_back_in_order_with_full_field_ids(store, clock):
    store.record_attempt(Attempt("mini", "2a", "a", "0", "incorrect", 0, 4))
    clock.advance(seconds=5)
    store.record_attempt(Attempt("mini", "2a", "2a.b", "GD", "correct", 6, 6, mode="critique"))
    got = store.attempts("mini")
    assert [(a.field_id, a.verdict, a.mode) for a in got] == [("2a.a", "incorrect", "practice"), ("2a.b", "correct", "critique")]
    assert got[1].at == clock.now and store.attempt_count("mini") == 2


def test_unknown_mode_is_refused_and_nothing_is_written(store):
    try:
        store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5, mode="exam"))
    except ValueError as error:
        assert "unknown mode" in str(error)
    else:
        raise AssertionError("mode 'exam' was accepted")
    assert store.attempt_count() == 0


def test_part_status_and_problem_progress_follow_the_latest_answer(store, mini):
    assert set(store.part_status("mini", mini).values()) == {"new"}
    store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign"))
    store.record_attempt(Attempt("mini", "2a", "a", "1", "correct", 4, 4))
    store.record_attempt(Attempt("mini", "3a", "y", "???", "invalid", 0, 2))
    status = store.part_status("mini", mini)
    assert status == {"1a": "new", "1b": "wrong", "2a": "partial", "3a": "new"}
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
    store.record_attempt(Attempt("mini", "2a", "b", "GD", "correct", 6, 6))
    assert store.part_status("mini", mini)["1b"] == "right"
    assert store.part_status("mini", mini)["2a"] == "right"
    progress = {p.problem_id: p for p in store.problem_progress("mini", mini)}
    assert (progress["1"].attempted, progress["1"].correct, progress["1"].earned, progress["1"].points) == (1, 1, 5.0, 10)
    assert (progress["2"].earned, progress["3"].attempted, progress["3"].bonus) == (10.0, 0, True)


def test_critiques_and_removed_fields_do_not_count_as_the_learners_answers(store, mini):
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
    assert store.part_status("mini", mini)["1b"] == "right"
    # judging the scanned answer is not answering the part; it must not spoil "right" or add points
    store.record_attempt(Attempt("mini", "1b", "critique", "partial", "correct", 1, 1, mode="critique"))
    store.record_attempt(Attempt("mini", "1b", "gone", "7", "correct", 3, 3))  # not in the exam
    assert store.part_status("mini", mini)["1b"] == "right"
    progress = {p.problem_id: p for p in store.problem_progress("mini", mini)}
    assert progress["1"].earned == 5.0


def test_self_grading_a_text_answer_updates_verdict_and_score(store):
    attempt_id = store.record_attempt(Attempt("mini", "1a", "t", "the idea", "self-grade", 0, 5))
    graded = store.self_grade(attempt_id, 3.5)
    assert (graded.verdict, graded.score, graded.self_graded) == ("partial", 3.5, True)
    assert store.attempts("mini")[0].verdict == "partial"
    assert store.self_grade(attempt_id, 99).verdict == "correct"  # clamped to the field's points


def test_settings_round_trip_json_values(store, tmp_path, clock, open_study):
    assert store.get_setting("theme", "dark") == "dark"
    store.set_setting("theme", "light")
    store.set_setting("recent", {"part": "4a", "n": [1, 2]})
    store.close()
    again = open_study(tmp_path / "data", clock=clock)
    assert again.get_setting("theme") == "light"
    assert again.get_setting("recent") == {"part": "4a", "n": [1, 2]}


def test_importing_the_study_package_loads_neither_fsrs_nor_numpy():
    code = "import sys, tutor.study; print(sorted(m for m in ('fsrs', 'numpy', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_study_package_names_come_from_their_modules_on_first_use():
    code = ("import sys, tutor.study as s\n"
            "before = sorted(m for m in sys.modules if m.startswith('tutor.study.'))\n"
            "from tutor.study import open_store\n"
            "store_only = 'tutor.study.stats' in sys.modules or 'tutor.study.grading' in sys.modules\n"
            "names = {n: getattr(s, n) for n in s.__all__}\n"
            "print(before, store_only, sorted(n for n in s.__all__ if n not in dir(s)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False []"
    import tutor.study as study
    from tutor.study import grading, opening, stats

    assert study.Stats is stats.Stats and study.grade_mock is grading.grade_mock
    assert study.open_store is opening.open_store
    with pytest.raises(AttributeError):
        _ = study.no_such_name
