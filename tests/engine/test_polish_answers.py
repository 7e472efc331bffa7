"""Answers and messages on the shipped exam, as a student types them (the polish pass).

Each test pins a reading or a judgement that used to be wrong: a name or a base the key
accepts, a classic mistake with its own feedback, partial credit as the key gives it.
"""

from __future__ import annotations

import numpy as np
import pytest

from tutor.engine import check as _check
from tutor.engine import part_params


def field(exam, fid):
    return exam.field(fid)


def check(f, text, params=None):
    """Check on the exam's own numbers (variant 0) unless other params are given."""
    if params is None and f.part_id in ("4a", "4b", "4g", "2b", "1c", "5a"):
        from tutor.model import load_exams

        params = part_params(load_exams()[0].part(f.part_id), 0)
    return _check(f, text, params=params)


# -- reading what students type ------------------------------------------------------------

def test_second_moment_factor_is_a_wrong_answer_with_its_own_feedback(exam):
    result = check(field(exam, "4g.factor"), "1/(1-beta2^t)")
    assert result.verdict == "incorrect" and result.mistake == "second-moment"
    assert "second moment" in result.feedback[0] and "1/(1 − β₁ᵗ)" in result.feedback[0]
    assert check(field(exam, "4g.factor"), "1/(1-β₂^t)").mistake == "second-moment"


def test_an_unknown_name_is_suggested_by_its_symbol_not_by_an_alias(exam):
    result = check(field(exam, "4g.factor"), "1/(1-betta1^t)")
    assert result.verdict == "invalid" and "did you mean 'beta1'?" in result.feedback[0]


def test_capital_T_on_a_step_count_is_a_power_not_a_transpose(exam):
    result = check(field(exam, "4g.factor"), "1/(1-beta1^T)")
    assert result.verdict == "correct" and "β₁ᵗ" in result.interpreted
    assert check(field(exam, "2b.dW"), "((f - y) * where(g > 0, 1, alpha)) @ x^T").verdict == "correct"


def test_log_e_is_the_natural_log(exam):
    result = check(field(exam, "4a.loss"), "-log_e(0.3)")
    assert result.verdict == "correct" and result.interpreted.startswith("−ln(0.3)")


def test_capital_i_for_l_suggests_ln(exam):
    result = check(field(exam, "4a.loss"), "-In(0.3)")
    assert result.verdict == "invalid" and "did you mean 'ln'?" in result.feedback[0]


def test_a_decimal_comma_is_explained(exam):
    result = check(field(exam, "4a.loss"), "-ln(0,3)")
    assert result.verdict == "invalid"
    assert "write a decimal point: ln(0.3)" in result.feedback[0] and "takes 1 argument" not in result.feedback[0]
    assert result.column == 6   # the comma
    assert "takes 1 argument" in check(field(exam, "4a.loss"), "-ln(0.3, 2)").feedback[0]


def test_a_fraction_of_rounded_numbers_gets_the_same_digits_note_as_the_decimal(exam):
    fraction = check(field(exam, "4a.loss"), "6/5")
    decimal = check(field(exam, "4a.loss"), "1.2")
    assert fraction.verdict == decimal.verdict == "correct"
    assert decimal.warnings and fraction.warnings
    assert "2 significant digits" in fraction.warnings[0] and "give at least 3" in fraction.warnings[0]
    assert fraction.warnings[0].split("; ", 1)[1] == decimal.warnings[0].split("; ", 1)[1]
    assert not check(field(exam, "4a.loss"), "-ln(3/10)").warnings      # exact: no note
    assert not check(field(exam, "4a.loss"), "1.204").warnings


def test_the_shape_without_spaces_is_read(exam):
    result = check(field(exam, "2b.dW_shape"), "Nx16x16x16")
    assert result.verdict == "incorrect" and result.interpreted == "N×16×16×16"
    assert result.feedback[0] == "that shape has 4 dimensions; the right one has 2"
    assert check(field(exam, "2b.dW_shape"), "mxn").verdict == "correct"


# -- what the key accepts --------------------------------------------------------------------

def test_delta_is_dL_dg_as_the_solution_names_it(exam):
    assert check(field(exam, "2b.dW"), "outer(delta, x)").verdict == "correct"
    assert check(field(exam, "2b.dW"), "δ @ x.T").verdict == "correct"
    assert check(field(exam, "2b.db"), "δ").verdict == "correct"
    assert check(field(exam, "2b.dW"), "outer(x, delta)").verdict == "incorrect"
    shown = part_params(exam.part("2b"), 3)
    assert check(field(exam, "2b.dW"), "outer(delta, x)", params=shown).verdict == "correct"


@pytest.mark.parametrize("fid, typed, option", [
    ("3b.verdict", "not always", "False"),
    ("1d.good_idea", "not a good idea", "No"),
    ("4d.good_idea", "not a good idea", "No"),
    ("5b.better", "CNN", "No"),
])
def test_choice_answers_in_the_keys_words(exam, fid, typed, option):
    result = check(field(exam, fid), typed)
    assert result.interpreted == option and result.verdict == "correct"


