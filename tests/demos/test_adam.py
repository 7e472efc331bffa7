"""adam (4g): the bias-correction factors and the moving averages."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.demos import get_demo, trace_to_json
from tutor.demos.adam import correction, within_one_percent


@given(beta1=st.floats(0.0, 0.9999), beta2=st.floats(0.0, 0.99999))
def test_factor_at_t_1_is_one_over_one_minus_beta(beta1, beta2):
    trace = get_demo("adam").run(beta1=beta1, beta2=beta2, steps=10)
    assert trace.t[0] == 1
    assert trace.factor_beta1[0] == pytest.approx(1 / (1 - beta1), rel=1e-12)
    assert trace.factor_beta2[0] == pytest.approx(1 / (1 - beta2), rel=1e-12)


def test_grid_includes_the_powers_of_ten_and_factors_fall_to_one():
    trace = get_demo("adam").run()
    assert {1, 10, 100, 1000, 10000} <= set(trace.t)
    assert list(trace.t) == sorted(set(trace.t))
    for factors in (trace.factor_beta1, trace.factor_beta2):
        assert all(a >= b for a, b in itertools.pairwise(factors))
        assert 1 <= factors[-1] < 1.0001
    assert trace.factor_beta1[trace.t.index(10)] == pytest.approx(1 / (1 - 0.9 ** 10))


@given(beta=st.floats(0.01, 0.9999))
def test_within_one_percent_is_the_first_such_t(beta):
    t = within_one_percent(beta)
    assert correction(beta, t) <= 1.01
    assert t == 1 or correction(beta, t - 1) > 1.01


def test_corrected_moments_are_unbiased_from_the_first_step():
    trace = get_demo("adam").run(noise=0.0, mean=2.0, steps=50)
    assert trace.m_corrected[0] == pytest.approx(2.0)
    assert trace.v_corrected[0] == pytest.approx(4.0)
    assert all(m == pytest.approx(2.0) for m in trace.m_corrected)
    assert trace.m_biased[0] == pytest.approx(0.2)
    assert trace.step_corrected[0] == pytest.approx(1.0, rel=1e-6)
    assert trace.step_uncorrected[0] == pytest.approx(0.1 / 0.001 ** 0.5, rel=1e-6)


def test_json_has_the_fixed_shape():
    data = trace_to_json(get_demo("adam").run())
    json.dumps(data, allow_nan=False)
    assert {"params", "t", "factor_beta1", "factor_beta2"} <= set(data)
    assert len(data["t"]) == len(data["factor_beta1"]) == len(data["factor_beta2"])
    assert data["factor_beta1"][0] == pytest.approx(10) and data["factor_beta2"][0] == pytest.approx(1000)
