"""The PostgreSQL store: students kept apart by the database itself, migrations, failures.

The rest of the store suite runs on PostgreSQL through the `engine` fixture; these tests are
about what only a shared database has: other students' rows, and several processes
migrating one database at once.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest

from tutor.study import Attempt, open_store
from tutor.study.dialect import to_postgres
from tutor.study.schema import LATEST, MIGRATIONS


def _attempt(raw: str = "2", verdict: str = "correct", score: float = 5) -> Attempt:
    return Attempt("mini", "1b", "x", raw, verdict, score, 5)


@pytest.fixture
def two(pg_url, clock, mini):
    """Alice's and Bob's stores in one database."""
    alice = open_store(db=pg_url, student="alice", clock=clock, exams=[mini])
    bob = open_store(db=pg_url, student="bob", clock=clock, exams=[mini])
    assert alice.warning is None and bob.warning is None
    yield alice, bob
    alice.close()
    bob.close()


def _raw(url: str, student: str | None = None):
    """A plain connection as the tutor's role, with `tutor.student` set for the session."""
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    if student is not None:
        conn.execute("SELECT set_config('tutor.student', %s, false)", (student,))
    return conn


# -- dialect (no server needed) --------------------------------------------------------------

def test_the_dialect_rewrites_placeholders_conflict_targets_ignores_and_ids():
    assert to_postgres("SELECT * FROM attempts WHERE id = ? AND raw LIKE '5%'") == (
        "SELECT * FROM attempts WHERE id = %s AND raw LIKE '5%%'", False)
    assert to_postgres("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                       " SET value = excluded.value")[0].endswith(
        "ON CONFLICT (student, key) DO UPDATE SET value = excluded.value")
    assert to_postgres("INSERT OR IGNORE INTO mock_flags (mock_id, part_id) VALUES (?, ?)") == (
        "INSERT INTO mock_flags (mock_id, part_id) VALUES (%s, %s) ON CONFLICT DO NOTHING", False)
    text, returns_id = to_postgres("INSERT INTO attempts (exam_id) VALUES (?)")
    assert returns_id and text.endswith(" RETURNING id")
    assert to_postgres("SELECT 5 % 2", with_params=False) == ("SELECT 5 % 2", False)


