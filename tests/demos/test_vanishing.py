"""vanishing: the backward pass against finite differences, 1c's facts, the JSON shape, speed."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tests.demos.fdcheck import assert_close_grad, numeric_grad
from tutor.demos import get_demo, trace_to_json
from tutor.demos import vanishing as van
from tutor.demos.nets import activate


def _reference(ws, x, y, activation):
    """A plain float64 forward pass and loss, written independently of the demo."""
    a = x
    for i, w in enumerate(ws):
        h = a @ w.T
        a = activate(activation, h) if i < len(ws) - 1 else h
    return 0.5 * float(((a - y) ** 2).sum()) / x.shape[0]


def _reference_grads(ws, x, y, activation):
    """‖∂L/∂h_l‖ per layer by plain float64 backprop (no scaling)."""
    acts, hs = [x], []
    for i, w in enumerate(ws):
        h = acts[-1] @ w.T
        hs.append(h)
        acts.append(activate(activation, h) if i < len(ws) - 1 else h)
    g = (acts[-1] - y) / x.shape[0]
    norms = [0.0] * len(ws)
    for i in range(len(ws) - 1, -1, -1):
        if i < len(ws) - 1:
            a = acts[i + 1]
            g = g * {"tanh": 1 - a * a, "relu": (hs[i] > 0) * 1.0, "sigmoid": a * (1 - a)}[activation]
        norms[i] = float(np.linalg.norm(g))
        g = g @ ws[i]
    return norms


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
@pytest.mark.parametrize("log_var", [math.log(1 / 6), math.log(0.01 / 6)])
def test_weight_gradients_match_finite_differences(activation, log_var):
    rng = np.random.default_rng(3)
    depth, width, batch = 4, 6, 5
    mats = [rng.uniform(-math.sqrt(3), math.sqrt(3), (width, width)) for _ in range(depth)]
    log_w = 0.5 * log_var
    ws = [math.exp(log_w) * v.T for v in mats]
    x = rng.standard_normal((batch, width))
    y = rng.standard_normal((batch, width))
    kept: list = []
    log_a, acts, log_gn, log_wn = van.forward_backward(mats, log_w, x, y, activation, keep_grads=kept)
    for l in range(depth):
        a_prev = x if l == 0 else math.exp(log_a[l - 1]) * acts[l - 1]
        analytic = kept[l].T @ a_prev
        numeric = numeric_grad(lambda: _reference(ws, x, y, activation), ws[l])
        assert_close_grad(analytic, numeric, rtol=1e-4)
        assert math.exp(log_wn[l]) == pytest.approx(np.linalg.norm(numeric), rel=1e-4)
        assert math.exp(log_gn[l]) == pytest.approx(np.linalg.norm(kept[l]), rel=1e-9)


@pytest.mark.parametrize("activation,init", [("tanh", "small"), ("relu", "he"), ("sigmoid", "xavier"), ("tanh", "custom")])
def test_float32_scaled_pass_agrees_with_plain_float64_backprop(activation, init):
    p = dict(depth=12, width=32, batch=16, activation=activation, init=init, scale=0.01, variance=0.003, seed=5)
    trace = van.run(**p)
    var = van.weight_variance(init, 32, 0.01, 0.003)
    mats = van.unit_weights(5, 32, 12)
    ws = [math.sqrt(var) * v.T.astype(np.float64) for v in mats]
    x, y = van.batch_data(5, 16, 32)
    expected = _reference_grads(ws, x.astype(np.float64), y, activation)
    got = [s.grad_norm for s in trace.layers]
    np.testing.assert_allclose(got, expected, rtol=2e-3)


def test_small_init_tanh_vanishes_at_depth_10():
    trace = get_demo("vanishing").run(depth=10, activation="tanh", init="small")
    assert 0 < trace.ratio_first_last < 1e-6


def test_xavier_tanh_keeps_the_gradient_order_one_at_depth_10():
    trace = get_demo("vanishing").run(depth=10, activation="tanh", init="xavier")
    assert 0.05 <= trace.ratio_first_last <= 5


def test_he_relu_keeps_the_gradient_order_one():
    trace = get_demo("vanishing").run(depth=30, activation="relu", init="he")
    assert 0.05 <= trace.ratio_first_last <= 20


def test_deep_small_init_is_reported_without_float32_underflow():
    trace = get_demo("vanishing").run(depth=50, width=64, batch=32, init="small")
    assert trace.ratio_first_last > 0
    assert -55 < trace.log10_ratio < -40  # ×0.1 per layer over 49 layers
    assert all(s.grad_norm > 0 and s.activation_std > 0 for s in trace.layers)


def test_exploding_relu_is_reported_without_overflow():
    trace = get_demo("vanishing").run(depth=40, width=64, init="custom", variance=1.0, activation="relu")
    assert trace.log10_ratio > 10
    assert math.isfinite(trace.layers[-1].activation_std) and trace.layers[-1].activation_std > 1e10


def test_weight_variance_formulas():
    assert van.weight_variance("small", 64, 0.01, 1) == pytest.approx(0.01 * 2 / 128)
    assert van.weight_variance("xavier", 64, 0.01, 1) == pytest.approx(2 / 128)
    assert van.weight_variance("he", 64, 0.01, 1) == pytest.approx(2 / 64)
    assert van.weight_variance("custom", 64, 0.01, 0.5) == 0.5


def test_unit_weights_have_unit_variance_and_share_prefixes():
    deep = van.unit_weights(1, 128, 6)
    assert abs(float(np.var(np.stack(deep))) - 1) < 0.02
    shallow = van.unit_weights(1, 128, 3)
    assert all(a is b for a, b in zip(shallow, deep))


def test_json_has_the_fixed_shape():
    data = trace_to_json(get_demo("vanishing").run(depth=5))
    json.dumps(data, allow_nan=False)
    assert {"params", "layers", "ratio_first_last"} <= set(data)
    assert data["params"]["depth"] == 5
    assert [layer["layer"] for layer in data["layers"]] == [1, 2, 3, 4, 5]
    assert set(data["layers"][0]) == {"layer", "activation_std", "grad_norm", "weight_grad_norm"}
    assert data["ratio_first_last"] == pytest.approx(data["layers"][0]["grad_norm"] / data["layers"][-1]["grad_norm"])


def test_notes_adapt_to_the_numbers():
    small = get_demo("vanishing").run(depth=10, init="small")
    assert "shrinks ×1e-9" in small.notes[0] and "Try init=xavier" in small.notes[-1]
    xavier = get_demo("vanishing").run(depth=10, init="xavier")
    assert "keeps roughly its size" in xavier.notes[0]
    assert 3 <= len(small.notes) <= 5


def test_is_deterministic_for_a_seed_and_changes_with_it():
    a = get_demo("vanishing").run(seed=4)
    b = get_demo("vanishing").run(seed=4)
    c = get_demo("vanishing").run(seed=5)
    assert a == b
    assert a.ratio_first_last != c.ratio_first_last


def test_a_cancelled_run_releases_the_shared_workspace():
    from tutor.demos import Cancelled, cancellable

    with pytest.raises(Cancelled), cancellable(lambda: True):
        van.run(depth=20, width=32, batch=16)
    assert not van._work_lock.locked()
    assert len(van.run(depth=20, width=32, batch=16).layers) == 20
