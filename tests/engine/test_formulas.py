"""Formula fields: random instances, shapes first, mistakes recognised, kinks avoided."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from tutor.engine import check, preview
from tutor.engine.api import check_unguarded
from tutor.engine.trials import KINK, trial_set

FORMS_DW = [
    "outer((f - y) * where(g > 0, 1, alpha), x)",
    "outer(delta, x)",
    "delta @ x'",
    "delta @ x.T",
    "delta @ x^T",
    "delta @ xᵀ",
    "delta * x.T",
    "((f-y)*where(g>0,1,α))@x^T",
    "diag(where(g>0,1,alpha)) @ (f-y) @ x.T",
    "(f - y) * where(g > 0, 1, alpha) @ transpose(x)",
    "((f - y) ⊙ where(g > 0, 1, α)) @ x^T",
    "outer(f - y, x) * where(g > 0, 1, alpha)",
    "((f-y)*(1*(g>0) + alpha*(g<=0))) @ x.T",
    "outer((f-y)*maximum(sign(g), alpha), x)",
    "(f-y)*where(W_k@x+b>0,1,alpha) @ x.T",
    "(maximum(alpha*(W@x+b), W@x+b) - y) * where(g>0,1,alpha) @ x'",
    "dot(delta, 1) * 0 + delta @ x.T",
    "((f - y) * where(g > 0, 1, alpha) @ x.T)'.T",
]
FORMS_DB = [
    "(f - y) * where(g > 0, 1, alpha)",
    "delta",
    "diag(where(g>0,1,alpha)) @ (f-y)",
    "(f-y)⊙where(g>0,1,α)",
    "where(g > 0, f - y, alpha*(f - y))",
    "(f - y) * (g > 0) + alpha * (f - y) * (g <= 0)",
]


@pytest.mark.parametrize("answer", FORMS_DW)
def test_dW_accepts_equivalent_forms(dW, answer):
    result = check(dW, answer)
    assert result.verdict == "correct", (answer, result.feedback)
    assert result.interpreted.endswith("(m×n)")


@pytest.mark.parametrize("answer", FORMS_DB)
def test_db_accepts_equivalent_forms(db, answer):
    assert check(db, answer).verdict == "correct", answer


@pytest.mark.parametrize("answer, mistake", [
    ("outer(f - y, x)", "no-leaky"),
    ("(f - y) @ x.T", "no-leaky"),
    ("((f - y) * (g > 0)) @ x.T", "relu-slope"),
    ("outer(relu(g) * 0 + (f - y) * (g > 0), x)", "relu-slope"),
    ("((f - y) * where(g > 0, alpha, 1)) @ x.T", "swapped"),
    ("x @ delta.T", "transposed"),
    ("outer(x, delta)", "transposed"),
    ("delta * x", "elementwise"),
    ("(f - y) * where(g > 0, 1, alpha) * x", "elementwise"),
    ("-delta @ x.T", "sign"),
    ("(y - f) * where(g > 0, 1, alpha) @ x.T", "sign"),
    ("0.5 * delta @ x.T", "half"),
    ("W.T @ delta", "dx"),
])
def test_dW_names_each_anticipated_mistake(dW, answer, mistake):
    result = check(dW, answer)
    assert result.mistake == mistake, (answer, result.feedback)
    assert result.feedback[0] == next(m.feedback for m in dW.mistakes if m.id == mistake)


def test_mistake_partial_credit(dW):
    result = check(dW, "0.5 * outer(delta, x)")
    assert result.verdict == "partial" and result.score == pytest.approx(3.5)


def test_db_mistakes(db):
    assert check(db, "f - y").mistake == "no-leaky"
    assert check(db, "-delta").mistake == "sign"
    assert check(db, "delta @ x.T").mistake == "times-x"


def test_shapes_are_compared_first(dW, db):
    result = check(dW, "outer(x, f - y)")
    assert result.verdict == "incorrect" and result.mistake is None
    assert result.feedback == ("your answer is n×m but ∂L/∂W_k is m×n — transposed?",)
    assert check(dW, "sum(delta)").feedback == ("your answer is a scalar but ∂L/∂W_k is m×n",)
    assert check(db, "delta.T").feedback == ("your answer is 1×m but ∂L/∂b is m×1 — a row vector? Vectors are columns here: transpose it",)
    assert check(dW, "W.T @ (f - y)").feedback == ("your answer is n×1 but ∂L/∂W_k is m×n",)


def test_a_shape_error_names_the_symbolic_shapes(dW):
    result = check(dW, "delta @ x")
    assert result.verdict == "incorrect"
    assert result.feedback == ("col 7: can't multiply m×1 @ n×1: the inner sizes 1 and n differ "
                              "(two columns: transpose the second, as in u @ vᵀ, for their outer product)",)
    assert check(dW, "delta + x").feedback[0].startswith("col 7: can't add m×1 and n×1")


def test_answers_that_only_work_when_square_are_rejected_unless_anticipated(dW):
    result = check(dW, "(f - y) * x")
    assert result.verdict == "incorrect" and result.mistake is None
    assert "only works when the dimensions happen to be equal" in result.feedback[0]
    assert check(dW, "delta * x").mistake == "elementwise"


def test_wrong_values_get_a_diagnosis(dW):
    assert check(dW, "2 * delta @ x.T").feedback[0] == "a constant factor is off: your answer is 2 times the right one"
    result = check(dW, "W_k")
    assert result.feedback[0] == "the shape is right (m×n) but the values are not"
    assert result.feedback[1] == "your answer never uses α, b, x, y, and the right one depends on them"
    some = check(dW, "where(sum(g) > 0, outer(delta, x), 0 * W)")
    assert some.verdict == "incorrect"
    assert re.fullmatch(r"your answer agrees on [1-8] of 9 random instances but not all of them", some.feedback[0])


def test_trials_mix_rectangular_and_square_and_avoid_kinks(dW):
    ts = trial_set(dW)
    assert len(ts.trials) >= 8
    assert sum(t.dims["m"] != t.dims["n"] for t in ts.trials) >= 5
    assert sum(t.dims["m"] == t.dims["n"] for t in ts.trials) >= 2
    for t in ts.trials:
        assert 2 <= t.dims["m"] <= 7 and 2 <= t.dims["n"] <= 7
        for name in ("x", "W", "b", "y", "h", "g", "f", "delta"):
            assert np.min(np.abs(t.env[name])) >= KINK
        assert 0.05 <= t.env["alpha"] <= 0.95
    assert trial_set(dW) is ts  # cached per field


def test_trials_are_redrawn_near_a_kink():
    from tutor.model.types import Field, Symbols, SymbolSpec

    # g = round(x) is exactly 0 for most draws of a small x: those instances must be redrawn
    symbols = Symbols(dims={}, vars={"x": SymbolSpec("x", range=(-0.6, 3.0))}, define=(("g", "x - 0.5 + abs(x - 0.5)"),))
    field = Field(id="k", part_id="9z", kind="formula", points=1, answer="where(g > 0, 1, 2)", symbols=symbols)
    ts = trial_set(field)
    assert all(abs(t.env["g"]) >= KINK for t in ts.trials)
    assert check(field, "where(x > 0.5, 1, 2)").verdict == "correct"


def test_scalar_formula_4g(factor):
    for answer in ("1/(1 - beta1^t)", "1/(1-β₁^t)", "(1 - beta_1^t)^-1", "1/(1-β1ᵗ)", "(1 - β₁ᵗ)⁻¹"):
        assert check(factor, answer).verdict == "correct", answer
    assert check(factor, "1/(1 - beta1)").mistake == "t-dropped"
    assert check(factor, "1 - beta1^t").mistake == "not-reciprocal"
    assert check(factor, "1/(1 - beta1^(t+1))").verdict == "incorrect"


def test_correct_result_shows_reference(dW):
    result = check(dW, "delta @ x.T")
    assert result.exact == "outer((f − y)·where(g > 0, 1, α), x)"
    assert result.interpreted == "δ @ xᵀ   (m×n)"


def test_preview_shows_shape(dW):
    assert preview(dW, "delta @ x.T").text == "δ @ xᵀ   (m×n)"
    bad = preview(dW, "delta @ zz")
    assert not bad.ok and "unknown name 'zz'" in bad.text and bad.column == 9


def test_a_matrix_product_that_does_not_fit_says_what_would(dW):
    assert "(the other order fits)" in check(dW, "x @ W").feedback[0]
    assert "(a transpose would fit)" in check(dW, "W @ W").feedback[0]


def test_a_huge_answer_over_a_tiny_reference_is_graded_without_a_warning(dW):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # numpy's overflow in the ratio was one
        result = check_unguarded(dW, "1e308*outer(f, x)")
    assert result.verdict == "incorrect"
    assert result.feedback and "constant factor" not in result.feedback[0]
