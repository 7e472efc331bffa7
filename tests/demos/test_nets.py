"""The shared network code: every backward pass against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import nets


def _setup(activation_sizes=(3, 5, 4, 3), seed=0, n=6):
    rng = np.random.default_rng(seed)
    layers = nets.init_layers(rng, activation_sizes)
    layers = [(w, rng.standard_normal(b.shape) * 0.3) for w, b in layers]
    x = rng.standard_normal((n, activation_sizes[0]))
    t = nets.one_hot(rng.integers(0, activation_sizes[-1], n), activation_sizes[-1])
    return rng, layers, x, t


@pytest.mark.parametrize("activation", nets.ACTIVATIONS)
@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("dropout", [False, True])
def test_mlp_backward_matches_finite_differences(activation, exact, dropout):
    rng, layers, x, t = _setup()
    masks = [(rng.random((6, n)) < 0.6) / 0.6 for n in (5, 4)] if dropout else None
    _, grads = nets.loss_and_grads(layers, x, t, activation, masks=masks, exact=exact)

    def loss():
        return nets.loss_and_grads(layers, x, t, activation, masks=masks, exact=exact)[0]

    for (w, b), (dw, db) in zip(layers, grads):
        assert_close_grad(dw, numeric_grad(loss, w))
        assert_close_grad(db, numeric_grad(loss, b))


def test_exact_and_blas_arithmetic_agree():
    _, layers, x, t = _setup(seed=2)
    loss_a, grads_a = nets.loss_and_grads(layers, x, t, "tanh")
    loss_b, grads_b = nets.loss_and_grads(layers, x, t, "tanh", exact=True)
    assert loss_a == pytest.approx(loss_b, rel=1e-12)
    for (wa, ba), (wb, bb) in zip(grads_a, grads_b):
        np.testing.assert_allclose(wa, wb, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(ba, bb, rtol=1e-10, atol=1e-14)


def test_softmax_xent_with_soft_targets_matches_finite_differences():
    rng = np.random.default_rng(1)
    z = rng.standard_normal((4, 5)) * 3
    y = rng.dirichlet(np.ones(5), size=4)
    _, dz = nets.softmax_xent(z, y)
    assert_close_grad(dz, numeric_grad(lambda: nets.softmax_xent(z, y)[0], z))


def test_softmax_is_stable_for_huge_logits():
    p = nets.softmax(np.array([[1000.0, 0.0, -1000.0]]))
    assert np.isfinite(p).all() and p[0, 0] == pytest.approx(1.0)


def test_sigmoid_has_no_overflow_warnings():
    with np.errstate(all="raise"):
        out = nets.activate("sigmoid", np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])


def test_adam_first_step_is_lr_times_sign():
    layers = [(np.array([[1.0, -2.0]]), np.array([0.5]))]
    grads = [(np.array([[0.3, -4.0]]), np.array([1e-3]))]
    new = nets.Adam(layers, lr=0.1).step(layers, grads)
    np.testing.assert_allclose(new[0][0], [[0.9, -1.9]], atol=1e-6)
    np.testing.assert_allclose(new[0][1], [0.4], atol=1e-4)


def test_streams_are_independent_and_reproducible():
    a = nets.stream(7, 0).random(3)
    assert np.array_equal(a, nets.stream(7, 0).random(3))
    assert not np.array_equal(a, nets.stream(7, 1).random(3))
    assert not np.array_equal(a, nets.stream(8, 0).random(3))
