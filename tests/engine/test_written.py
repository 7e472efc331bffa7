"""Written answers judged as a TA would: the battery, the issue's examples, one judgement for
the scanned answers, and the reading of direction, negation, echoes and maths."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.engine.written_battery import BATTERY, LIMITS
from tutor.engine import check
from tutor.engine.critique import judge_scan
from tutor.engine.judge import judge, score_of
from tutor.engine.wording import normalize, tokens
from tutor.model.content import load_exams

EXAM = load_exams()[0]
WRITTEN = [f.full_id for p in EXAM.parts for f in p.fields if f.kind == "text"]

# The false claims under issue 12's "Why", with the misconception each must name, and a
# correct paraphrase of each that must earn at least 60 %.
WHY_EXAMPLES = [
    ("1a.explain", "Regression predicts a discrete class label, classification a continuous value.", "reversed",
     "Classification predicts a discrete class label, regression a continuous value."),
    ("1b.why", "SGD is more accurate because it updates after every single example, so its gradient is exact.",
     "sgd-more-accurate",
     "GD is more accurate because it averages over every example, so its gradient is exact; SGD uses a single example."),
    ("1b.why", "One example all exact faster", "sgd-more-accurate",
     "SGD uses one example per step and is faster; GD uses all examples and its gradient is exact."),
    ("4e.why", "A is mini-batch gradient descent, which is smooth, and B is batch gradient descent, which is jagged.",
     "swapped",
     "A is batch gradient descent, which is smooth because it uses the exact gradient, and B is mini-batch "
     "gradient descent, which is jagged because each step uses a random subset."),
    ("4g.why", "The correction disappears because the learning rate decays.", "learning-rate",
     "The correction disappears because β^t → 0, so the factor 1/(1 − β^t) → 1."),
    ("1d.why", "Random biases break the symmetry.", "random-biases",
     "All neurons in a layer compute the same output and get the same gradient, so they stay identical; "
     "the layer acts like one neuron."),
    ("3a.explain", "Pick λ by the lowest training loss.", "by-training-loss",
     "Pick λ by the best accuracy on a held-out validation set."),
    ("3a.explain", "Pick λ by the test set.", "by-test-set",
     "Pick λ by the best accuracy on a held-out validation set."),
    ("2c.why", "Nothing changes, including W_1.", "nothing-changes",
     "The forward pass and the loss are unchanged, so b_1 and the later layers get the same updates; "
     "only W_1's update differs."),
]


def _field(full_id: str):
    return EXAM.field(full_id)


def test_every_written_field_has_a_battery_of_ten_and_two_misconceptions():
    assert set(BATTERY) == set(WRITTEN)
    for fid in WRITTEN:
        kinds = {item[0] for item in BATTERY[fid]}
        assert len(BATTERY[fid]) >= 10, fid
        assert kinds == {"right", "false", "echo", "word"}, fid
        field = _field(fid)
        assert len(field.misconceptions) >= 2, fid
        assert all(m.concept in EXAM.concepts for m in field.misconceptions), fid


@pytest.mark.parametrize("fid", sorted(BATTERY))
def test_battery_gets_the_verdict_a_ta_would_give(fid):
    field = _field(fid)
    wrong = []
    for item in BATTERY[fid]:
        kind, text = item[0], item[1]
        j = judge(field, text)
        low, high = LIMITS[kind]
        named = [m.misconception.id for m in j.misconceptions]
        ok = low - 1e-9 <= j.fraction <= high + 1e-9
        if kind == "false" and len(item) > 2:
            ok = ok and item[2] in named
        if kind == "right":
            ok = ok and not named
        if not ok:
            wrong.append((kind, round(j.fraction, 2), named, text))
    assert wrong == []


@pytest.mark.parametrize(("fid", "false", "misconception", "paraphrase"), WHY_EXAMPLES)
def test_the_issues_false_claims_are_caught_and_their_paraphrases_pass(fid, false, misconception, paraphrase):
    field = _field(fid)
    bad = check(field, false)
    assert bad.score <= 0.4 * field.points + 1e-9
    assert bad.mistake == misconception
    assert bad.feedback[0] == next(m.feedback for m in field.misconceptions if m.id == misconception)
    good = judge(field, paraphrase)
    assert good.fraction >= 0.6
    assert good.misconceptions == ()


@pytest.mark.parametrize("part", [p.id for p in EXAM.parts])
def test_the_critique_verdict_is_what_the_rubric_gives_the_scanned_text(part):
    p = EXAM.part(part)
    assert p.scan is not None
    assert judge_scan(p).verdict == p.scan.verdict


def test_a_scan_the_checks_cannot_read_keeps_the_graders_verdict():
    """dl-quiz 1c's scan lists no `fields:`: the critique once called it 'unreadable' (a verdict
    no button of the critique could agree with) instead of the grader's 'correct'."""
    from pathlib import Path

    from tutor.model.loader import load_exam

    quiz = load_exam(Path(__file__).parents[1] / "fixtures" / "exams" / "dl-quiz.yaml")
    part = quiz.part("1c")
    assert part.scan is not None and not part.scan.fields and part.scan.verdict == "correct"
    judged = judge_scan(part)
    assert judged.verdict == "correct" and judged.results == ()


