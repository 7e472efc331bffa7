"""Vanishing gradients: a deep fully connected net, forward and backward, layer by layer.

Layer l computes h_l = W_l a_{l-1} and a_l = φ(h_l); the last layer is linear and the loss
is ½‖h_L − y‖² averaged over the batch. For every layer the trace holds the activation std,
‖∂L/∂h_l‖ and ‖∂L/∂W_l‖ (Frobenius norms over the batch).

The numbers are computed in float32 for speed, but on *scaled* arrays: every activation and
gradient array is kept near unit size and its true scale is carried as a float64 logarithm.
So a gradient of 1e-49 at layer 1 (depth 50, small init) is reported as 1e-49, not as a
float32 underflow to 0. The backward pass is linear in the gradient, ReLU is positively
homogeneous, and tanh is the identity to float precision below 1e-4, so the scaling is exact.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import DTypeLike

from tutor.demos.cancel import checkpoint
from tutor.demos.nets import stream
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, fmt_factor, pick_rows, table_from_columns

_DT = np.float32
_LINEAR_TANH = 1e-4  # below this |h|, tanh(h) == h in float32
KEEPS_SIZE = 5.0  # a first/last gradient ratio within ×5 either way "keeps roughly its size"


@dataclass(frozen=True)
class LayerStats:
    """One layer's numbers: 1-based index, std of its output a_l, ‖∂L/∂h_l‖ and ‖∂L/∂W_l‖."""

    layer: int
    activation_std: float
    grad_norm: float
    weight_grad_norm: float


@dataclass(frozen=True)
class VanishingTrace:
    """The vanishing demo's result: per-layer statistics and the first/last gradient ratio."""

    demo: ClassVar[str] = "vanishing"
    params: Mapping[str, Value]
    weight_variance: float
    layers: tuple[LayerStats, ...]
    ratio_first_last: float
    log10_ratio: float
    per_layer_factor: float
    notes: tuple[str, ...]

    def headline(self) -> str:
        """One line: the ratio ‖∂L/∂h₁‖ / ‖∂L/∂h_L‖."""
        return f"‖∂L/∂h₁‖ / ‖∂L/∂h_{self.layers[-1].layer}‖ = {fmt(self.ratio_first_last)}"

    def plots(self) -> tuple[Plot, ...]:
        """Gradient norms per layer (log scale), then activation std per layer."""
        x = tuple(float(s.layer) for s in self.layers)
        grads = Plot(
            "Gradient norm by layer (log scale)", "layer", "norm",
            (Series("‖∂L/∂h‖", x, tuple(s.grad_norm for s in self.layers)),
             Series("‖∂L/∂W‖", x, tuple(s.weight_grad_norm for s in self.layers))),
            ylog=True,
        )
        acts = Plot("Activation std by layer (log scale)", "layer", "std",
                    (Series("std(a)", x, tuple(s.activation_std for s in self.layers)),), ylog=True)
        return grads, acts

    def table(self) -> Table:
        """Layer, activation std, ‖∂L/∂h‖, ‖∂L/∂W‖ for up to 12 layers spread over the depth."""
        rows = [self.layers[i] for i in pick_rows(len(self.layers))]
        return table_from_columns(
            ("layer", "std(a)", "‖∂L/∂h‖", "‖∂L/∂W‖"),
            [s.layer for s in rows], [s.activation_std for s in rows],
            [s.grad_norm for s in rows], [s.weight_grad_norm for s in rows],
        )


def weight_variance(init: str, width: int, scale: float, variance: float) -> float:
    """Var(w) for an init: small = scale·2/(n_in+n_out), xavier = 2/(n_in+n_out),
    he = 2/n_in, custom = variance (every layer here has n_in = n_out = width)."""
    if init == "small":
        return scale * 2.0 / (2 * width)
    if init == "xavier":
        return 2.0 / (2 * width)
    if init == "he":
        return 2.0 / width
    if init == "custom":
        return variance
    raise ValueError(f"unknown init {init!r}")


# --- seeded draws, cached because drawing them costs a third as much as the math ---------

_cache_lock = threading.Lock()
_cache: dict[tuple[object, ...], list[np.ndarray]] = {}
_data_cache: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = {}


def unit_weights(seed: int, width: int, depth: int) -> list[np.ndarray]:
    """Read-only float32 matrices V_l (n_in × n_out) with i.i.d. uniform entries of variance 1
    (W_l = √var · V_lᵀ). Layer l's draw depends only on (seed, l), so a deeper net keeps the
    first layers of a shallower one. The last (seed, width) is cached."""
    key = (seed, width)
    with _cache_lock:
        mats = _cache.get(key)
        if mats is None:
            _cache.clear()
            mats = _cache[key] = []
        while len(mats) < depth:
            u = stream(seed, 0, len(mats)).random((width, width), dtype=_DT)
            u -= _DT(0.5)
            u *= _DT(2 * math.sqrt(3.0))
            u.flags.writeable = False
            mats.append(u)
        return mats[:depth]


