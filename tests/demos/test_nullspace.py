"""nullspace (2c): only W₁'s gradient differs at step 1, then W₁z leaves 0."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo
from tutor.demos.nullspace import forward_backward, nullspace_vector


def test_backward_matches_finite_differences():
    rng = np.random.default_rng(0)
    params = [rng.standard_normal((3, 5)), rng.standard_normal(3), rng.standard_normal((2, 3)), rng.standard_normal(2)]
    x, y = rng.standard_normal((4, 5)), rng.standard_normal((4, 2))
    _, _, grads = forward_backward(params, x, y, 0.2)
    for p, g in zip(params, grads):
        assert_close_grad(g, numeric_grad(lambda: forward_backward(params, x, y, 0.2)[0], p))


@settings(max_examples=20, deadline=None)
@given(n_in=st.integers(2, 12), data=st.data(), lam=st.floats(-50, 50).filter(lambda v: abs(v) > 0.1),
       seed=st.integers(0, 1000))
def test_only_w1_gradient_differs_at_step_one(n_in, data, lam, seed):
    m = data.draw(st.integers(1, n_in - 1))
    trace = get_demo("nullspace").run(n_in=n_in, m=m, lam=lam, steps=1, seed=seed)
    differs = {d.param: d.differs for d in trace.grad_diff}
    assert differs == {"W1": True, "b1": False, "W2": False, "b2": False}
    assert trace.w1z_initial < 1e-12
    assert trace.w1z_after_one_step > 1e-8


def test_outputs_agree_before_training_and_drift_after():
    trace = get_demo("nullspace").run()
    assert trace.output_difference[0] < 1e-12
    assert trace.output_difference[-1] > 1e-4
    assert trace.w1z_shifted[0] < 1e-12 < trace.w1z_shifted[1]
    assert "multiplies the input itself" in " ".join(trace.notes)


def test_lambda_zero_changes_nothing():
    trace = get_demo("nullspace").run(lam=0.0)
    assert not any(d.differs for d in trace.grad_diff)
    assert max(trace.output_difference) == 0


def test_nullspace_vector_is_a_unit_null_vector():
    w = np.random.default_rng(1).standard_normal((3, 7))
    z = nullspace_vector(w)
    assert np.linalg.norm(z) == pytest.approx(1)
    assert np.linalg.norm(w @ z) < 1e-12
