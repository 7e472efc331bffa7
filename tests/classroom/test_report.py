"""The class report counts across students' own stores, through the study layer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tutor.classroom import ClassFolder, Roster
from tutor.classroom.report_build import class_report
from tutor.classroom.report_sqlite import FolderSource
from tutor.engine.exam_numbers import exam_part
from tutor.study import Attempt, open_store
from tutor.study.answering import check_and_record

REVERSED = "Classification predicts a continuous real value and regression predicts a discrete class label."
TWO_WRONG = ("Classification predicts a continuous value, regression a discrete label; classification uses "
             "squared error loss and regression uses cross entropy.")


def _answer(store, exam, part_id: str, verdict: str, score: float, mistake: str | None = None) -> None:
    part = exam.part(part_id)
    fld = part.fields[0]
    store.record_attempt(Attempt(exam.id, part_id, fld.id, "x", verdict, score, fld.points, mistake=mistake))


def _class(tmp_path, exam):
    """ann: 4a wrong with the sign slip, then right, and 1a written with two misconceptions;
    bo: 4a sign slip, 4b log10 slip, and a submitted mock with only 4d's choice (right) and 1a
    written backwards; cy: on the roster, never opened the tutor."""
    folder = ClassFolder(tmp_path / "class")
    roster = Roster(folder.roster_path)
    for sid in ("ann", "bo", "cy"):
        roster.add(sid)
    roster.close()
    ann = open_store(folder.student_dir("ann"), exams=[exam])
    _answer(ann, exam, "4a", "incorrect", 0, "sign")
    _answer(ann, exam, "4a", "correct", 3)
    written = exam_part(exam.part("1a"))
    check_and_record(ann, exam, written, written.fields[0], TWO_WRONG)
    ann.close()
    bo = open_store(folder.student_dir("bo"), exams=[exam])
    _answer(bo, exam, "4a", "incorrect", 0, "sign")
    _answer(bo, exam, "4b", "partial", 1.5, "log10")
    mock = bo.start_mock(exam.id, 110)
    bo.save_answer(mock.id, "4d.good_idea", "No")  # 1 point of 100
    bo.save_answer(mock.id, "1a.explain", REVERSED)  # waits for bo's self-grade: 0 points so far
    bo.finish_mock(exam, mock.id)
    bo.close()
    return folder


def test_report_counts_misses_mistakes_parts_mocks_and_reviews_across_students(tmp_path, exam):
    folder = _class(tmp_path, exam)
    report = class_report(FolderSource(folder), [exam])
    assert report.students == 3
    (e,) = report.exams
    assert e.students_started == 2
    top = e.concepts[0]
    assert top.id == "cross-entropy" and top.students_missed == 2 and top.misses == 3 and top.attempts == 4
    assert [(m.field_id, m.id, m.students, m.times) for m in e.mistakes[:2]] == [
        ("4a.loss", "sign", 2, 2), ("4b.loss", "log10", 1, 1)]
    # the content's own words, with the exam's numbers and the math as the tutor shows them
    assert e.mistakes[0].feedback.startswith("Sign error: ln 0.3 is negative")
    parts = {p.id: p for p in e.parts}
    assert (parts["4a"].tried, parts["4a"].right, parts["4a"].first_try) == (2, 1, 0.0)
    assert parts["4a"].difficulty == 0.5
    assert parts["4b"].first_try == 0.5 and parts["1b"].tried == 0 and parts["1b"].difficulty is None
    assert parts["1a"].tried == 2 and parts["1a"].right == 0
    assert e.mock_scores == (1 / 100,) and e.mock_histogram()[0] == 1
    assert [(m.field_id, m.id, m.students, m.times) for m in e.misconceptions] == [
        ("1a.explain", "reversed", 2, 2), ("1a.explain", "losses-swapped", 1, 1)]
    assert e.misconceptions[0].concept == "classification-vs-regression"
    assert e.misconceptions[0].feedback.startswith("Backwards: classification predicts a discrete class")
    assert all(m.field_id != "1a.explain" for m in e.mistakes)  # misconceptions are not counted twice
    assert parts["4d"].tried == 1 and parts["4d"].right == 0  # the written half is unanswered
    assert {d.student_id for d in e.due} == {"ann", "bo"}  # a miss makes its concept due
    assert not folder.student_dir("cy").exists()  # reading the report creates nothing


def test_report_json_and_csv_from_the_command_line(run_tutor, tmp_path, exam):
    _class(tmp_path / "data", exam)
    done = run_tutor("class", "report", "--json", data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["students"] == 3 and data["exams"][0]["mocks"]["count"] == 1
    assert data["exams"][0]["concepts"][0]["id"] == "cross-entropy"
    done = run_tutor("class", "report", "--csv", data_dir=tmp_path / "data")
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert ["mistakes", exam.id, "4a.loss", "sign", "2", "2"] == rows[[r[:1] for r in rows].index(["mistakes"])][:6]
    assert ["due", exam.id, "ann"] in [r[:3] for r in rows]
    text = run_tutor("class", "report", data_dir=tmp_path / "data")
    assert "Most-missed concepts" in text.stdout and "4a.loss sign" in text.stdout


def test_report_without_a_class_says_how_to_start_one(run_tutor, tmp_path):
    done = run_tutor("class", "report", data_dir=tmp_path / "empty")
    assert done.returncode == 2 and "tutor class roster import" in done.stderr


JSON_KEYS = {"students", "unreadable", "exams"}
EXAM_KEYS = {"exam", "title", "students_started", "concepts", "mistakes", "misconceptions", "parts", "mocks", "due"}
CSV_HEADERS = [
    ["table", "exam", "concept", "title", "students_missed", "misses", "answers"],
    ["table", "exam", "field", "mistake", "students", "times", "feedback"],
    ["table", "exam", "field", "misconception", "students", "times", "concept", "feedback"],
    ["table", "exam", "part", "points", "tried", "right", "difficulty", "first_try"],
    ["table", "exam", "from_percent", "to_percent", "mocks"],
    ["table", "exam", "student", "concepts_due"],
]


def test_the_json_and_csv_keep_the_documented_keys(run_tutor, tmp_path, exam):
    """The keys docs/serving.md documents: scripts that read the report rely on them."""
    _class(tmp_path / "data", exam)
    data = json.loads(run_tutor("class", "report", "--json", data_dir=tmp_path / "data").stdout)
    assert set(data) == JSON_KEYS and data["unreadable"] == []
    (e,) = data["exams"]
    assert set(e) == EXAM_KEYS
    assert set(e["concepts"][0]) == {"id", "title", "students_missed", "misses", "attempts"}
    assert set(e["mistakes"][0]) == {"field_id", "id", "feedback", "students", "times"}
    assert e["misconceptions"][0] == {
        "field_id": "1a.explain", "id": "reversed", "concept": "classification-vs-regression",
        "feedback": e["misconceptions"][0]["feedback"], "students": 2, "times": 2}
    assert set(e["parts"][0]) == {"id", "points", "tried", "right", "first_try", "difficulty"}
    assert set(e["mocks"]) == {"count", "median", "histogram", "scores"} and len(e["mocks"]["histogram"]) == 10
    assert set(e["due"][0]) == {"student_id", "due"}
    rows = list(csv.reader(io.StringIO(run_tutor("class", "report", "--csv", data_dir=tmp_path / "data").stdout)))
    assert [r for r in rows if r[:1] == ["table"]] == CSV_HEADERS
    assert ["misconceptions", exam.id, "1a.explain", "reversed", "2", "2"] in [r[:6] for r in rows]
    docs = (Path(__file__).parents[2] / "docs" / "serving.md").read_text(encoding="utf-8")
    for key in EXAM_KEYS | {"students_missed", "first_try", "histogram", "concepts_due", "from_percent"}:
        assert f"`{key}`" in docs, key


def test_an_unreachable_class_database_is_a_message_not_a_traceback(run_tutor, tmp_path, exam):
    _class(tmp_path / "data", exam)
    done = run_tutor("class", "report", "--db", "postgresql://tutor@127.0.0.1:1/nowhere", data_dir=tmp_path / "data")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "the class database 127.0.0.1:1/nowhere cannot be read" in done.stderr
