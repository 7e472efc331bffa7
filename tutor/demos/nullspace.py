"""Nullspace inputs: train on x and on x + λz, where W₁z = 0.

The network follows problem 2: h = W₁x, g = h + b₁, f = max(αg, g), then an output layer
o = W₂f + b₂ and the loss L = ½‖o − y‖² (averaged over a batch of 32). z is a unit vector
in W₁'s nullspace (from its SVD). Two copies start from the same weights; one trains on the
data, the other on the data shifted by λz, with the same full-batch gradient steps. The trace
holds, for the first step, how much each parameter's gradient differs between the two runs,
then ‖W₁z‖ and the difference between the two networks' outputs as training goes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos import nets
from tutor.demos.cancel import checkpoint
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, pick_rows, table_from_columns

BATCH = 32
OUTPUTS = 2
NAMES = ("W1", "b1", "W2", "b2")


@dataclass(frozen=True)
class GradDiff:
    """One parameter's first-step gradient on x vs on x+λz: ‖g_shift − g‖/‖g‖."""

    param: str
    relative_difference: float
    differs: bool


@dataclass(frozen=True)
class NullspaceTrace:
    """First-step gradient differences, and ‖W₁z‖ and output drift over training."""

    demo: ClassVar[str] = "nullspace"
    params: Mapping[str, Value]
    grad_diff: tuple[GradDiff, ...]
    w1z_initial: float
    w1z_after_one_step: float
    w1z_after_one_step_plain: float
    step: tuple[int, ...]
    w1z_shifted: tuple[float, ...]
    w1z_plain: tuple[float, ...]
    output_difference: tuple[float, ...]
    loss_plain: tuple[float, ...]
    loss_shifted: tuple[float, ...]
    notes: tuple[str, ...]

    def headline(self) -> str:
        """Which gradients differ at step 1."""
        differ = [d.param for d in self.grad_diff if d.differs]
        return f"step 1: gradients that differ: {', '.join(differ) or 'none'}; ‖W₁z‖ after it = {fmt(self.w1z_after_one_step)}"

    def plots(self) -> tuple[Plot, ...]:
        """‖W₁z‖ over steps for both runs; the two networks' output difference."""
        x = tuple(float(s) for s in self.step)
        w1z = Plot("‖W₁z‖ during training", "step", "‖W₁z‖",
                   (Series("trained on x+λz", x, self.w1z_shifted), Series("trained on x", x, self.w1z_plain)))
        drift = Plot("Output difference between the two runs", "step", "mean |o_shift − o|",
                     (Series("difference", x, self.output_difference),))
        return w1z, drift

    def table(self) -> Table:
        """Each parameter's first-step gradient difference."""
        return table_from_columns(("parameter", "‖Δgrad‖/‖grad‖", "differs?"),
                                  [d.param for d in self.grad_diff], [d.relative_difference for d in self.grad_diff],
                                  ["yes" if d.differs else "no (rounding)" for d in self.grad_diff])

    def table_over_steps(self) -> Table:
        """Step, ‖W₁z‖ of both runs and the output difference."""
        idx = pick_rows(len(self.step))
        return table_from_columns(("step", "‖W₁z‖ shifted", "‖W₁z‖ plain", "output diff"),
                                  [self.step[i] for i in idx], [self.w1z_shifted[i] for i in idx],
                                  [self.w1z_plain[i] for i in idx], [self.output_difference[i] for i in idx])


def forward_backward(params: list[np.ndarray], x: np.ndarray, y: np.ndarray,
                     alpha: float) -> tuple[float, np.ndarray, list[np.ndarray]]:
    """Loss ½‖o − y‖² (batch mean), the output o, and gradients [dW1, db1, dW2, db2].

    Rows of x are examples; W₁ is m×n as on the exam, so h = x W₁ᵀ.
    """
    w1, b1, w2, b2 = params
    h = x @ w1.T
    g = h + b1
    f = np.maximum(alpha * g, g)
    o = f @ w2.T + b2
    n = x.shape[0]
    diff = o - y
    loss = float(0.5 * (diff * diff).sum() / n)
    do = diff / n
    dw2, db2 = do.T @ f, do.sum(axis=0)
    df = do @ w2
    dg = df * np.where(g > 0, 1.0, alpha)
    dw1, db1 = dg.T @ x, dg.sum(axis=0)
    return loss, o, [dw1, db1, dw2, db2]


def nullspace_vector(w1: np.ndarray) -> np.ndarray:
    """A unit vector z with W₁z = 0 (to rounding): the last right singular vector of W₁ (m < n)."""
    z: np.ndarray = np.linalg.svd(w1)[2][-1]
    return z


