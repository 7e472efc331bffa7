"""Fuzzing: thousands of generated inputs; only EngineError may escape, and each is fast."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.engine import EngineError
from tutor.engine.api import check_unguarded
from tutor.engine.errors import TIME_LIMIT
from tutor.engine.grammar import parse
from tutor.engine.result import VERDICTS

FRAGMENTS = [
    "0", "1", "2", "0.3", ".5", "1e308", "1e-3", "9", "1000", "e", "pi", "π",
    "x", "W", "W_k", "Wk", "b", "y", "f", "g", "h", "alpha", "α", "delta", "δ", "beta1", "β₁", "t", "xs", "m", "n",
    "__import__", "__class__", "os", "T",
    "+", "-", "−", "*", "/", "^", "**", "@", "'", ".T", "^T", "ᵀ", "²", "⁻¹", "₁", "×", "·", "⊙",
    "(", ")", "[", "]", "{", "}", "|", "‖", ",", ";", "->", "→", " ", "  ", ">", "<=", "==", "=",
    "ln(", "log(", "log10(", "exp(", "sqrt(", "outer(", "where(", "max(", "maximum(", "diag(", "sum(",
    "dot(", "norm(", "relu(", "sigmoid(", "ln ", "-ln ", "\\frac{", "\\alpha", "_{", "x", "by",
    "a", "b)", "GD", "SGD", "(m, n)",
]

@pytest.fixture(scope="module", autouse=True)
def warm(f4a, dW, shape_mn, choice, graph):
    """Build the parser and the trial sets before anything is timed."""
    for field in (f4a, dW, shape_mn, choice, graph):
        check_unguarded(field, "1")


inputs = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=40).map("".join),
    st.text(max_size=80),
    st.text(alphabet="0123456789.eE+-*/^()x", max_size=60),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=inputs)
def test_only_engine_errors_escape_and_every_check_is_fast(f4a, dW, shape_mn, choice, graph, timed, text):
    try:
        parse(text)
    except EngineError as exc:
        assert exc.message
    for field in (f4a, dW, shape_mn, choice, graph):
        result, cpu, wall = timed(check_unguarded, field, text)
        assert cpu < TIME_LIMIT and wall < 1.0, (text, field.kind, cpu, wall)
        if isinstance(result, EngineError):
            continue
        assert result.verdict in VERDICTS
        assert 0 <= result.score <= result.max
        if result.verdict == "invalid":
            assert result.feedback and result.feedback[0]