def test_a_misconception_unticks_its_idea_and_caps_the_score():
    field = _field("3a.explain")
    j = judge(field, "Try a grid of λ values on a log scale and choose the one with the lowest training loss.")
    assert [m.misconception.id for m in j.misconceptions] == ["by-training-loss"]
    assert next(i for i in j.ideas if i.item.id == "not-train-or-test").contradicted
    assert j.score <= 0.4 * field.points
    assert next(i for i in j.ideas if i.item.id == "search").found


def test_negation_and_comparison_turn_a_claim_around():
    field = _field("1b.why")
    assert judge(field, "SGD is not as accurate as GD.").misconceptions == ()
    assert judge(field, "SGD is less accurate than GD.").misconceptions == ()
    assert [m.misconception.id for m in judge(field, "GD is less accurate than SGD.").misconceptions] == [
        "sgd-more-accurate"]
    assert [m.misconception.id for m in judge(field, "SGD is more accurate than GD.").misconceptions] == [
        "sgd-more-accurate"]


def test_the_questions_own_words_are_no_evidence():
    field = _field("1b.why")
    assert judge(field, "Does SGD or GD provide a more accurate estimate of the gradient?").score == 0
    assert judge(field, "SGD or GD provides a more accurate estimate of the gradient").score == 0


def test_maths_is_read_as_maths():
    assert normalize("β₁ᵗ → 0").split() == ["β1^t", "→", "0"]
    assert normalize("beta_1^t tends to zero").split() == ["β1^t", "→", "0"]
    assert normalize(r"$\beta_1^t \to 0$").split() == ["β1^t", "→", "0"]
    assert normalize("ṽ ≈ v").split() == normalize("v~ ~= v").split() == ["vtilde", "≈", "v"]
    assert normalize("𝐖₁𝐳 ≠ 𝟎").split() == ["w1", "z", "≠", "0"]
    field = _field("4g.why")
    bare = judge(field, "It is 0 and 1.")
    assert bare.score == 0  # the arrows' numbers alone are not the claim
    assert judge(field, "β^t → 0, so 1 − β^t → 1.").fraction == 1.0


def test_higher_is_not_high_and_fuzzy_spelling_stays_close():
    words = [t.stem for t in tokens("higher high")]
    assert words[0] != words[1]
    field = _field("1b.why")
    assert judge(field, "GD's gradient is more acurate because it uses the entire dataset.").fraction >= 0.6


def test_score_of_adds_idea_points_up_to_the_fields_points():
    field = _field("3c.explain")
    assert score_of(field, ["co-adaptation"]) == 4
    assert score_of(field, ["co-adaptation", "ensemble"]) == field.points


def test_cli_json_lists_ideas_and_misconceptions_with_exit_3():
    out = subprocess.run([sys.executable, "-m", "tutor", "answer", "4g.why", "the learning rate decays", "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 3
    data = json.loads(out.stdout)
    assert data["verdict"] == "self-grade"
    assert data["score"] <= 0.4 * data["max"]
    assert {i["id"] for i in data["ideas"]} == {"power-vanishes", "factor-one", "why-needed"}
    assert all(set(i) == {"id", "text", "found", "evidence"} for i in data["ideas"])
    assert [m["id"] for m in data["misconceptions"]] == ["learning-rate"]
    assert set(data["misconceptions"][0]) == {"id", "feedback"}


def test_cli_json_has_empty_lists_when_nothing_is_found():
    out = subprocess.run([sys.executable, "-m", "tutor", "answer", "4f", "purple", "--json"],
                         capture_output=True, text=True, timeout=60)
    data = json.loads(out.stdout)
    assert out.returncode == 3
    assert data["misconceptions"] == []
    assert [i["found"] for i in data["ideas"]] == [False, False]
    assert all(i["evidence"] == "" for i in data["ideas"])


def test_evidence_quotes_the_negation_it_relied_on():
    field = _field("1b.why")
    for answer, words in (("SGD is not as accurate as GD.", "not as accurate"),
                          ("SGD no longer gives an exact gradient.", "no longer gives an exact")):
        found = [i for i in judge(field, answer).ideas if i.found]
        assert found, answer
        assert any(words in i.evidence for i in found), [i.evidence for i in found]
