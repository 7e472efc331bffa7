"""Batch vs mini-batch gradient descent on softmax regression.

Both runs start from zero weights on the same generated data set (Gaussian class clusters)
with the same learning rate. Full-batch GD follows the exact gradient; mini-batch SGD uses
the gradient of `batch_size` shuffled examples per update (one epoch after another). The
trace holds the loss each run reports as it trains: the full-data loss for GD, the loss of
the current mini-batch for SGD (the jagged curve), plus SGD's full-data loss and
how well each mini-batch gradient points along the full gradient.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos import nets
from tutor.demos.cancel import checkpoint
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, pick_rows, table_from_columns

FEATURES = 5


@dataclass(frozen=True)
class MinibatchTrace:
    """Loss curves of full-batch GD and mini-batch SGD, and gradient-estimate quality."""

    demo: ClassVar[str] = "batch-vs-minibatch"
    params: Mapping[str, Value]
    iteration: tuple[int, ...]
    loss_gd: tuple[float, ...]
    loss_sgd_batch: tuple[float, ...]
    loss_sgd_full: tuple[float, ...]
    grad_cosine: tuple[float, ...]
    increases_gd: int
    increases_sgd: int
    mean_cosine: float
    notes: tuple[str, ...]

    def headline(self) -> str:
        """How often each curve went up."""
        return f"loss went up: GD {self.increases_gd}×, mini-batch {self.increases_sgd}× (of {len(self.iteration) - 1} updates)"

    def plots(self) -> tuple[Plot, ...]:
        """The two training curves; then the gradient cosine per update."""
        x = tuple(float(i) for i in self.iteration)
        curves = Plot("Loss as each run reports it", "iteration", "loss",
                      (Series("batch GD", x, self.loss_gd), Series("mini-batch SGD", x, self.loss_sgd_batch)))
        cosine = Plot("cos(mini-batch gradient, full gradient)", "iteration", "cosine",
                      (Series("cosine", x, self.grad_cosine),))
        return curves, cosine

    def table(self) -> Table:
        """Iteration, GD loss, SGD batch loss, SGD full loss, cosine at up to 12 iterations."""
        idx = pick_rows(len(self.iteration))
        return table_from_columns(
            ("iter", "GD loss", "SGD batch loss", "SGD full loss", "cos"),
            [self.iteration[i] for i in idx], [self.loss_gd[i] for i in idx],
            [self.loss_sgd_batch[i] for i in idx], [self.loss_sgd_full[i] for i in idx],
            [self.grad_cosine[i] for i in idx],
        )


def softmax_regression_grads(w: np.ndarray, b: np.ndarray, x: np.ndarray,
                             targets: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean cross-entropy of softmax(x Wᵀ + b) and its gradients (dW, db)."""
    loss, dz = nets.softmax_xent(x @ w.T + b, targets)
    return loss, dz.T @ x, dz.sum(axis=0)


def run(*, n: int = 512, classes: int = 3, batch_size: int = 16, lr: float = 0.5, iterations: int = 200,
        noise: float = 1.0, seed: int = 0) -> MinibatchTrace:
    """Train softmax regression both ways; see the module docstring."""
    params: dict[str, Value] = dict(n=n, classes=classes, batch_size=batch_size, lr=lr, iterations=iterations, noise=noise, seed=seed)
    x, labels = nets.blobs(nets.stream(seed, 0), n, classes, FEATURES, noise)
    targets = nets.one_hot(labels, classes)
    order_rng = nets.stream(seed, 1)
    w_gd, b_gd = np.zeros((classes, FEATURES)), np.zeros(classes)
    w_sgd, b_sgd = w_gd.copy(), b_gd.copy()
    loss_gd, loss_batch, loss_full, cosine = [], [], [], []
    order = order_rng.permutation(n)
    pos = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for it in range(iterations + 1):  # record before each update; the last has none
            checkpoint()
            lg, dw, db = softmax_regression_grads(w_gd, b_gd, x, targets)
            loss_gd.append(lg)

            if pos + batch_size > n:
                order, pos = order_rng.permutation(n), 0
            idx = order[pos:pos + batch_size]
            pos += batch_size
            lb, bw, bb = softmax_regression_grads(w_sgd, b_sgd, x[idx], targets[idx])
            lf, fw, fb = softmax_regression_grads(w_sgd, b_sgd, x, targets)
            loss_batch.append(lb)
            loss_full.append(lf)
            cosine.append(_cosine(np.concatenate([bw.ravel(), bb]), np.concatenate([fw.ravel(), fb])))
            if it < iterations:
                w_gd, b_gd = w_gd - lr * dw, b_gd - lr * db
                w_sgd, b_sgd = w_sgd - lr * bw, b_sgd - lr * bb
    # Index i holds the losses after i updates: index 0 is the initial loss ln(k).
    ups_gd = _increases(loss_gd)
    ups_sgd = _increases(loss_batch)
    finite = [c for c in cosine if c == c]
    mean_cos = float(np.mean(finite)) if finite else float("nan")
    notes = _notes(params, loss_gd, loss_batch, loss_full, ups_gd, ups_sgd, mean_cos)
    return MinibatchTrace(
        frozen_params(params), tuple(range(iterations + 1)), _floats(loss_gd), _floats(loss_batch),
        _floats(loss_full), _floats(cosine), ups_gd, ups_sgd, mean_cos, notes,
    )


def _floats(values: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return float("nan")
    return float(a @ b / (na * nb))


def _increases(curve: list[float]) -> int:
    """Updates after which the reported loss went up (by more than rounding)."""
    return sum(1 for a, b in itertools.pairwise(curve) if b > a * (1 + 1e-12) + 1e-15)


def _notes(p: Mapping[str, Value], gd: list[float], batch: list[float], full: list[float], ups_gd: int, ups_sgd: int, cos: float) -> tuple[str, ...]:
    iters, bs, n = int(p["iterations"]), int(p["batch_size"]), int(p["n"])
    notes = []
    if not np.isfinite(gd[-1]) or not np.isfinite(full[-1]):
        notes.append(f"lr = {p['lr']:g} is too large here: the loss diverges. Lower it.")
    if ups_gd == 0:
        notes.append(f"Batch GD never goes up in {iters} updates: every step follows the exact gradient, "
                     f"so its curve is smooth.")
    else:
        notes.append(f"Batch GD went up {ups_gd} times: with lr = {p['lr']:g} it overshoots. "
                     "With a small enough rate it only goes down.")
    notes.append(f"Mini-batch SGD ({bs} of {n} examples per step) reports a loss that went up {ups_sgd} times: "
                 "each batch is a different random sample, so its curve is jagged.")
    if np.isfinite(cos):
        notes.append(f"A mini-batch gradient points along the full gradient with cosine {cos:.2f} on average: "
                     "a noisy estimate; the full batch gives the exact one.")
    notes.append(f"After {iters} updates: GD loss {fmt(gd[-1])}, SGD full-data loss {fmt(full[-1])} — "
                 f"SGD did it with {bs}/{n} of the work per step.")
    return tuple(notes[:5])
