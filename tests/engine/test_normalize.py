"""Unicode and notation clean-up, with columns that point back at what the learner typed."""

from __future__ import annotations

import pytest

from tutor.engine.normalize import normalize, normalize_name


@pytest.mark.parametrize("raw, clean", [
    ("−ln(0.3)", "-ln(0.3)"),
    ("α·g", "alpha*g"),
    ("a × b", "a * b"),
    ("δ ⊙ x", "delta * x"),
    ("β₁^t", "beta1^t"),
    ("x²", "x^(2)"),
    ("x⁻¹", "x^(-1)"),
    ("xᵀ", "x'"),
    ("x.T @ y", "x' @ y"),
    ("x^⊤", "x'"),
    ("W_{k}", "W_k"),
    ("\\alpha \\cdot g", "alpha * g"),
    ("\\frac{1}{1-\\beta_1^t}", "((1)/(1-beta_1^t))"),
    ("[f - y]", "(f - y)"),
    ("‖f−y‖²", "‖f-y‖^(2)"),
    ("||f-y||", "‖f-y‖"),
    ("g ≥ 0", "g >= 0"),
    ("αg", "alpha g"),
    ("β₁ᵗ", "beta1^(t)"),
    ("ｘ＋１", "x+1"),
])
def test_normalizes_what_terminals_and_habits_send(raw, clean):
    assert normalize(raw).text == clean


def test_columns_point_at_the_original_characters():
    norm = normalize("β₁ + xs")
    assert norm.text == "beta1 + xs"
    assert norm.column(norm.text.index("xs")) == 6
    assert norm.column(0) == 1 and norm.column(4) == 2   # the subscript 1 came from column 2
    assert norm.column(len(norm.text)) == 8              # one past the end


def test_names_normalize_like_expressions():
    assert normalize_name("α") == "alpha"
    assert normalize_name("W_{k}") == "W_k"
    assert normalize_name("β₁") == "beta1"