def test_every_migration_has_both_engines_forms():
    assert [m[0] for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert all(m[2].strip() and m[3].strip() for m in MIGRATIONS)


def test_opening_a_sqlite_store_never_imports_psycopg(tmp_path):
    code = ("import sys; from tutor.study import open_store; s = open_store(sys.argv[1]); s.close();"
            "print('psycopg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.stdout.strip() == "False"


def test_a_db_that_is_not_postgresql_is_refused_with_a_message(clock):
    store = open_store(db="mysql://x@y/z", clock=clock)
    assert not store.saving and "postgresql://" in store.warning


def test_an_empty_db_keeps_the_sqlite_file_whatever_tutor_db_says(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("TUTOR_DB", "postgresql://nobody@127.0.0.1:1/none")
    store = open_store(tmp_path, clock=clock, db="")
    assert store.saving and store.path == tmp_path / "tutor.db" and store.warning is None
    store.close()


# -- isolation -------------------------------------------------------------------------------

def test_a_student_sees_only_their_own_progress(two, mini):
    alice, bob = two
    alice.record_attempt(_attempt())
    alice.set_setting("theme", "light")
    mock = alice.start_mock("mini", 30)
    alice.save_answer(mock.id, "1b.x", "2")
    assert len(alice.attempts()) == 1 and bob.attempts() == [] and bob.attempt_count() == 0
    assert bob.get_setting("theme") is None and bob.active_mock("mini") is None
    assert set(alice.part_status("mini", mini).values()) != {"new"}
    assert set(bob.part_status("mini", mini).values()) == {"new"}
    assert bob.concept_cards("mini") == {} and set(alice.concept_cards("mini")) == {"beta"}
    bob.set_setting("theme", "dark")  # the same key, each student's own row
    assert (alice.get_setting("theme"), bob.get_setting("theme")) == ("light", "dark")
    assert bob.start_mock("mini", 30).id != mock.id  # Alice's open mock does not block Bob's


def test_another_students_ids_reach_nothing(two):
    alice, bob = two
    attempt_id = alice.record_attempt(_attempt("1", "incorrect", 0))
    mock = alice.start_mock("mini", 30)
    with pytest.raises(KeyError):
        bob.self_grade(attempt_id, 5)
    assert bob.get_mock(mock.id) is None and bob.mock_answers(mock.id) == {}
    assert bob.save_answer(mock.id, "1b.x", "forged") is False
    with pytest.raises(sqlite3.IntegrityError):  # a flag on a mock that is not Bob's
        bob.set_flag(mock.id, "1b")
    assert alice.mock_flags(mock.id) == set() and alice.mock_answers(mock.id) == {}
    assert alice.attempts()[0].score == 0 and alice.attempts()[0].verdict == "incorrect"


def test_the_database_refuses_rows_written_for_another_student(two, pg_url):
    import psycopg

    alice, _bob = two
    alice.record_attempt(_attempt())
    with _raw(pg_url, "bob") as conn:  # Bob's identity, trying to write and change Alice's rows
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO settings (student, key, value) VALUES ('alice', 'theme', '\"forged\"')")
        assert conn.execute("UPDATE attempts SET score = 0 WHERE student = 'alice'").rowcount == 0
        assert conn.execute("DELETE FROM attempts").rowcount == 0
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # moving his own row to her
            conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
            conn.execute("UPDATE settings SET student = 'alice' WHERE key = 'x'")
    assert alice.get_setting("theme") is None and alice.attempts()[0].score == 5


def test_without_a_student_setting_nothing_is_seen_or_written(two, pg_url):
    import psycopg

    alice, _bob = two
    alice.record_attempt(_attempt())
    with _raw(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0
        with pytest.raises(psycopg.Error):
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
        conn.execute("SELECT set_config('tutor.student', '', false)")  # a forged empty id
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


def test_a_pooled_connection_keeps_no_student_after_a_call(two):
    alice, _bob = two
    alice.record_attempt(_attempt())
    with alice.backend.pool.connection() as conn:  # the same pool the store just used
        assert conn.execute("SELECT current_setting('tutor.student', true)").fetchone()[0] in (None, "")
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


def test_a_role_that_bypasses_row_security_is_refused(pg_admin_url, clock):
    store = open_store(db=pg_admin_url, student="alice", clock=clock)
    assert not store.saving and "row-level security" in store.warning
    store.record_attempt(_attempt())  # the session goes on in memory
    assert len(store.attempts()) == 1


def test_an_unreachable_server_gives_a_memory_store_with_a_warning(clock, monkeypatch):
    monkeypatch.setattr("tutor.study.pg.OPEN_TIMEOUT_S", 1.0)
    store = open_store(db="postgresql://nobody@127.0.0.1:1/none", student="alice", clock=clock)
    assert not store.saving and "127.0.0.1:1/none" in store.warning and "Not saving" in store.warning


def test_the_env_vars_choose_the_database_and_the_student(pg_url, clock, monkeypatch):
    monkeypatch.setenv("TUTOR_DB", pg_url)
    monkeypatch.setenv("TUTOR_STUDENT", "carol")
    store = open_store(clock=clock)
    store.record_attempt(_attempt())
    store.close()
    again = open_store(db=pg_url, student="carol", clock=clock)
    assert len(again.attempts()) == 1
    again.close()


# -- migrations ------------------------------------------------------------------------------

def test_migrations_are_logged_once_each(pg_url, clock):
    for _ in range(2):
        open_store(db=pg_url, student="alice", clock=clock).close()
    with _raw(pg_url) as conn:
        rows = conn.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
    assert rows == [(m[0], m[1]) for m in MIGRATIONS]


def test_nodes_starting_at_once_apply_each_migration_once(pg_url, clock):
    stores, errors = [], []
    gate = threading.Barrier(6)

    def start(i: int) -> None:
        gate.wait()
        try:
            stores.append(open_store(db=pg_url, student=f"s{i}", clock=clock))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(s.warning is None and s.saving for s in stores)
    for s in stores:
        s.close()
    with _raw(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*), MAX(version) FROM migrations").fetchone() == (LATEST, LATEST)


def test_a_database_from_a_newer_tutor_is_not_written(pg_url, clock):
    open_store(db=pg_url, student="alice", clock=clock).close()
    with _raw(pg_url) as conn:
        conn.execute("INSERT INTO migrations VALUES (%s, 'future', 'x')", (LATEST + 1,))
    store = open_store(db=pg_url, student="alice", clock=clock)
    assert not store.saving and "newer" in store.warning


def test_a_connection_the_server_dropped_is_replaced_and_nothing_is_lost(two, pg_admin_url, pg_url):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    alice, _bob = two
    alice.record_attempt(_attempt())
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:  # a server restart, as the pool sees it
        dropped = admin.execute("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                " WHERE datname = %s AND pid <> pg_backend_pid()",
                                (conninfo_to_dict(pg_url)["dbname"],)).fetchone()[0]
    assert dropped >= 1
    alice.record_attempt(_attempt("3", "incorrect", 0))
    assert [a.raw for a in alice.attempts()] == ["2", "3"]
