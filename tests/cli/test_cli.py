"""The console script as a user runs it: check, list, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIELD_IDS = {
    "4a.loss": "number", "4b.loss": "number", "4g.limit": "number",
    "2b.dW": "formula", "2b.db": "formula", "4g.factor": "formula",
    "2b.dW_shape": "shape", "2b.db_shape": "shape",
    "1b.more_accurate": "choice", "1d.good_idea": "choice", "2c.changed": "choice",
    "3b.verdict": "choice", "4c.lower": "choice", "4d.good_idea": "choice",
    "4e.batch": "choice", "5b.better": "choice",
    "2a.graph": "graph",
}
POINTS = {
    "1a": 5, "1b": 7, "1c": 7, "1d": 6, "2a": 11, "2b": 14, "2c": 5, "3a": 7, "3b": 7, "3c": 6,
    "4a": 3, "4b": 3, "4c": 4, "4d": 3, "4e": 5, "4f": 2, "4g": 5, "5a": 3, "5b": 3,
}


def test_check_passes_on_the_shipped_exam(run_tutor):
    result = run_tutor("check")
    assert result.returncode == 0, result.stderr
    assert "ok  c147-w21-midterm: 5 problems, 19 parts" in result.stdout


def test_check_rejects_broken_content_with_file_line_column(run_tutor, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: t\nminutes: 10\npoints: 1\nconcepts: {}\nproblems: []\nextra: 1\n")
    result = run_tutor("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:7:1: exam: unknown key 'extra'" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_json_has_every_part_with_points_and_field_ids(run_tutor):
    result = run_tutor("list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (exam,) = data["exams"]
    assert set(exam) >= {"id", "title", "minutes", "points", "bonus", "parts"}
    assert (exam["id"], exam["minutes"], exam["points"], exam["bonus"]) == ("c147-w21-midterm", 110, 100, 6)
    assert {p["id"]: p["points"] for p in exam["parts"]} == POINTS
    kinds = {f["id"]: f["kind"] for p in exam["parts"] for f in p["fields"]}
    for field_id, kind in FIELD_IDS.items():
        assert kinds.get(field_id) == kind, field_id
    assert all(p["concepts"] for p in exam["parts"])
    text_parts = {f["id"].split(".")[0] for p in exam["parts"] for f in p["fields"] if f["kind"] == "text"}
    assert {"1a", "1c", "3a", "3c", "4f", "5a", "1b", "1d", "2c", "3b", "4c", "4d", "4e", "5b"} <= text_parts


def test_list_text_names_parts_and_fields(run_tutor):
    result = run_tutor("list")
    assert result.returncode == 0
    assert "2b.dW (formula)" in result.stdout and "Problem 5" in result.stdout


@pytest.mark.parametrize("args", [("frobnicate",), ("list", "--jsn"), ("--nope",), ("mock", "--minutes", "soon")])
def test_unknown_commands_and_options_get_usage_not_a_traceback(run_tutor, args):
    result = run_tutor(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: tutor")
    assert "Traceback" not in result.stderr


def test_practice_unknown_part_lists_the_parts(run_tutor):
    result = run_tutor("practice", "9z")
    assert result.returncode == 2
    assert "unknown part '9z'" in result.stderr and "4a" in result.stderr


def test_python_dash_m_is_the_same_program(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tutor", "list", "--json"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["exams"][0]["id"] == "c147-w21-midterm"


def test_content_errors_at_launch_are_reported_not_raised(run_tutor, tmp_path):
    bad = tmp_path / "exam.yaml"
    bad.write_text("id: [unclosed\n")
    result = run_tutor("--content", str(bad), "list")
    assert result.returncode == 1
    assert "the content has errors" in result.stderr and f"{bad}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_global_options_work_after_the_command_too(run_tutor, tmp_path):
    from tutor.cli.main import build_parser

    parser = build_parser()
    after = parser.parse_args(["stats", "--data-dir", "/x", "--content", "/c"])
    before = parser.parse_args(["--data-dir", "/x", "--content", "/c", "stats"])
    assert (after.data_dir, after.content) == (before.data_dir, before.content) == ("/x", "/c")
    neither = parser.parse_args(["--data-dir", "/x", "stats"])
    assert neither.data_dir == "/x" and neither.content is None   # not reset by the command's defaults
    out = run_tutor("stats", "--json", "--data-dir", str(tmp_path / "elsewhere"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["attempts"] == 0 and (tmp_path / "elsewhere").is_dir()


def test_show_reflows_the_yaml_line_breaks(run_tutor, exam):
    out = run_tutor("show", "2b")
    assert out.returncode == 0
    # piped: each paragraph is one line, not the YAML source's ragged breaks
    assert ("In this problem we will be making a computational graph for the final layer of a neural "
            "network, and performing backpropagation on it.") in out.stdout
    assert "box your final answers" not in out.stdout
    from tutor.cli.cmd_show import render
    from tutor.engine.variants import render_part

    text = render(exam, render_part(exam.part("2c"), 0), None, width=60)
    body = [line for line in text.split("\n") if line and not line.startswith(" ")]
    assert all(len(line) <= 60 for line in body) and len(body) > 8
    assert "This is a cool property because this means we can" in text.replace("\n", " ")


def test_check_and_answer_on_the_trial_exam_a_course_wrote_from_the_format_doc(run_tutor):
    trial = Path(__file__).parents[1] / "fixtures" / "exams" / "authoring-trial.yaml"
    checked = run_tutor("check", str(trial))
    assert checked.returncode == 0 and "ok  cnn-bn-quiz: 4 problems, 9 parts, 11 fields" in checked.stdout
    assert "warning" not in checked.stdout + checked.stderr
    right = run_tutor("--content", str(trial), "answer", "3a.value", "--variant", "0", "--", "[0.2; -0.3; 0.1]")
    assert right.returncode == 0 and "correct" in right.stdout
