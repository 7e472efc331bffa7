"""cross-entropy (4a–4d): the exam's numbers, the disagreement with the argmax."""

from __future__ import annotations

import numpy as np
import pytest

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo
from tutor.demos.crossentropy import make_case, own_prediction, softmax_xent_grad


def test_exam_4a_and_4b():
    trace = get_demo("cross-entropy").run()
    assert round(trace.right_loss, 4) == 1.2040
    assert round(trace.wrong_loss, 4) == 0.9163
    a, b, _ = trace.cases
    assert a.correct and not b.correct
    assert b.loss < a.loss


def test_softmax_gradient_matches_finite_differences_and_is_p_minus_y():
    z = np.log(np.array([0.25, 0.25, 0.3, 0.2]))
    loss, grad = softmax_xent_grad(z, 2)
    assert loss == pytest.approx(-np.log(0.3))
    assert_close_grad(grad, numeric_grad(lambda: softmax_xent_grad(z, 2)[0], z))
    np.testing.assert_allclose(grad, [0.25, 0.25, -0.7, 0.2])
    assert get_demo("cross-entropy").run().grad_logits_right == pytest.approx((0.25, 0.25, -0.7, 0.2))


@pytest.mark.parametrize("p,rest,correct", [(0.45, "one", False), (0.45, "even", True), (0.55, "one", True), (0.2, "even", False)])
def test_own_prediction(p, rest, correct):
    trace = get_demo("cross-entropy").run(p_true=p, rest=rest, classes=4)
    mine = trace.cases[-1]
    assert sum(mine.probs) == pytest.approx(1)
    assert mine.loss == pytest.approx(-np.log(p))
    assert mine.correct is correct


def test_accuracy_is_a_step_and_the_band_is_one_over_k_to_one_half():
    trace = get_demo("cross-entropy").run(classes=5)
    assert set(trace.accuracy_one) == {0.0, 1.0} and set(trace.accuracy_even) == {0.0, 1.0}
    assert (trace.ambiguous_from, trace.ambiguous_to) == (0.2, 0.5)
    x = np.array(trace.p_true)
    one, even = np.array(trace.accuracy_one), np.array(trace.accuracy_even)
    assert ((one != even) == ((x > 0.2) & (x <= 0.5))).all()


def test_ties_count_as_wrong_and_zero_probability_is_infinite_loss():
    assert not make_case("tie", (0.5, 0.5), 0).correct
    assert make_case("zero", (0.0, 1.0), 0).loss == float("inf")
    assert own_prediction(1.0, 3, "even") == (1.0, 0.0, 0.0)
