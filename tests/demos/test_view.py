"""Number formatting and the JSON conversion."""

from __future__ import annotations

import math

from tutor.demos.vanishing import LayerStats
from tutor.demos.view import fmt, fmt_factor, pick_rows, trace_to_json


def test_fmt():
    assert fmt(0.58312) == "0.583"
    assert fmt(1.2e-9) == "1.2e-09".replace("e-0", "e-")
    assert fmt(123456.0) == "1.2e+5"
    assert fmt(12) == "12" and fmt(0) == "0"
    assert fmt(float("nan")) == "–" and fmt(None) == "–" and fmt(math.inf) == "∞"


def test_fmt_factor():
    assert fmt_factor(8.5e-10) == "×1e-9"
    assert fmt_factor(0.12) == "×0.12"
    assert fmt_factor(2e5) == "×1e5" and fmt_factor(5e5) == "×1e6"  # nearest power of ten


def test_pick_rows_keeps_ends_and_limits():
    assert pick_rows(5) == [0, 1, 2, 3, 4]
    rows = pick_rows(100, 12)
    assert rows[0] == 0 and rows[-1] == 99 and len(rows) == 12


def test_json_of_nested_dataclasses_and_non_finite():
    data = trace_to_json(LayerStats(1, math.nan, math.inf, 2.0))
    assert data == {"layer": 1, "activation_std": None, "grad_norm": None, "weight_grad_norm": 2.0}