def test_multi_select_gives_partial_credit(exam):
    f = field(exam, "2c.changed")
    one_extra = check(f, "W_1, b_1")
    assert one_extra.verdict == "partial" and one_extra.score == pytest.approx(2 * (1 - 1 / 3))
    assert any("Partial credit" in line for line in one_extra.feedback)
    assert check(f, "W_1, b_1, W_k, b_k").score == 0        # everything picked: nothing earned
    assert check(f, "b_1").score == 0
    assert check(f, "W_1").verdict == "correct"


# -- 4a / 4b: the base, and the classic mistakes ---------------------------------------------------

@pytest.mark.parametrize("fid, p", [("4a.loss", 0.3), ("4b.loss", 0.4)])
def test_a_wrong_base_earns_credit_only_when_stated(exam, fid, p):
    f = field(exam, fid)
    stated = check(f, f"-log10({p})")
    bare = check(f, f"{-np.log10(p):.3f}")
    assert stated.mistake == bare.mistake == "log10"
    assert stated.score == 1.5 and bare.score == 0 and bare.verdict == "incorrect"
    assert "only when the answer states it" in bare.feedback[0]
    assert check(f, f"-log2({p})").score == 1.5 and check(f, f"{-np.log2(p):.4f}").score == 0


def test_weighting_by_the_prediction_and_one_minus_p_have_their_own_feedback(exam):
    f = field(exam, "4a.loss")
    weighted = check(f, "-0.3*ln(0.3)")
    assert weighted.mistake == "weighted-by-prediction" and "target" in weighted.feedback[0]
    rest = check(f, "0.7")
    assert rest.mistake == "one-minus-probability" and "other classes" in rest.feedback[0]
    assert check(field(exam, "4b.loss"), "-0.4*ln(0.4)").mistake == "weighted-by-prediction"
    assert check(field(exam, "4b.loss"), "0.6").mistake in ("one-minus-probability",)


@pytest.mark.parametrize("fid, key", [("4a.loss", "p_true"), ("4b.loss", "q_true")])
def test_the_probability_itself_gets_its_own_feedback_and_no_credit_on_200_variants(exam, fid, key):
    f = field(exam, fid)
    part = exam.part(fid.split(".")[0])
    for v in range(200):
        shown = part_params(part, v)
        result = check(f, shown[key], params=shown)
        assert result.mistake == "probability-itself" and result.score == 0, (v, shown[key], result)
        assert "not the loss" in result.feedback[0]


# -- 2a: graded as the key grades it --------------------------------------------------------

@pytest.mark.parametrize("graph", [
    "W, x -> mul -> h; h, b -> add -> g; g -> max -> f",
    "(W, x) -> * -> h; (h, b) -> + -> g; g -> max -> f",
    "x, W -> mul; mul -> h; h, b -> add; add -> g; g, alpha -> leaky_relu; leaky_relu -> f",
    "x, W -> h; h, b -> g; g -> ag; ag, g -> f",          # max(αg, g) drawn out
    "x, W -> h; h, b -> g; alpha, g -> ag; ag, g -> f",
    "x, W -> h; h, b -> g; g -> f",
])
def test_2a_accepts_operation_nodes(exam, graph):
    assert check(field(exam, "2a.graph"), graph).verdict == "correct", check(field(exam, "2a.graph"), graph)


@pytest.mark.parametrize("graph, most", [
    ("x, W -> h; h, b, alpha -> g; g -> f", 11 / 3),    # α at the + node
    ("x, W -> h; h, b -> g", 11 / 3),                   # the max node missing
    ("x, W -> h; h, b, alpha -> g", 0),                 # both
    ("x -> h; h, b -> g; g -> f", 11 / 3),              # no W
    ("x -> h; h -> g; g -> f", 0),                      # neither W nor b
])
def test_2a_graphs_the_key_rejects_get_little_or_no_credit(exam, graph, most):
    result = check(field(exam, "2a.graph"), graph)
    assert result.verdict != "correct" and result.score <= most + 1e-9
    assert any("exam's key" in line for line in result.feedback)


def test_2a_a_cycle_earns_nothing_and_says_so(exam):
    result = check(field(exam, "2a.graph"), "x, W -> h; h, b -> g; g -> f; f -> h")
    assert result.score == 0 and result.verdict == "incorrect"
    assert "cycle (h → g → f → h)" in result.feedback[0]


# -- the command line ----------------------------------------------------------------------

@pytest.mark.parametrize("option", [["--variant=abc"], ["--variant", "abc"], ["--variant"]])
def test_answer_refuses_a_variant_that_is_not_a_number(run_tutor, option):
    out = run_tutor("answer", "4a", "-ln(0.3)", *option)
    assert out.returncode == 2 and "--variant needs a whole number" in out.stderr
    assert "interpreted" not in out.stdout


def test_a_third_of_the_points_prints_as_two_decimals(run_tutor):
    out = run_tutor("answer", "2a", "x, W -> h; h, b, alpha -> g; g -> f")
    assert out.returncode == 1 and "(3.67/11 points)" in out.stdout
