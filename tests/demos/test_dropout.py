"""dropout (3c): overfitting without it, less with it, and the mask ensemble."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.demos import get_demo
from tutor.demos.dropout import make_data, masks_for


@pytest.fixture(scope="module")
def trace():
    return get_demo("dropout").run()


def test_without_dropout_the_net_overfits(trace):
    assert trace.train_loss_plain[-1] < 0.1
    assert trace.val_loss_plain[-1] > min(trace.val_loss_plain) * 1.5
    assert trace.train_acc_plain > trace.val_acc_plain


def test_dropout_fits_the_noise_less_and_generalises_better(trace):
    assert trace.train_loss_dropout[-1] > trace.train_loss_plain[-1]
    assert trace.val_loss_dropout[-1] < trace.val_loss_plain[-1]
    assert trace.val_acc_dropout >= trace.val_acc_plain


def test_weight_scaling_approximates_the_mask_average(trace):
    assert trace.ensemble_gap < 0.1
    assert abs(trace.ensemble_val_acc - trace.scaled_val_acc) < 0.05
    assert trace.mask_counts[0] == 1 and trace.mask_counts[-1] == 100


def test_keep_one_trains_the_same_network_twice():
    trace = get_demo("dropout").run(keep=1.0, epochs=30, masks=3)
    assert trace.train_loss_plain == trace.train_loss_dropout
    assert trace.ensemble_gap < 1e-12
    assert len(trace.notes) >= 3


def test_inverted_masks_keep_the_expected_activation():
    mask = masks_for(np.random.default_rng(0), (2000, 50), 0.3)
    assert set(np.unique(mask)) == {0.0, 1 / 0.3}
    assert mask.mean() == pytest.approx(1.0, abs=0.02)


def test_training_labels_are_flipped_at_the_given_rate():
    x, y, xv, yv = make_data(0, 1000, 0.25)
    clean = ((x * x).sum(axis=1) < 1.4).astype(int)
    assert (y != clean).mean() == pytest.approx(0.25, abs=0.04)
    assert (yv == ((xv * xv).sum(axis=1) < 1.4)).all()
