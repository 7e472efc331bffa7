"""The grammar: precedence as on paper, located errors with suggestions, and the cache."""

from __future__ import annotations

import pytest

from tutor.engine import EngineError
from tutor.engine.grammar import parse
from tutor.engine.names import Scope, bind_text
from tutor.engine.numbers import NUMBERS
from tutor.engine.render import render

SCOPE = Scope.build({"x": (), "W": ("W_k",), "a": (), "b": (), "c": (), "alpha": ("α",), "beta1": ("beta_1",), "t": (), "g": ()})


@pytest.mark.parametrize("text, shown", [
    ("-x^2", "−x²"),
    ("2^-1", "2^(−1)"),
    ("2^3^2", "2^(3²)"),
    ("a - (b - c)", "a − (b − c)"),
    ("(a - b) - c", "a − b − c"),
    ("a / (b * c)", "a/(b·c)"),
    ("ln 0.3", "ln(0.3)"),
    ("ln 10/3", "ln(10)/3"),
    ("-log 0.3^2", "−ln(0.3²)"),
    ("x^T", "xᵀ"),
    ("x'", "xᵀ"),
    ("x.T", "xᵀ"),
    ("(W @ x)'", "(W @ x)ᵀ"),
    ("x ** 2", "x²"),
    ("|x| + ||x||", "abs(x) + norm(x)"),
    ("g > 0", "g > 0"),
    ("1/(1-beta_1^t)", "1/(1 − β₁ᵗ)"),
    ("α*W_k", "α·W_k"),
    ("2x", "2·x"),                       # a number straight before a name or a parenthesis multiplies
    ("0.5(x + 1)", "0.5·(x + 1)"),
    ("2 x^2 / 3", "2·x²/3"),
    ("2e", "2·e"),
    ("2e-3", "2e−3"),
    ("-2x", "−2·x"),                     # no parentheses needed around a negated product
    ("-(x + 1)", "−(x + 1)"),
])
def test_reads_like_paper_and_numpy(text, shown):
    assert render(bind_text(text, SCOPE)) == shown


@pytest.mark.parametrize("text, column, words", [
    ("xs + 1", 1, "unknown name 'xs' — did you mean 'x'?"),
    ("1 + 2 + xs", 9, "did you mean 'x'?"),
    ("W @ q", 5, "unknown name 'q'"),
    ("lgo(x)", 1, "unknown function 'lgo' — did you mean 'log'?"),
    ("x(2)", 1, "'x' is not a function"),
    ("outer(x)", 1, "outer takes 2 arguments"),
    ("2 3", 3, "missing operator before '3'"),
    ("1/2x", 2, "ambiguous: a / 2x could mean (a/2)·x or a/(2x)"),
    ("(2)(x)", 4, "missing operator before '('"),
    ("W x", 3, "missing operator before 'x'"),
    ("ln(", 3, "'(' is never closed"),
    ("x)", 2, "')' closes nothing"),
    ("x +", 4, "ends too early"),
    ("x.__class__", 2, "'.' is only used in numbers"),
    ("3 = x", 3, "without 'name ='"),
    ("x $ 2", 3, "unexpected character '$'"),
    ("1e5000", 1, "exponent too large"),
])
def test_errors_say_what_and_where(text, column, words):
    with pytest.raises(EngineError) as info:
        bind_text(text, SCOPE)
    assert info.value.column == column
    assert words in str(info.value)
    assert str(info.value).startswith(f"col {column}: ")


def test_number_fields_explain_which_names_exist():
    with pytest.raises(EngineError, match="a number answer uses numbers, pi, e"):
        bind_text("q + 1", NUMBERS)


def test_habits_from_paper_numpy_and_matlab_are_understood():
    assert render(bind_text("L = -ln0.3", NUMBERS)) == "−ln(0.3)"
    assert render(bind_text("≈ 1.204", NUMBERS)) == "1.204"
    assert render(bind_text("np.maximum(x, W) .* g", SCOPE)) == "maximum(x, W)·g"


def test_constants_and_aliases_bind():
    assert render(bind_text("pi", NUMBERS)) == "π"
    tree = bind_text("W_k + Wk + W", SCOPE)
    assert {op.name for op in tree.operands} == {"W"}
    assert bind_text("β₁", SCOPE).name == "beta1"


def test_parsing_the_same_text_twice_is_cached():
    first = parse("outer((f - y) * where(g > 0, 1, alpha), x)")
    assert parse("outer((f - y) * where(g > 0, 1, alpha), x)") is first
    assert bind_text("W @ x", SCOPE) is bind_text("W @ x", SCOPE)


def test_depth_is_bounded_but_long_flat_sums_are_fine():
    assert bind_text("+".join(["1"] * 200), NUMBERS).depth == 2
    with pytest.raises(EngineError, match="nested too deeply"):
        parse("(" * 60 + "1" + ")" * 60)
    with pytest.raises(EngineError, match="nested too deeply"):
        parse("-" * 120 + "1")
    with pytest.raises(EngineError, match="too long"):
        parse("1+" * 300 + "1")
