"""`tutor answer`: the report, the JSON, the exit codes, and answers that start with a minus."""

from __future__ import annotations

import json

import pytest

from tutor.cli import cmd_answer
from tutor.cli.main import build_parser
from tutor.model.types import Exam, Part, Problem


@pytest.fixture(scope="module")
def mini(f4a, dW, choice, text):
    parts = (
        Part(id="4a", problem_id="4", points=3, concepts=(), prompt="p", fields=(f4a,)),
        Part(id="2b", problem_id="2", points=7, concepts=(), prompt="p", fields=(dW,)),
        Part(id="1b", problem_id="1", points=2, concepts=(), prompt="p", fields=(choice,)),
        Part(id="1a", problem_id="1", points=5, concepts=(), prompt="p", fields=(text,)),
    )
    problem = Problem(id="1", title="all", points=17, parts=parts)
    return [Exam(id="mini", title="Mini", minutes=10, points=17, bonus=0, concepts={}, problems=(problem,))]


def _run(mini, capsys, *argv):
    args = build_parser().parse_args(["answer", *argv])
    code = args.func(args, mini)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_correct_number_prints_reading_verdict_and_exact_value(mini, capsys):
    code, out, _ = _run(mini, capsys, "4a", "-ln(0.3)")
    assert code == 0
    assert out.splitlines() == [
        "interpreted as −ln(0.3) = 1.20397",
        "4a.loss: correct  (3/3 points)",
        "  exact: −ln(0.3) = 1.203972804",
    ]


def test_json_output_and_flags_after_the_answer(mini, capsys):
    code, out, _ = _run(mini, capsys, "4a", "ln(0.3)", "--json")
    assert code == 1
    data = json.loads(out)
    assert data == {"id": "4a.loss", "verdict": "incorrect", "score": 0.0, "max": 3, "interpreted": "ln(0.3) = −1.20397",
                    "feedback": ["Sign error."], "mistake": "sign"}


def test_exit_codes(mini, capsys):
    assert _run(mini, capsys, "4a", "-log10(0.3)")[0] == 1        # partial
    assert _run(mini, capsys, "2b.dW", "delta @ x.T")[0] == 0
    assert _run(mini, capsys, "2b", "x @ delta.T")[0] == 1
    assert _run(mini, capsys, "1b", "b")[0] == 0
    code, out, _ = _run(mini, capsys, "4a", "-ln(0.3", "--json")
    assert code == 2 and json.loads(out)["verdict"] == "invalid"
    code, out, _ = _run(mini, capsys, "1a", "Classification is discrete; regression is continuous.")
    assert code == 3 and "self-grade" in out and "model answer:" in out


def test_unknown_id_is_exit_2_with_the_valid_ids(mini, capsys):
    code, out, err = _run(mini, capsys, "9z", "1")
    assert code == 2 and out == ""
    assert "unknown id '9z'" in err
    assert "valid ids: 4a, 2b, 1b, 1a" in err


def test_unquoted_words_are_joined(mini, capsys):
    code, out, _ = _run(mini, capsys, "4a", "-ln", "0.3")
    assert code == 0 and "−ln(0.3) = 1.20397" in out


def test_missing_answer_is_exit_2(mini, capsys):
    code, _, err = _run(mini, capsys, "4a")
    assert code == 2 and "missing ANSWER" in err


def test_exam_prefix_selects_an_exam(mini, capsys):
    assert _run(mini, capsys, "mini:4a", "1.204")[0] == 0
    code, _, err = _run(mini, capsys, "other:4a", "1.204")
    assert code == 2 and "unknown exam 'other'" in err


def test_shipped_exam_through_the_console_script(run_tutor):
    result = run_tutor("answer", "4a", "-ln(0.3)", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "correct"
    wrong = run_tutor("answer", "2b.dW", "x @ ((f - y) * where(g > 0, 1, alpha)).T")
    assert wrong.returncode == 1 and "n×m" in wrong.stdout


def test_module_shape():
    assert cmd_answer.EXIT == {"correct": 0, "partial": 1, "incorrect": 1, "invalid": 2, "self-grade": 3}


def test_show_prints_the_part_and_its_variants(capsys):
    from tutor.model.types import Field

    field = Field(id="loss", part_id="4a", kind="number", points=3, answer="-ln({p_true})")
    params = {"k": {"integer": [1, 4], "exam": 3},
              "p": {"probs": 4, "decimals": 2, "true": "k", "exam": [0.25, 0.25, 0.3, 0.2]}}
    part = Part(id="4a", problem_id="4", points=3, concepts=(), prompt="Predicted $\\hat{y} = {p}^T$.",
                fields=(field,), params=params)
    plain = Part(id="4d", problem_id="4", points=3, concepts=(), prompt="Why?", fields=())
    exams = [Exam(id="mini", title="Mini", minutes=10, points=6, bonus=0, concepts={},
                  problems=(Problem(id="4", title="Loss", points=6, parts=(part, plain)),))]

    def show(*argv):
        args = build_parser().parse_args(["show", *argv])
        code = args.func(args, exams)
        return code, capsys.readouterr()

    code, out = show("4a")
    assert code == 0 and "= (0.25, 0.25, 0.3, 0.2)ᵀ." in out.out and "4a.loss [number, 3 pts]" in out.out
    code, out = show("4a", "--variant", "5", "--json")
    data = json.loads(out.out)
    assert code == 0 and data["variant"] == 5 and data["variants"] is True and "(0.25, 0.25, 0.3, 0.2)" not in data["prompt"]
    code, out = show("4d", "--variant", "2")
    assert code == 2 and "has no variants" in out.err
    code, out = show("9z")
    assert code == 2 and "valid parts: 4a, 4d" in out.err
    args = build_parser().parse_args(["answer", "4a", "--variant", "5", "-ln(0.3)"])
    assert cmd_answer.split_answer(args) == "-ln(0.3)" and args.variant == 5


@pytest.mark.parametrize("argv", [
    ["4a", "--variant", "5", "--", "-ln(0.3)"],
    ["4a", "--json", "--variant", "5", "--", "-ln(0.3)"],
    ["--variant", "5", "4a", "--", "-ln(0.3)"],
    ["4a", "--variant=5", "--", "-ln(0.3)"],
])
def test_a_double_dash_after_options_ends_them_and_is_not_part_of_the_answer(argv):
    """`answer 4a --variant 5 -- -x` once read the answer as `-- -x`, i.e. −(−x): the sign flipped."""
    args = build_parser().parse_args(["answer", *argv])
    assert cmd_answer.split_answer(args) == "-ln(0.3)" and args.variant == 5


def test_a_double_dash_inside_the_answer_is_kept():
    args = build_parser().parse_args(["answer", "4a", "--", "3", "--", "1"])
    assert cmd_answer.split_answer(args) == "3 -- 1"