def batch_data(seed: int, batch: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Read-only inputs x (float32) and targets y (float64), standard normal, batch × width.
    The last (seed, batch, width) is cached."""
    key = (seed, batch, width)
    with _cache_lock:
        data = _data_cache.get(key)
        if data is None:
            x = stream(seed, 1).standard_normal((batch, width), dtype=_DT)
            y = stream(seed, 2).standard_normal((batch, width))
            x.flags.writeable = y.flags.writeable = False
            _data_cache.clear()
            data = _data_cache[key] = (x, y)
        return data


def _exp(log_value: float) -> float:
    if log_value > 709:
        return math.inf
    return math.exp(log_value) if log_value > -745 else 0.0


class _Workspace:
    """Preallocated arrays for one (depth, batch, width, dtype): reusing them avoids the page
    faults of fresh allocations, which otherwise cost a third of the run time."""

    def __init__(self, depth: int, batch: int, width: int, dtype: DTypeLike) -> None:
        self.key = (depth, batch, width, np.dtype(dtype))
        self.acts = np.empty((depth + 1, batch, width), dtype)
        self.grads = np.empty((2, batch, width), dtype)
        self.tmp = np.empty((batch, width), dtype)
        self.dw = np.empty((width, width), dtype)


_work_lock = threading.Lock()
_work: list[_Workspace] = []
_WORK_LIMIT = 64 * 2**20  # bytes; larger runs allocate afresh rather than pin the memory


def forward_backward(mats: list[np.ndarray], log_w: float, x: np.ndarray, y: np.ndarray, activation: str,
                     work: _Workspace | None = None, keep_grads: list[np.ndarray] | None = None
                     ) -> tuple[list[float], np.ndarray, list[float], list[float]]:
    """The scaled forward and backward pass.

    `mats` are V_l with W_l = e^{log_w} V_lᵀ. Returns (log_act_scale, acts, log_grad_norm,
    log_weight_grad_norm) where acts[l] is layer l+1's scaled output (true value =
    e^{log_act_scale[l]} · acts[l]). Given a list `keep_grads`, fills it with the true
    ∂L/∂h_l arrays (float64, for tests; index l is layer l+1).
    """
    depth = len(mats)
    batch, width = x.shape
    dt = x.dtype.type
    if work is None:
        work = _Workspace(depth, batch, width, x.dtype)
    acts = work.acts
    acts[0] = x
    log_a = [0.0]
    peak = [float(np.abs(x).max())]  # max |scaled array| per layer, saves passes later
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for l, v in enumerate(mats):
            checkpoint()
            h = np.matmul(acts[l], v, out=acts[l + 1])
            log_h = log_a[-1] + log_w
            if l == depth - 1:
                log_s, big = log_h, max(float(h.max()), -float(h.min()))
            elif activation == "relu":
                big = max(float(h.max()), 0.0)
                np.maximum(h, 0, out=h)
                log_s = log_h
            else:
                hi, lo = float(h.max()), float(h.min())
                c = _exp(log_h)
                if activation == "tanh" and max(hi, -lo) * c < _LINEAR_TANH:
                    log_s, big = log_h, max(hi, -lo)  # tanh is the identity here
                else:
                    h *= dt(min(c, float(np.finfo(dt).max)))
                    if activation == "tanh":
                        np.tanh(h, out=h)
                        big = math.tanh(max(hi, -lo) * c)
                    else:
                        _sigmoid_inplace(h)
                        big = _sigmoid(hi * c)
                    log_s = 0.0
            if big > 0 and (big < 1e-8 or big > 1e8):  # keep the array near unit size
                h *= dt(1 / big)
                log_s += math.log(big)
                big = 1.0
            log_a.append(log_s)
            peak.append(big)

        # ∂L/∂h_L = (h_L − y)/B, computed in float64 then scaled to unit norm.
        out_scale = log_a[-1]
        if out_scale > 300:
            g64 = acts[depth].astype(np.float64)
            log_g = out_scale - math.log(batch)
        else:
            g64 = (acts[depth].astype(np.float64) * _exp(out_scale) - y) / batch
            log_g = 0.0
        g, other = work.grads[0], work.grads[1]
        nrm = math.sqrt(float(np.dot(g64.reshape(-1), g64.reshape(-1))))
        if nrm > 0 and math.isfinite(nrm):
            np.multiply(g64, 1 / nrm, out=g, casting="unsafe")
            log_g += math.log(nrm)
        else:
            g[...] = 0
            log_g = -math.inf

        log_gn = [0.0] * depth
        log_wn = [0.0] * depth
        for l in range(depth - 1, -1, -1):
            checkpoint()
            if l < depth - 1:
                _times_slope(g, acts[l + 1], log_a[l + 1], peak[l + 1], activation, work.tmp)
                log_g = _to_unit(g, log_g)
            log_gn[l] = log_g
            if keep_grads is not None:
                keep_grads.insert(0, g.astype(np.float64) * _exp(log_g))
            dw = np.matmul(g.T, acts[l], out=work.dw)
            log_wn[l] = log_g + log_a[l] + _log_norm(dw)
            if l:
                np.matmul(g, mats[l].T, out=other)
                g, other = other, g
                log_g += log_w
    return log_a[1:], acts[1:], log_gn, log_wn


def _workspace(depth: int, batch: int, width: int, dtype: DTypeLike) -> tuple[_Workspace, bool]:
    """The shared workspace if it is free (and small enough), else a private one."""
    key = (depth, batch, width, np.dtype(dtype))
    size = (depth + 4) * batch * width * np.dtype(dtype).itemsize
    if size <= _WORK_LIMIT and _work_lock.acquire(blocking=False):
        if not _work or _work[0].key != key:
            _work[:] = [_Workspace(depth, batch, width, dtype)]
        return _work[0], True
    return _Workspace(depth, batch, width, dtype), False


def _sigmoid(z: float) -> float:
    return 0.5 * (math.tanh(0.5 * z) + 1)


def _sigmoid_inplace(h: np.ndarray) -> np.ndarray:
    h *= 0.5
    np.tanh(h, out=h)
    h += 1
    h *= 0.5
    return h


def _log_norm(arr: np.ndarray) -> float:
    flat = arr.reshape(-1)
    sq = float(np.dot(flat, flat))
    return 0.5 * math.log(sq) if sq > 0 else -math.inf


def _to_unit(g: np.ndarray, log_g: float) -> float:
    """Scale g in place to unit Frobenius norm; returns the log of its true norm."""
    nrm = math.sqrt(float(np.dot(g.reshape(-1), g.reshape(-1))))
    if nrm == 0 or not math.isfinite(nrm):
        return -math.inf if nrm == 0 else math.inf
    g *= g.dtype.type(1 / nrm)
    return log_g + math.log(nrm)


def _times_slope(g: np.ndarray, a: np.ndarray, log_a: float, peak: float, activation: str,
                 tmp: np.ndarray) -> None:
    """g *= φ'(h) in place, with φ' computed from the scaled activation a (true = e^log_a·a)."""
    if activation == "relu":
        np.multiply(g, a > 0, out=g)
        return
    scale = _exp(log_a)
    if activation == "tanh":
        if scale * peak < _LINEAR_TANH:
            return  # φ' = 1 − a² = 1 to float precision
        np.multiply(a, a, out=tmp)
        tmp *= a.dtype.type(-(scale * scale))
        tmp += 1
    else:
        np.multiply(a, a.dtype.type(scale), out=tmp)
        np.multiply(tmp, tmp - 1, out=tmp)
        np.negative(tmp, out=tmp)
    g *= tmp


def _std(a: np.ndarray) -> float:
    """Standard deviation of all entries; one pass each for the sum and the sum of squares,
    with a centred pass only when the mean dominates (where that formula would cancel)."""
    flat = a.reshape(-1)
    mean = float(np.add.reduce(flat)) / flat.size  # pairwise float32 sum: accurate and fast
    var = float(np.dot(flat, flat)) / flat.size - mean * mean
    if var < 1e-3 * mean * mean or var <= 0:
        centred = flat - a.dtype.type(mean)
        var = float(np.dot(centred, centred)) / flat.size
    return math.sqrt(max(var, 0.0))


def run(*, depth: int = 10, width: int = 64, batch: int = 64, activation: str = "tanh",
        init: str = "small", scale: float = 0.01, variance: float = 0.001, seed: int = 0) -> VanishingTrace:
    """Run the vanishing-gradient demo (see the module docstring)."""
    params: dict[str, Value] = dict(depth=depth, width=width, batch=batch, activation=activation, init=init,
                  scale=scale, variance=variance, seed=seed)
    var = weight_variance(init, width, scale, variance)
    mats = unit_weights(seed, width, depth)
    x, y = batch_data(seed, batch, width)
    work, shared = _workspace(depth, batch, width, x.dtype)
    try:
        log_a, acts, log_gn, log_wn = forward_backward(mats, 0.5 * math.log(var), x, y, activation, work)
        stds = [_std(acts[l]) * _exp(log_a[l]) for l in range(depth)]
    finally:
        if shared:
            _work_lock.release()
    layers = [LayerStats(l + 1, stds[l], _exp(log_gn[l]), _exp(log_wn[l])) for l in range(depth)]
    log_ratio = log_gn[0] - log_gn[-1]
    if math.isnan(log_ratio):
        log_ratio = -math.inf
    log10_ratio = log_ratio / math.log(10) if math.isfinite(log_ratio) else log_ratio
    factor = _exp(log_ratio / (depth - 1)) if math.isfinite(log_ratio) else 0.0
    ratio = _exp(log_ratio) if math.isfinite(log_ratio) else (0.0 if log_ratio < 0 else math.inf)
    notes = _notes(params, var, tuple(layers), ratio, factor)
    return VanishingTrace(frozen_params(params), var, tuple(layers), ratio, log10_ratio, factor, notes)


def _notes(p: Mapping[str, Value], var: float, layers: tuple[LayerStats, ...], ratio: float, factor: float) -> tuple[str, ...]:
    depth, width, act, init = int(p["depth"]), int(p["width"]), str(p["activation"]), str(p["init"])
    notes = []
    if ratio < 1e-2:
        notes.append(f"The gradient ‖∂L/∂h‖ shrinks {fmt_factor(ratio)} from layer {depth} back to layer 1: "
                     "the error signal that reaches the first layers is almost nothing.")
    elif ratio > 1e2:
        notes.append(f"The gradient grows {fmt_factor(ratio)} from layer {depth} back to layer 1: it explodes.")
    elif ratio < 1 / KEEPS_SIZE:
        notes.append(f"The gradient ‖∂L/∂h‖ shrinks {fmt_factor(ratio)} from layer {depth} back to layer 1: "
                     "the first layers learn more slowly than the last.")
    elif ratio > KEEPS_SIZE:
        notes.append(f"The gradient ‖∂L/∂h‖ grows {fmt_factor(ratio)} from layer {depth} back to layer 1: "
                     "the first layers get much larger updates than the last.")
    else:
        notes.append(f"The gradient keeps roughly its size from layer {depth} back to layer 1 "
                     f"(ratio {fmt(ratio)}): every layer learns.")
    xavier = 1.0 / width
    notes.append(f"Each layer multiplies the backward signal by about ×{factor:.2g}; "
                 f"var(w) = {fmt(var)} against Xavier's 2/(n_in+n_out) = {fmt(xavier)}.")
    first, last = layers[0].activation_std, layers[-2].activation_std if depth > 1 else layers[0].activation_std
    if act in ("tanh", "sigmoid") and _saturated(act, last):
        notes.append(f"Activations saturate (std {fmt(last)} at layer {depth - 1}): φ′ ≈ 0 there, "
                     "which also blocks the gradient.")
    elif last < first / KEEPS_SIZE:
        also = " too" if ratio < 1 / KEEPS_SIZE else ""
        notes.append(f"Activations shrink{also}: std {fmt(first)} at layer 1, {fmt(last)} at layer {max(depth - 1, 1)}.")
    elif last > first * KEEPS_SIZE:
        notes.append(f"Activations grow: std {fmt(first)} at layer 1, {fmt(last)} at layer {max(depth - 1, 1)}.")
    else:
        notes.append(f"Activation std keeps roughly its size: {fmt(first)} at layer 1, {fmt(last)} at layer {max(depth - 1, 1)}.")
    wgrads = [s.weight_grad_norm for s in layers]
    w_norm = math.sqrt(var) * width  # ‖W‖_F of a width×width matrix with variance var
    relative = max(wgrads) / w_norm if w_norm else math.inf
    tail = " — no layer learns at a useful rate." if relative < 1e-4 else "."
    notes.append(f"‖∂L/∂W‖ runs from {fmt(min(wgrads))} to {fmt(max(wgrads))} across layers, against "
                 f"‖W‖ ≈ {fmt(w_norm)}{tail}")
    if init == "small" or (ratio < 1e-2 and var < xavier / 10):
        notes.append("With var(w) ≪ 2/(n_in+n_out) every backward factor is < 1, so their product over "
                     "the layers vanishes. Try init=xavier.")
    elif act == "sigmoid" and ratio < 1e-2:
        notes.append("σ′ is at most 1/4, so sigmoid nets vanish even with Xavier init; tanh or relu (He) do not.")
    elif not 1 / KEEPS_SIZE <= ratio <= KEEPS_SIZE and (init, act) in (("xavier", "tanh"), ("he", "relu")):
        notes.append(f"Even an init matched to the activation drifts over {depth} layers: each factor is only "
                     "about 1, and their product compounds (normalization or residual connections help).")
    elif not 1 / KEEPS_SIZE <= ratio <= KEEPS_SIZE:
        notes.append("A variance matched to the activation keeps the factor ≈ 1: Xavier for tanh, He for relu.")
    else:
        notes.append("Xavier (tanh) or He (relu) keeps var(h) and the gradient steady across layers.")
    return tuple(notes)


def _saturated(act: str, std: float) -> bool:
    return (act == "tanh" and std > 0.9) or (act == "sigmoid" and std > 0.45)
