"""The exam a course's staff wrote from docs/content-format.md alone (tests/fixtures/exams/
authoring-trial.yaml): it checks clean, its right answers (in several equivalent forms) score
full marks, each anticipated mistake gets its own feedback, and fresh numbers keep answers
that numpy agrees with."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tutor.cli.main import build_parser
from tutor.engine import check
from tutor.engine.critique import judge_scan
from tutor.engine.judge import judge
from tutor.engine.validate import validate_exam
from tutor.engine.variants import generate, render_part
from tutor.model.loader import load_exam

TRIAL = Path(__file__).parents[1] / "fixtures" / "exams" / "authoring-trial.yaml"
EXAM = load_exam(TRIAL)


def _field(full_id: str, variant: int = 0):
    part_id, field_id = full_id.split(".")
    part = EXAM.part(part_id)
    part = render_part(part, variant) if part.params else part
    return next(f for f in part.fields if f.id == field_id)


def _answer(*argv: str, capsys) -> tuple[int, dict]:
    args = build_parser().parse_args(["answer", *argv, "--json"])
    code = args.func(args, [EXAM])
    return code, json.loads(capsys.readouterr().out)


def test_the_trial_exam_checks_clean_with_no_warnings():
    assert [str(e) for e in validate_exam(EXAM)] == []
    assert (EXAM.points, EXAM.bonus, len(EXAM.parts)) == (27, 2, 9)
    assert {f.kind for p in EXAM.parts for f in p.fields} == {"number", "formula", "shape", "choice", "graph", "text"}


RIGHT = [
    ("1a.count", "5*5*3*16 + 16"), ("1a.count", "1216"), ("1a.count", "1.216e3"),
    ("1b.width", "30"), ("1b.width", "(32 - 5 + 2*1)/1 + 1"),
    ("1b.shape", "30 x 30 x 16"), ("1b.shape", "(30, 30, 16)"), ("1b.shape", "30×30×16"),
    ("1b.shape", "30 by 30 by 16"),
    ("2a.xhat", "3/sqrt(3.5)"), ("2a.xhat", "1.6036"), ("2a.xhat", "(6-3)/sqrt(3.5 + 1e-5)"),
    ("2b.dgamma", "sum(g * xhat)"), ("2b.dgamma", "g.T @ xhat"), ("2b.dgamma", "xhat' @ g"),
    ("2b.dgamma", "sum(x_hat ⊙ g)"),
    ("3a.dz", "p - y"), ("3a.dz", "exp(z)/sum(exp(z)) - y"), ("3a.dz", "exp(z - max(z))/sum(exp(z - max(z))) - y"),
    ("3a.value", "[0.2; -0.3; 0.1]"),
    ("3b.graph", "W, x -> s; s, b -> z; z -> p; p, y -> L"),
    ("3b.graph", "p, y -> L; z -> p; s, b -> z; W, x -> s"),
    ("3b.graph", "W,x->s; s,b->logits; logits->probs; probs,y->loss"),
    ("3c.which", "a, b"), ("3c.which", "sums to one, shift invariant"), ("3c.which", "A and B"),
    ("3c.which", "b a"), ("3c.which", "(a) (b)"),                       # letters split by spaces only
    ("3c.which", "outputs sum to 1, shift invariant"),                  # an option without its "the"
    ("4a.when", "300"), ("4a.when", "b"),
]


@pytest.mark.parametrize(("target", "answer"), RIGHT)
def test_right_answers_and_their_equivalent_forms_score_full_marks(target, answer, capsys):
    code, data = _answer(target, "--", answer, capsys=capsys)
    assert (code, data["verdict"], data["score"]) == (0, "correct", data["max"]), data


MISTAKES = [
    ("1a.count", "1200", "no-bias", 1.5), ("1a.count", "5*5*16 + 16", "no-channels", 0),
    ("1b.width", "29", "no-plus-one", 0), ("1b.width", "28", "no-padding", 0),
    ("1b.shape", "30 x 30 x 3", "input-channels", 0),
    ("2a.xhat", "3/sqrt(14/3)", "unbiased", 1.5), ("2a.xhat", "1.3887", "unbiased", 0),   # credit needs the sqrt
    ("2a.xhat", "3/3.5", "no-sqrt", 0),
    ("2b.dgamma", "sum(g)", "dbeta", 0), ("2b.dgamma", "g * xhat", "no-sum", 0),
    ("3a.dz", "y - p", "sign", 0), ("3a.value", "[0.2; 0.7; 0.1]", "no-y", 0),
    ("3b.graph", "W, x -> s; s, b -> z; z, y -> L", "skip-softmax", 1.5),
]


@pytest.mark.parametrize(("target", "answer", "mistake", "score"), MISTAKES)
def test_each_anticipated_mistake_gets_its_own_feedback(target, answer, mistake, score, capsys):
    field = _field(target)
    feedback = next(m.feedback for m in field.mistakes if m.id == mistake)
    code, data = _answer(target, "--", answer, capsys=capsys)
    assert (code, data["mistake"], data["score"]) == (1, mistake, score), data
    assert data["feedback"][0] == feedback


def test_choice_feedback_and_partial_credit():
    picked = check(_field("3c.which"), "a, b, c")   # two right, one wrong: 1 − 1/2
    assert picked.verdict == "partial" and picked.score == 1.5
    assert any("sharpens" in line for line in picked.feedback)
    assert check(_field("4a.when"), "100").verdict == "incorrect"
    assert check(_field("3c.which"), "b x").verdict == "invalid"
    assert check(_field("4a.when"), "a c").verdict == "invalid"    # two letters for a one-option choice


def test_the_written_answer_is_judged_on_its_ideas():
    field = _field("2c.why")
    model = judge(field, field.model_answer)
    assert model.score == field.points and not model.misconceptions
    paraphrase = judge(field, "During evaluation the network uses population statistics estimated over training "
                              "instead of batch statistics; that makes predictions deterministic.")
    assert paraphrase.score == field.points
    reversed_claim = judge(field, "At test time it computes the statistics of the test batch, so the prediction "
                                  "depends on the batch.")
    assert [m.misconception.id for m in reversed_claim.misconceptions] == ["test-batch-stats"]
    assert reversed_claim.score == 0
    assert judge(field, "Dropout randomly zeroes units during training to reduce overfitting.").score == 0


@pytest.mark.parametrize(("answer", "found", "misconceptions"), [
    # "no matter" is an idiom, not a negation: its "no" once made the term unmatchable
    ("At inference it normalizes with a moving average of the mean and variance collected while training, so "
     "the output for one image is the same no matter which other images are in the batch.",
     {"running", "independent"}, []),
    # the scan's own words: the question's words (mean, variance) count in this misconception
    ("At test time you use the mean and variance of the test batch instead.", set(), ["test-batch-stats"]),
    ("At test time it does not use running averages; it uses the current batch.", set(), ["test-batch-stats"]),
    ("At test time the mean and variance are not those of the test batch; it uses running averages from training.",
     {"running"}, []),
])
def test_written_answers_a_ta_would_grade_the_same_way(answer, found, misconceptions):
    judged = judge(_field("2c.why"), answer)
    assert {i.item.id for i in judged.ideas if i.found} == found
    assert [m.misconception.id for m in judged.misconceptions] == misconceptions


def test_the_scans_verdicts_are_what_the_checks_give_them():
    for part_id, verdict in (("1a", "partial"), ("2c", "wrong")):
        part = EXAM.part(part_id)
        assert part.scan is not None and part.scan.verdict == verdict
        assert judge_scan(part).verdict == verdict


@pytest.mark.parametrize("variant", range(1, 9))
def test_fresh_numbers_keep_answers_numpy_agrees_with(variant):
    conv = generate(EXAM.part("1a").params, variant)
    k, c_in, c_out = (int(conv[n]) for n in ("k", "c_in", "c_out"))
    weights = np.zeros((c_out, c_in, k, k))
    assert check(_field("1a.count", variant), str(weights.size + c_out)).verdict == "correct"
    assert check(_field("1a.count", variant), str(weights.size)).mistake == "no-bias"

    shape = generate(EXAM.part("1b").params, variant)
    h, k, p, s, o = (int(shape[n]) for n in ("h", "k", "p", "s", "o"))
    positions = len(range(0, h + 2 * p - k + 1, s))    # where a k-wide filter fits, stride s
    assert positions == o
    assert check(_field("1b.width", variant), str(positions)).verdict == "correct"
    assert check(_field("1b.shape", variant), f"{o} x {o} x 16").verdict == "correct"

    batch = generate(EXAM.part("2a").params, variant)
    x = np.array([1, 2, 3, batch["a"]], dtype=float)
    xhat = (x[-1] - x.mean()) / x.std()
    assert check(_field("2a.xhat", variant), f"{xhat:.6f}").verdict == "correct"
    assert check(_field("2a.xhat", variant), f"{(x[-1] - x.mean()) / x.std(ddof=1):.6f}").mistake == "unbiased"


def test_the_model_answer_is_printed_as_one_paragraph_not_the_yamls_lines(capsys):
    args = build_parser().parse_args(["answer", "2c", "--", "It uses running averages."])
    assert args.func(args, [EXAM]) == 3
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  model answer: "))
    assert line.endswith("works for a single example.") and "current mini-batch. At test time" in line


def test_a_mistake_whose_credit_needs_the_working_says_so_when_it_is_withheld():
    """`credit_needs: [sqrt]`: the bare number once got the feedback and 0 points, with no word why."""
    bare = check(_field("2a.xhat"), "1.3887")
    assert (bare.mistake, bare.score) == ("unbiased", 0)
    assert bare.feedback[1] == "Part credit for this needs the working: write it with sqrt(…)."
    worked = check(_field("2a.xhat"), "3/sqrt(14/3)")
    assert worked.score == 1.5 and len(worked.feedback) == 1
