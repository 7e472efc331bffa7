"""label-smoothing (5a): the finite optimum ln((1−ε)(k−1)/ε) and the gradient p − y."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo
from tutor.demos.smoothing import smoothed_loss_and_grad, smoothed_targets


def test_gradient_matches_finite_differences():
    z = np.array([2.0, -1.0, 0.5, 0.0, 3.0])
    _, grad = smoothed_loss_and_grad(z, 5, 0.2, true_class=1)
    assert_close_grad(grad, numeric_grad(lambda: smoothed_loss_and_grad(z, 5, 0.2, true_class=1)[0], z))


@given(k=st.integers(2, 200), eps=st.floats(0.001, 0.45))
def test_the_optimum_is_where_the_gradient_vanishes(k, eps):
    if eps >= (k - 1) / k:
        return
    trace = get_demo("label-smoothing").run(classes=k, epsilon=eps, confident=min(0.999999, 1 - eps / 2))
    assert trace.optimal_gap == pytest.approx(math.log((1 - eps) * (k - 1) / eps))
    assert trace.optimal_p_true == pytest.approx(1 - eps)
    z = np.zeros(k)
    z[0] = trace.optimal_gap
    _, grad = smoothed_loss_and_grad(z, k, eps)
    assert np.abs(grad).max() < 1e-9


def test_smoothed_curve_has_its_minimum_at_the_optimal_gap_and_hard_only_falls():
    trace = get_demo("label-smoothing").run()
    best = int(np.argmin(trace.loss_smooth))
    spacing = trace.gap[1] - trace.gap[0]
    assert abs(trace.gap[best] - trace.optimal_gap) <= spacing
    assert all(a > b for a, b in zip(trace.loss_hard, trace.loss_hard[1:]))


def test_confident_prediction_costs_more_under_smoothing():
    trace = get_demo("label-smoothing").run()
    assert trace.loss_confident_smooth > trace.loss_calibrated_smooth
    assert trace.loss_confident_hard < trace.loss_calibrated_hard
    assert trace.grad_true_logit_confident > 0
    assert trace.target_true == pytest.approx(0.9) and trace.target_other == pytest.approx(0.1 / 3)


def test_targets_sum_to_one():
    y = smoothed_targets(7, 0.3, true_class=2)
    assert y.sum() == pytest.approx(1) and y[2] == pytest.approx(0.7)
