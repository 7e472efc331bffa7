"""Variants: deterministic by number, variant 0 is the exam, references right on 200 variants."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tutor.engine import check
from tutor.engine.validate import validate_variants
from tutor.engine.variants import (
    fresh_variant,
    generate,
    part_params,
    render_part,
    substitute,
    texts,
)
from tutor.model.positions import SourceMap
from tutor.model.types import Exam, Field, Mistake, Part, Problem

CLASSES = {
    "k": {"integer": [1, 4], "exam": 3},
    "p": {"probs": 4, "decimals": 2, "min": 0.05, "true": "k", "exam": [0.25, 0.25, 0.3, 0.2], "require": "p_true != 0.5"},
    "q": {"probs": 4, "decimals": 1, "min": 0.1, "true": "k", "exam": [0.0, 0.0, 0.4, 0.6], "require": "q_true != 0.5"},
    "lower": {"if": "q_true < p_true", "then": "a", "else": "b"},
}
ADAM = {
    "beta1": {"uniform": [0.8, 0.99], "decimals": 2, "exam": 0.9},
    "t": {"integer": [2, 30], "exam": 10},   # t = 1 would make "t dropped" equal to the answer
    "factor": {"derive": "1/(1 - beta1^t)", "decimals": 4},
}


def _part(pid: str, params, *fields: Field) -> Part:
    return Part(id=pid, problem_id="4", points=3, concepts=(), prompt="ŷ = {p}, true class {k}; $\\frac{1}{2}$",
                fields=fields, hints=("{p_true} is the one",), solution=("−ln {p_true}", "b", "c"), params=params)


LOSS = Field(id="loss", part_id="4a", kind="number", points=3, answer="-ln({p_true})", mistakes=(
    Mistake("sign", "ln({p_true})", "Sign: −ln {p_true}."),
    Mistake("log10", "-log10({p_true})", "Base 10."),
    Mistake("one-minus-p", "-ln(1 - {p_true})", "1 − p."),
    Mistake("sum-all", "-(ln({p1}) + ln({p2}) + ln({p3}) + ln({p4}))", "All classes."),
))
LOWER = Field(id="lower", part_id="4c", kind="choice", points=2, answer="{lower}", options=("a", "b"),
              option_feedback={"a": "(a) is {p_true}", "b": "(b) is {q_true}"})
FACTOR = Field(id="factor", part_id="4g", kind="number", points=3, answer="1/(1 - {beta1}^{t})",
               mistakes=(Mistake("t-dropped", "1/(1 - {beta1})", "t is missing."),))


def test_variants_are_deterministic_and_differ():
    assert generate(CLASSES, 7) == generate(CLASSES, 7)
    seen = {texts(CLASSES, generate(CLASSES, v))["p"] for v in range(1, 30)}
    assert len(seen) >= 25
    consecutive = [texts(CLASSES, generate(CLASSES, v))["p"] for v in range(1, 60)]
    assert all(a != b for a, b in itertools.pairwise(consecutive))


def test_fresh_variant_never_repeats_the_numbers_just_shown():
    coin = {"a": {"choice": [1, 2], "exam": 1}}          # half of all draws repeat the last one
    part = Part(id="9a", problem_id="9", points=1, concepts=(), prompt="a = {a}",
                fields=(Field(id="x", part_id="9a", kind="number", points=1, answer="{a}"),), params=coin)
    shown = 0
    repeats_without = sum(part_params(part, v) == part_params(part, v + 1) for v in range(40))
    assert repeats_without > 5                             # plain counting would repeat
    for _ in range(40):
        following = fresh_variant(part, shown)
        assert following > shown
        assert part_params(part, following) != part_params(part, shown)
        shown = following
    plain = Part(id="9b", problem_id="9", points=1, concepts=(), prompt="x", fields=())
    assert fresh_variant(plain, 5) == 0


def test_variant_zero_is_the_exam():
    shown = texts(CLASSES, generate(CLASSES, 0))
    assert shown["p"] == "(0.25, 0.25, 0.3, 0.2)" and shown["k"] == "3" and shown["p_true"] == "0.3"
    assert shown["q_true"] == "0.4" and shown["lower"] == "b"
    assert texts(ADAM, generate(ADAM, 0))["factor"] == "1.5353"
    yaml_true = {"k": CLASSES["k"], "p": {"probs": 4, True: "k", "exam": [0.25, 0.25, 0.3, 0.2]}}  # YAML reads `true:` as True
    assert generate(yaml_true, 0)["p_true"] == 0.3


def test_probability_vectors_sum_to_one_with_rounded_distinct_entries():
    for v in range(1, 200):
        values = generate(CLASSES, v)
        p = values["p"]
        assert math.isclose(sum(p), 1.0) and all(round(x, 2) == x and x >= 0.05 for x in p)
        assert len(set(p)) == 4 and values["p_true"] == p[values["k"] - 1] and values["p_true"] != 0.5


def test_references_of_200_variants_are_right():
    part = _part("4a", CLASSES, LOSS)
    adam = _part("4g", ADAM, FACTOR)
    for v in range(1, 201):
        values = generate(CLASSES, v)
        p_true = np.array(values["p"])[values["k"] - 1]
        expected = -np.log(p_true)
        assert check(LOSS, f"{expected:.8f}", params=part_params(part, v)).verdict == "correct"
        assert check(LOSS, f"{-expected:.8f}", params=part_params(part, v)).mistake == "sign"
        a = generate(ADAM, v)
        factor = 1.0 / (1.0 - np.power(a["beta1"], a["t"]))
        assert check(FACTOR, f"{factor:.8f}", params=part_params(adam, v)).verdict == "correct"
        lower = "a" if values["q_true"] < values["p_true"] else "b"
        assert check(LOWER, lower, params=part_params(_part("4c", CLASSES, LOWER), v)).verdict == "correct"


def test_placeholders_fill_prompts_hints_solutions_and_leave_latex():
    shown = render_part(_part("4a", CLASSES, LOSS), 0)
    assert shown.prompt == "ŷ = (0.25, 0.25, 0.3, 0.2), true class 3; $\\frac{1}{2}$"
    assert shown.hints == ("0.3 is the one",) and shown.solution[0] == "−ln 0.3"
    assert shown.fields[0].answer == "-ln(0.3)" and shown.fields[0].mistakes[0].feedback == "Sign: −ln 0.3."
    assert substitute("{unknown} {k}", {"k": "2"}) == "{unknown} 2"


def _exam(*parts: Part) -> Exam:
    return Exam(id="v", title="v", minutes=1, points=9, bonus=0, concepts={},
                problems=(Problem(id="4", title="p", points=9, parts=parts),))


def test_check_validates_50_variants_and_mistakes_stay_distinct():
    exam = _exam(_part("4a", CLASSES, LOSS), _part("4c", CLASSES, LOWER), _part("4g", ADAM, FACTOR))
    assert validate_variants(exam, SourceMap()) == []


def test_check_rejects_a_variant_where_a_mistake_equals_the_answer():
    loose = dict(CLASSES, p={k: v for k, v in CLASSES["p"].items() if k != "require"} | {"distinct": False})
    bad = Field(id="loss", part_id="4a", kind="number", points=3, answer="-ln({p_true})",
                mistakes=(Mistake("other", "-ln({p1})", "You used class 1."),))
    errors = validate_variants(_exam(_part("4a", loose, bad)), SourceMap())
    assert len(errors) == 1
    assert errors[0].message.startswith("variant ")
    assert "mistake 'other' ('-ln(" in errors[0].message and "equivalent to the reference" in errors[0].message


def test_broken_params_are_reported():
    part = _part("4a", {"x": {"uniform": [0, 1]}}, LOSS)
    [error] = validate_variants(_exam(part), SourceMap())
    assert "needs an `exam:` value" in error.message
    with pytest.raises(ValueError, match="has no variants"):
        part_params(Part(id="1a", problem_id="1", points=1, concepts=(), prompt="", fields=()), 3)


def test_a_formula_symbol_named_like_a_param_is_pinned(dW):
    pinned = check(dW, "outer(f - y, x) * where(g > 0, 1, 0.3)", params={"alpha": "0.3"})
    assert pinned.verdict == "correct"
    assert check(dW, "delta @ x.T", params={"alpha": "0.3"}).verdict == "correct"
    assert check(dW, "outer(f - y, x) * where(g > 0, 1, 0.3)").verdict == "incorrect"


VARIANT_YAML = """\
id: vmini
title: Variants demo
minutes: 10
points: 6
bonus: 0
concepts:
  ce: {title: Cross-entropy, summary: The loss is minus the log of the true class probability.}
