"""batch-vs-minibatch (1b, 4e): smooth GD, jagged mini-batch SGD, exact gradients."""

from __future__ import annotations

import numpy as np
import pytest

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo, nets
from tutor.demos.minibatch import softmax_regression_grads


def test_softmax_regression_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 5))
    t = nets.one_hot(rng.integers(0, 3, 7), 3)
    w, b = rng.standard_normal((3, 5)), rng.standard_normal(3)
    _, dw, db = softmax_regression_grads(w, b, x, t)
    assert_close_grad(dw, numeric_grad(lambda: softmax_regression_grads(w, b, x, t)[0], w))
    assert_close_grad(db, numeric_grad(lambda: softmax_regression_grads(w, b, x, t)[0], b))


def test_gd_is_smooth_and_minibatch_is_jagged():
    trace = get_demo("batch-vs-minibatch").run()
    assert trace.increases_gd == 0
    assert trace.increases_sgd > 20
    assert trace.loss_gd[0] == pytest.approx(np.log(3))
    assert trace.loss_gd[-1] < 0.5 * trace.loss_gd[0]
    assert min(trace.grad_cosine) >= -1 and max(trace.grad_cosine) <= 1
    assert 0 < trace.mean_cosine < 1


def test_full_size_batches_make_sgd_equal_to_gd():
    trace = get_demo("batch-vs-minibatch").run(n=64, batch_size=64, iterations=30)
    np.testing.assert_allclose(trace.loss_sgd_full, trace.loss_gd, rtol=1e-9)
    assert min(trace.grad_cosine) > 1 - 1e-9
    assert trace.increases_sgd == 0


def test_a_huge_learning_rate_is_reported_not_crashed():
    trace = get_demo("batch-vs-minibatch").run(lr=10.0, noise=0.1)
    assert trace.notes and len(trace.loss_gd) == 201
