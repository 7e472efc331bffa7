"""Several exams on the command line: EXAM:PART ids, ambiguity refused with the exams named,
--exam on every command, the per-user exams folder, and stats across exams."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tutor.model import default_content_dir

QUIZ = Path(__file__).parents[1] / "fixtures" / "exams" / "dl-quiz.yaml"


@pytest.fixture
def folder(tmp_path):
    """One folder holding two exams: the shipped one and the quiz."""
    out = tmp_path / "exams"
    out.mkdir()
    shutil.copy(default_content_dir() / "c147-w21-midterm.yaml", out)
    shutil.copy(QUIZ, out)
    return out


def test_both_exams_in_one_folder_pass_check(run_tutor, folder):
    result = run_tutor("check", str(folder))
    assert result.returncode == 0, result.stderr
    assert "ok  c147-w21-midterm" in result.stdout and "ok  dl-quiz: 3 problems, 8 parts" in result.stdout


def test_a_bare_id_two_exams_have_is_refused_naming_both(run_tutor, folder):
    for command in (("answer", "1a", "2080"), ("show", "1a"), ("practice", "1a")):
        result = run_tutor("--content", str(folder), *command)
        assert result.returncode == 2, command
        assert "'1a' is a part of several exams (c147-w21-midterm, dl-quiz)" in result.stderr


def test_qualified_ids_and_exam_option_pick_the_exam(run_tutor, folder):
    right = run_tutor("--content", str(folder), "answer", "dl-quiz:1a", "2080", "--json")
    assert right.returncode == 0 and json.loads(right.stdout)["verdict"] == "correct"
    picked = run_tutor("--content", str(folder), "--exam", "dl-quiz", "answer", "1a", "2048")
    assert picked.returncode == 1 and "each of the 32 outputs also has a bias" in picked.stdout
    unique = run_tutor("--content", str(folder), "answer", "4a", "-ln(0.3)")   # only one exam has 4a
    assert unique.returncode == 0
    unknown = run_tutor("--content", str(folder), "--exam", "dl-qiuz", "list")
    assert unknown.returncode == 2 and "unknown exam 'dl-qiuz' (did you mean 'dl-quiz'?)" in unknown.stderr


def test_the_user_exams_folder_is_found_and_a_broken_file_there_is_skipped(run_tutor, tmp_path):
    data = tmp_path / "data"
    (data / "exams").mkdir(parents=True)
    shutil.copy(QUIZ, data / "exams")
    (data / "exams" / "broken.yaml").write_text("id: [\n")
    result = run_tutor("list", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)["exams"]] == ["c147-w21-midterm", "dl-quiz"]
    assert "skipped" in result.stderr and "broken.yaml" in result.stderr


def test_stats_cover_every_exam_or_the_one_asked_for(run_tutor, folder, tmp_path):
    data = tmp_path / "data"
    run_tutor("--content", str(folder), "answer", "dl-quiz:1a", "2080", data_dir=data)
    every = json.loads(run_tutor("--content", str(folder), "stats", "--json", data_dir=data).stdout)
    assert every["exams"] == ["c147-w21-midterm", "dl-quiz"]
    one = json.loads(run_tutor("--content", str(folder), "--exam", "dl-quiz", "stats", "--json", data_dir=data).stdout)
    assert one["exams"] == ["dl-quiz"]
    text = run_tutor("--content", str(folder), "stats", data_dir=data).stdout
    assert "Deep Learning Quiz 1" in text and "Practice quizzes (0)" in text and "Mock midterms (0)" in text


def test_check_tells_where_the_schema_is(run_tutor):
    result = run_tutor("check", "--schema")
    path = Path(result.stdout.strip())
    assert result.returncode == 0 and path.name == "exam.schema.json" and path.is_file()