problems:
  - id: "4"
    title: Loss
    points: 6
    parts:
      - id: 4a
        points: 3
        concepts: [ce]
        params: &cls
          k: {integer: [1, 4], exam: 3}
          cls: {pick: [coronavirus, RSV, bacteria, fungus], index: k}
          p: {probs: 4, decimals: 2, min: 0.05, class: k, exam: [0.25, 0.25, 0.3, 0.2], require: "p_true != 0.5"}
          q: {probs: 4, decimals: 1, min: 0.1, class: k, exam: [0.0, 0.0, 0.4, 0.6], require: "q_true != 0.5"}
          loss_a: {derive: "-ln(p_true)", decimals: 3}
          lower: {if: "-ln(q_true) < -ln(p_true)", then: b, else: a}
        prompt: |
          The image shows {cls}; the model predicts $\\hat{y} = {p}^T$. What is the loss?
        fields:
          - id: loss
            kind: number
            answer: "-ln({p_true})"
            mistakes:
              - {id: sign, answer: "ln({p_true})", feedback: "Sign: the loss is −ln {p_true} ≈ {loss_a}."}
              - {id: log10, answer: "-log10({p_true})", feedback: "Base 10.", score: 0.5}
              - {id: one-minus-p, answer: "-ln(1 - {p_true})", feedback: "That scores not-{cls}."}
        hints: ["Only the {cls} entry survives."]
        solution: ["One-hot target.", "Keep −ln ŷ_k.", "−ln {p_true} ≈ {loss_a}."]
      - id: 4g
        points: 3
        concepts: [ce]
        params:
          beta1: {uniform: [0.8, 0.99], decimals: 2, exam: 0.9}
          t: {integer: [2, 30], exam: 10}
          factor: {derive: "1/(1 - beta1^t)", decimals: 4}
        prompt: With β₁ = {beta1} and t = {t}, what is the bias-correction factor?
        fields:
          - id: factor
            kind: number
            answer: "1/(1 - {beta1}^{t})"
            rtol: 1e-3
            mistakes:
              - {id: t-dropped, answer: "1/(1 - {beta1})", feedback: "t is missing."}
        hints: [Use the formula.]
        solution: ["ṽ = v/(1 − β₁ᵗ).", "= {factor}.", "c"]
"""


def test_a_yaml_exam_with_params_checks_shows_and_answers(tmp_path, capsys):
    from tutor.cli.main import build_parser
    from tutor.engine import validate_exam
    from tutor.model import load_exam_text

    exam = load_exam_text(VARIANT_YAML, str(tmp_path / "v.yaml"))
    assert validate_exam(exam) == []              # variants 0..49 of 4a and 4g
    part = exam.part("4a")
    assert render_part(part, 0).prompt.startswith("The image shows bacteria; the model predicts $\\hat{y} = (0.25, 0.25, 0.3, 0.2)^T$.")
    assert "{p}" not in render_part(part, 9).prompt

    def answer(*argv):
        args = build_parser().parse_args(["answer", *argv])
        return args.func(args, [exam]), capsys.readouterr().out

    code, out = answer("4a", "-ln(0.3)")          # variant 0 is filled in without --variant
    assert code == 0 and "−ln(0.3) = 1.20397" in out
    values = generate(part.params, 12)
    code, out = answer("4a", f"ln({values['p_true']})", "--variant", "12")
    assert code == 1 and "Sign: the loss is" in out
