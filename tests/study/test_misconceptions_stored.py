"""Every misconception the rubric finds in a written answer is stored with the attempt, so a
class report can count them (the `mistake` column keeps only the first)."""

from __future__ import annotations

import sqlite3

from tutor.engine.exam_numbers import exam_part
from tutor.study import open_store
from tutor.study.answering import check_and_record
from tutor.study.grading import MockGrade

TWO_WRONG = ("Classification predicts a continuous value, regression a discrete label; classification uses "
             "squared error loss and regression uses cross entropy.")


def test_a_practice_answer_keeps_every_misconception_found(tmp_path, exam):
    store = open_store(tmp_path, exams=[exam])
    part = exam.part("1a")
    checked = check_and_record(store, exam, part, part.fields[0], TWO_WRONG)
    (attempt,) = store.attempts(exam.id)
    assert attempt.id == checked.attempt_id
    assert attempt.misconceptions == ("reversed", "losses-swapped") and attempt.mistake == "reversed"
    store.self_grade(attempt.id, 1.0)  # confirming a score keeps them
    assert store.attempts(exam.id)[0].misconceptions == ("reversed", "losses-swapped")
    store.close()
    raw = sqlite3.connect(tmp_path / "tutor.db").execute("SELECT misconceptions FROM attempts").fetchone()[0]
    assert raw == '["reversed", "losses-swapped"]'


def test_a_number_answer_stores_no_misconceptions(tmp_path, exam):
    store = open_store(tmp_path, exams=[exam])
    part = exam_part(exam.part("4a"))
    check_and_record(store, exam, part, part.fields[0], "ln(0.3)")
    (attempt,) = store.attempts(exam.id)
    assert attempt.mistake == "sign" and attempt.misconceptions == ()
    store.close()
    assert sqlite3.connect(tmp_path / "tutor.db").execute("SELECT misconceptions FROM attempts").fetchone()[0] is None


def test_a_submitted_mock_keeps_its_written_answers_misconceptions(tmp_path, exam):
    store = open_store(tmp_path, exams=[exam])
    mock = store.start_mock(exam.id, 110)
    store.save_answer(mock.id, "1a.explain", TWO_WRONG)
    store.finish_mock(exam, mock.id)
    written = [a for a in store.attempts(exam.id) if a.field_id == "1a.explain"]
    assert [a.misconceptions for a in written] == [("reversed", "losses-swapped")]
    grade = store.mock_grade(mock.id)
    assert grade is not None
    assert next(f for f in grade.fields if f.field_id == "1a.explain").misconceptions == ("reversed", "losses-swapped")
    store.close()


def test_a_grade_stored_before_misconceptions_were_kept_still_reads():
    old = {"exam_id": "x", "fields": [{"field_id": "1a.explain", "part_id": "1a", "kind": "text", "raw": "…",
                                       "verdict": "self-grade", "score": 0.0, "max": 5.0, "mistake": None,
                                       "feedback": [], "suggested": 1.0, "self_graded": False}],
           "parts": [], "problems": [], "score": 0, "max_score": 5, "bonus": 0, "max_bonus": 0, "time_used_s": 1}
    assert MockGrade.from_json(old).fields[0].misconceptions == ()