def run(*, n_in: int = 4, m: int = 2, lam: float = 3.0, alpha: float = 0.1, lr: float = 0.05,
        steps: int = 50, seed: int = 0) -> NullspaceTrace:
    """Train on x and on x+λz side by side; see the module docstring."""
    params: dict[str, Value] = dict(n_in=n_in, m=m, lam=lam, alpha=alpha, lr=lr, steps=steps, seed=seed)
    rng = nets.stream(seed, 0)
    w1 = rng.standard_normal((m, n_in)) / np.sqrt(n_in)
    start = [w1, 0.1 * rng.standard_normal(m), rng.standard_normal((OUTPUTS, m)) / np.sqrt(m), np.zeros(OUTPUTS)]
    z = nullspace_vector(w1)
    x = rng.standard_normal((BATCH, n_in))
    y = rng.standard_normal((BATCH, OUTPUTS))
    xs = x + lam * z

    _, _, g_plain = forward_backward(start, x, y, alpha)
    _, _, g_shift = forward_backward(start, xs, y, alpha)
    diffs = tuple(_diff(name, a, b) for name, a, b in zip(NAMES, g_plain, g_shift))

    plain, shifted = list(start), list(start)
    w1z_s: list[float] = []
    w1z_p: list[float] = []
    out_diff: list[float] = []
    loss_p: list[float] = []
    loss_s: list[float] = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps + 1):
            checkpoint()
            lp, op, gp = forward_backward(plain, x, y, alpha)
            ls, os_, gs = forward_backward(shifted, xs, y, alpha)
            w1z_p.append(float(np.linalg.norm(plain[0] @ z)))
            w1z_s.append(float(np.linalg.norm(shifted[0] @ z)))
            out_diff.append(float(np.abs(os_ - op).mean()))
            loss_p.append(lp)
            loss_s.append(ls)
            plain = [p - lr * d for p, d in zip(plain, gp)]
            shifted = [p - lr * d for p, d in zip(shifted, gs)]
    steps_t = tuple(range(steps + 1))
    notes = _notes(params, diffs, w1z_s, w1z_p, out_diff)
    return NullspaceTrace(frozen_params(params), diffs, w1z_s[0], w1z_s[1], w1z_p[1], steps_t,
                          tuple(w1z_s), tuple(w1z_p), tuple(out_diff), tuple(loss_p), tuple(loss_s), notes)


def _diff(name: str, a: np.ndarray, b: np.ndarray) -> GradDiff:
    scale = float(np.linalg.norm(a))
    rel = float(np.linalg.norm(b - a)) / scale if scale else float(np.linalg.norm(b - a))
    return GradDiff(name, rel, rel > 1e-9)


def _notes(p: Mapping[str, Value], diffs: tuple[GradDiff, ...], w1z_s: list[float], w1z_p: list[float], out_diff: list[float]) -> tuple[str, ...]:
    differ = [d for d in diffs if d.differs]
    same = [d for d in diffs if not d.differs]
    notes = []
    if p["lam"] == 0:
        notes.append("λ = 0: the two data sets are the same, so nothing differs. Set lam to a nonzero value.")
    elif [d.param for d in differ] == ["W1"]:
        worst = max(d.relative_difference for d in same)
        notes.append(f"At step 1 only W₁'s gradient differs (by {fmt(differ[0].relative_difference)} relative); "
                     f"b₁, W₂ and b₂ agree to {fmt(worst)} — floating-point rounding.")
    else:
        notes.append("At step 1 these gradients differ: " + ", ".join(f"{d.param} ({fmt(d.relative_difference)})" for d in differ) + ".")
    notes.append("Why: W₁(x+λz) = W₁x, so h, g, f, the output and every gradient above them are unchanged; only "
                 "∂L/∂W₁ = ∂L/∂h·(x+λz)ᵀ multiplies the input itself.")
    if p["lam"] != 0:
        notes.append(f"After that one step ‖W₁z‖ = {fmt(w1z_s[1])} (it was {fmt(w1z_s[0])}): the update "
                     "−lr·∂L/∂h·(x+λz)ᵀ has a component along z, so z is no longer in the nullspace.")
        notes.append(f"So from step 2 on every update differs: after {p['steps']} steps the two networks' outputs differ "
                     f"by {fmt(out_diff[-1])} on average (training on x alone also moves z: ‖W₁z‖ = {fmt(w1z_p[-1])}).")
    return tuple(notes)
