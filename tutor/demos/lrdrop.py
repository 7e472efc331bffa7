"""Step learning-rate decay: a plateau, then a sudden drop.

SGD on a noisy quadratic, the standard toy model of training near a minimum:
L(w) = (1/d) Σᵢ ½ λᵢ (wᵢ − wᵢ*)² over d = 1000 directions whose curvatures λᵢ spread from
1 down to 0.1, where each stochastic gradient carries noise of variance σ²λᵢ/B (what a
mini-batch of B examples gives). With a constant learning rate the loss stops at a plateau
whose height is proportional to lr·σ²/B; cutting the rate at `drop_at` lets the noise
average out, and the loss falls within a few dozen iterations. The same run without the
drop (same noise) is traced for comparison.
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

DIMS = 1000
CURVATURE = (1.0, 0.1)


@dataclass(frozen=True)
class LrDropTrace:
    """Loss per iteration with and without the learning-rate drop."""

    demo: ClassVar[str] = "lr-drop"
    params: Mapping[str, Value]
    iteration: tuple[int, ...]
    lr: tuple[float, ...]
    loss: tuple[float, ...]
    loss_no_drop: tuple[float, ...]
    plateau: float
    after_drop: float
    settle_iterations: int | None
    notes: tuple[str, ...]

    def headline(self) -> str:
        """Plateau height before and after the drop."""
        return f"plateau {fmt(self.plateau)} → {fmt(self.after_drop)} after the drop"

    def plots(self) -> tuple[Plot, ...]:
        """The loss with and without the drop; then the learning-rate schedule."""
        x = tuple(float(i) for i in self.iteration)
        loss = Plot("Training loss", "iteration", "loss",
                    (Series("step decay", x, self.loss), Series("no decay", x, self.loss_no_drop)))
        lr = Plot("Learning rate", "iteration", "lr", (Series("lr", x, self.lr),))
        return loss, lr

    def table(self) -> Table:
        """Iteration, learning rate and both losses, around the drop."""
        n = len(self.iteration)
        drop = int(self.params["drop_at"])
        idx = sorted(set(pick_rows(n, 8)) | {i for i in (drop - 1, drop, drop + 5, drop + 20) if 0 <= i < n})
        return table_from_columns(
            ("iter", "lr", "loss", "loss (no decay)"),
            [self.iteration[i] for i in idx], [self.lr[i] for i in idx],
            [self.loss[i] for i in idx], [self.loss_no_drop[i] for i in idx],
        )


def run(*, lr: float = 0.5, drop_at: int = 300, factor: float = 0.1, iterations: int = 600,
        batch_size: int = 1, noise: float = 1.0, seed: int = 0) -> LrDropTrace:
    """Run SGD with and without the step decay; see the module docstring."""
    params: dict[str, Value] = dict(lr=lr, drop_at=drop_at, factor=factor, iterations=iterations,
                  batch_size=batch_size, noise=noise, seed=seed)
    rng = nets.stream(seed, 0)
    lam = np.geomspace(CURVATURE[0], CURVATURE[1], DIMS)
    start = rng.standard_normal(DIMS)
    noise_scale = noise * np.sqrt(lam / batch_size)
    delta = start.copy()        # w − w*, with the drop
    delta_flat = start.copy()   # w − w*, without it
    schedule = [lr if t < drop_at else lr * factor for t in range(iterations + 1)]
    loss, loss_flat = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(iterations + 1):
            if t % 64 == 0:
                checkpoint()
            loss.append(_loss(lam, delta))
            loss_flat.append(_loss(lam, delta_flat))
            xi = rng.standard_normal(DIMS) * noise_scale
            delta -= schedule[t] * (lam * delta + xi)
            delta_flat -= lr * (lam * delta_flat + xi)
    before_window = max(1, min(50, drop_at // 3))
    after_window = max(1, min(50, (iterations - drop_at) // 3))
    plateau = float(np.mean(loss[drop_at - before_window:drop_at]))
    after = float(np.mean(loss[-after_window:]))
    settle = _settle(loss, drop_at, plateau, after)
    notes = _notes(params, plateau, after, settle, loss_flat[-1])
    return LrDropTrace(frozen_params(params), tuple(range(iterations + 1)), tuple(schedule),
                       tuple(loss), tuple(loss_flat), plateau, after, settle, notes)


def _loss(lam: np.ndarray, delta: np.ndarray) -> float:
    return float(0.5 * np.dot(lam, delta * delta) / lam.size)


def _settle(loss: list[float], drop_at: int, plateau: float, after: float) -> int | None:
    """Iterations after the drop until the loss has covered 90% of the way down."""
    if not after < plateau:
        return None
    target = after + 0.1 * (plateau - after)
    for i in range(drop_at, len(loss)):
        if loss[i] <= target:
            return i - drop_at
    return None


def _notes(p: Mapping[str, Value], plateau: float, after: float, settle: int | None, flat_end: float) -> tuple[str, ...]:
    lr, factor, drop = float(p["lr"]), float(p["factor"]), int(p["drop_at"])
    notes = []
    if not np.isfinite(plateau) or plateau > 1e6:
        return (f"lr = {lr:g} is too large: a step of lr·λ > 2 overshoots and the loss diverges. Lower it.",)
    if factor < 1 and settle is not None:
        notes.append(f"At iteration {drop} the learning rate falls from {lr:g} to {lr * factor:.3g}: the loss drops "
                     f"from {fmt(plateau)} to {fmt(after)}, most of it within {settle} iterations: a cliff after the plateau.")
    else:
        notes.append(f"factor = {factor:g}: the rate barely changes at iteration {drop}, so there is no cliff.")
    notes.append(f"Before the drop the loss sits on a plateau: gradient noise keeps SGD bouncing around the "
                 f"minimum at a height ∝ lr·σ²/B (lr {lr:g}, σ {p['noise']:g}, B {p['batch_size']}), not at the minimum.")
    notes.append(f"Without the drop the loss stays on the plateau: {fmt(flat_end)} at the end.")
    if factor < 1:
        notes.append(f"The smaller step averages the noise out: the new plateau is about ×{factor:g} as high "
                     f"({fmt(after / plateau)} of the old one).")
    return tuple(notes)
