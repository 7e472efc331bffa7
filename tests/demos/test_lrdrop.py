"""lr-drop (4f): a plateau, then a sudden drop when the rate is cut."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo, lrdrop, trace_to_json


def test_the_update_direction_is_the_gradient_of_the_loss():
    rng = np.random.default_rng(0)
    lam = np.geomspace(1, 0.1, 6)
    delta = rng.standard_normal(6)
    # the update uses λ·δ: the gradient of Σ½λδ², which is d × the reported (averaged) loss
    assert_close_grad(lam * delta / lam.size, numeric_grad(lambda: lrdrop._loss(lam, delta), delta))


def test_the_drop_cuts_the_plateau_about_by_the_factor():
    trace = get_demo("lr-drop").run()
    assert trace.after_drop < 0.2 * trace.plateau
    assert trace.settle_iterations is not None and trace.settle_iterations < 100
    assert trace.lr[299] == 0.5 and trace.lr[300] == pytest.approx(0.05)
    no_drop_end = float(np.mean(trace.loss_no_drop[-50:]))
    assert no_drop_end > 0.5 * trace.plateau  # without the drop it stays up


def test_factor_one_means_no_drop():
    trace = get_demo("lr-drop").run(factor=1.0)
    assert trace.loss == trace.loss_no_drop
    assert "no cliff" in trace.notes[0]


def test_plateau_grows_with_the_learning_rate():
    low = get_demo("lr-drop").run(lr=0.1)
    high = get_demo("lr-drop").run(lr=1.0)
    assert high.plateau > 3 * low.plateau


def test_divergence_gives_a_note_and_strict_json():
    trace = get_demo("lr-drop").run(lr=2.5)
    assert "diverges" in trace.notes[0]
    json.dumps(trace_to_json(trace), allow_nan=False)
