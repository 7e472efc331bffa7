"""The per-store reader sums exactly what the store's own API says, reads a store in use, an
old one or a damaged one safely, and a kept source rereads only stores that changed."""

from __future__ import annotations

import sqlite3

import pytest

from tests.classroom.class_builder import T0, as_sets, build_random_class, reference_rows
from tutor.classroom import ClassFolder
from tutor.classroom.report_build import class_report
from tutor.classroom.report_sqlite import FolderSource, read_student
from tutor.study import Attempt, open_store


@pytest.mark.parametrize("readers", [1, 3])
def test_the_rows_match_the_store_api_student_by_student(tmp_path, exam, readers):
    folder = ClassFolder(tmp_path / "class")
    ids = build_random_class(folder, exam)
    now = T0.replace(month=4)
    got = as_sets(FolderSource(folder, readers=readers).rows([exam.id], now))
    want = reference_rows(folder, ids, exam, now)
    assert got == want
    assert want[0] and want[1] and want[2] and want[3]  # every kind of row is exercised
    assert any(h[4] for h in want[1]) and any(not h[4] for h in want[1])  # misconceptions and mistakes
    assert any(f[7] is None for f in want[0]) and any(f[7] == 1 for f in want[0])


def test_a_store_open_in_a_tutor_is_read_with_its_unsaved_pages(tmp_path, exam):
    folder = ClassFolder(tmp_path / "class")
    store = open_store(folder.student_dir("ann"), exams=[exam])
    store.record_attempt(Attempt(exam.id, "4a", "loss", "x", "incorrect", 0.0, 3.0, mistake="sign"))
    assert (folder.student_dir("ann") / "tutor.db-wal").exists()  # the answer may sit in the WAL only
    sums = read_student(folder.student_dir("ann"), "ann")
    assert [(h.field_id, h.id, h.times) for h in sums.rows.hits] == [("4a.loss", "sign", 1)]
    store.close()


def test_a_kept_source_rereads_a_student_only_after_their_store_changed(tmp_path, exam, monkeypatch):
    folder = ClassFolder(tmp_path / "class")
    for sid in ("ann", "bo"):
        store = open_store(folder.student_dir(sid), exams=[exam])
        store.record_attempt(Attempt(exam.id, "4a", "loss", "x", "incorrect", 0.0, 3.0))
        store.close()
    source = FolderSource(folder, ["ann", "bo"])
    reads: list[str] = []
    import tutor.classroom.report_sqlite as module

    real = module.read_student
    monkeypatch.setattr(module, "read_student", lambda d, s: reads.append(s) or real(d, s))
    assert {p.id: p.tried for p in class_report(source, [exam], T0).exams[0].parts}["4a"] == 2
    store = open_store(folder.student_dir("bo"), exams=[exam])
    store.record_attempt(Attempt(exam.id, "4b", "loss", "x", "correct", 3.0, 3.0))
    store.close()
    report = class_report(source, [exam], T0)
    assert sorted(reads) == ["ann", "bo", "bo"]
    assert {p.id: p.tried for p in report.exams[0].parts}["4b"] == 1


def test_an_old_store_is_migrated_and_a_damaged_one_is_named_not_fatal(tmp_path, exam):
    folder = ClassFolder(tmp_path / "class")
    old = folder.student_dir("old")
    old.mkdir(parents=True)
    conn = sqlite3.connect(old / "tutor.db")
    from tutor.study.schema import MIGRATIONS, _statements

    for statement in _statements(MIGRATIONS[0][2]):
        conn.execute(statement)
    conn.execute("INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mistake, mode, at)"
                 " VALUES (?, '4a', '4a.loss', 'x', 'incorrect', 0, 3, 'sign', 'practice', '2025-01-01T00:00:00')",
                 (exam.id,))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    bad = folder.student_dir("bad")
    bad.mkdir(parents=True)
    (bad / "tutor.db").write_bytes(b"this is not a database" * 100)
    report = class_report(FolderSource(folder, ["old", "bad", "never"]), [exam], T0)
    assert report.unreadable == ("bad",) and report.students == 3
    assert [(m.field_id, m.id, m.students) for m in report.exams[0].mistakes] == [("4a.loss", "sign", 1)]
    assert (bad / "tutor.db").read_bytes().startswith(b"this is not")  # a report never moves anything aside
    assert not folder.student_dir("never").exists()
