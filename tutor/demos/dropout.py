"""Dropout: an MLP that overfits, trained with and without dropout, and the mask ensemble.

A one-hidden-layer ReLU network is trained by full-batch Adam on a few noisy 2-D examples
(inside or outside a circle; a fraction of the training labels is flipped, the validation
labels are clean), once without
dropout and once with inverted dropout on the hidden layer (keep probability p: each unit
is kept with probability p and scaled by 1/p while training). Both start from the same
weights. The trace holds train/validation loss and accuracy over training, then compares,
for the dropout network, the average prediction over random masks (the ensemble dropout
approximates) with one pass of the weight-scaled network (no mask).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos import nets
from tutor.demos.cancel import checkpoint
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, table_from_columns

FEATURES = 2
VALIDATION = 500
LR = 0.01
POINTS = 100
RADIUS2 = 1.4  # P(‖x‖² < 1.4) ≈ 1/2 for x ~ N(0, I₂)


@dataclass(frozen=True)
class DropoutTrace:
    """Training curves with and without dropout, and mask averaging against weight scaling."""

    demo: ClassVar[str] = "dropout"
    params: Mapping[str, Value]
    epoch: tuple[int, ...]
    train_loss_plain: tuple[float, ...]
    val_loss_plain: tuple[float, ...]
    train_loss_dropout: tuple[float, ...]
    val_loss_dropout: tuple[float, ...]
    train_acc_plain: float
    val_acc_plain: float
    train_acc_dropout: float
    val_acc_dropout: float
    mask_counts: tuple[int, ...]
    ensemble_val_loss: tuple[float, ...]
    scaled_val_loss: float
    ensemble_val_acc: float
    scaled_val_acc: float
    ensemble_gap: float
    notes: tuple[str, ...]

    def headline(self) -> str:
        """Validation accuracy with and without dropout."""
        return f"validation accuracy: plain {self.val_acc_plain:.0%}, dropout {self.val_acc_dropout:.0%}"

    def plots(self) -> tuple[Plot, ...]:
        """Train and validation loss of both runs; then the mask ensemble's loss vs masks."""
        x = tuple(float(e) for e in self.epoch)
        curves = Plot("Loss during training", "epoch", "cross-entropy", (
            Series("train (no dropout)", x, self.train_loss_plain), Series("val (no dropout)", x, self.val_loss_plain),
            Series("train (dropout)", x, self.train_loss_dropout), Series("val (dropout)", x, self.val_loss_dropout)))
        m = tuple(float(c) for c in self.mask_counts)
        ensemble = Plot("Average over masks vs weight-scaled net", "masks averaged", "validation loss", (
            Series("mask average", m, self.ensemble_val_loss),
            Series("weight-scaled net", m, tuple(self.scaled_val_loss for _ in m))), xlog=True)
        return curves, ensemble

    def table(self) -> Table:
        """Final train/validation loss and accuracy of both runs, and the ensemble check."""
        rows = (
            ("no dropout", self.train_loss_plain[-1], self.val_loss_plain[-1], f"{self.train_acc_plain:.0%}", f"{self.val_acc_plain:.0%}"),
            ("dropout", self.train_loss_dropout[-1], self.val_loss_dropout[-1], f"{self.train_acc_dropout:.0%}", f"{self.val_acc_dropout:.0%}"),
            (f"mask average ({self.mask_counts[-1]})", "", self.ensemble_val_loss[-1], "", f"{self.ensemble_val_acc:.0%}"),
            ("weight-scaled", "", self.scaled_val_loss, "", f"{self.scaled_val_acc:.0%}"),
        )
        return table_from_columns(("network", "train loss", "val loss", "train acc", "val acc"), *zip(*rows))


def make_data(seed: int, n_train: int,
              label_noise: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_val, y_val): the label is whether x lies inside a circle
    (‖x‖² < 1.4, about half the points); a `label_noise` fraction of the training labels
    is flipped."""
    rng = nets.stream(seed, 0)
    x = rng.standard_normal((n_train + VALIDATION, FEATURES))
    y = ((x * x).sum(axis=1) < RADIUS2).astype(int)
    flip = rng.random(n_train) < label_noise
    y_train = np.where(flip, 1 - y[:n_train], y[:n_train])
    return x[:n_train], y_train, x[n_train:], y[n_train:]


def masks_for(rng: np.random.Generator, shape: tuple[int, int], keep: float) -> np.ndarray:
    """An inverted-dropout mask: 1/keep with probability keep, else 0."""
    return (rng.random(shape) < keep) / keep


def run(*, keep: float = 0.5, width: int = 128, train: int = 60, epochs: int = 500, label_noise: float = 0.2,
        masks: int = 100, seed: int = 0) -> DropoutTrace:
    """Train both networks and compare the mask ensemble; see the module docstring."""
    params: dict[str, Value] = dict(keep=keep, width=width, train=train, epochs=epochs, label_noise=label_noise, masks=masks, seed=seed)
    x, y, xv, yv = make_data(seed, train, label_noise)
    t, tv = nets.one_hot(y, 2), nets.one_hot(yv, 2)
    start = nets.init_layers(nets.stream(seed, 1), (FEATURES, width, 2))
    every = max(1, epochs // POINTS)
    curves: dict[str, Curve] = {}
    finals: dict[str, list[nets.Layer]] = {}
    for name, p_keep in (("plain", 1.0), ("dropout", keep)):
        layers, opt = list(start), nets.Adam(start, LR)
        mask_rng = nets.stream(seed, 2)
        tr: list[float] = []
        va: list[float] = []
        ep: list[int] = []
        for e in range(epochs + 1):
            checkpoint()
            if e % every == 0 or e == epochs:
                ep.append(e)
                tr.append(_loss(layers, x, t))
                va.append(_loss(layers, xv, tv))
            if e == epochs:
                break
            mask = [masks_for(mask_rng, (train, width), p_keep)] if p_keep < 1 else None
            _, grads = nets.loss_and_grads(layers, x, t, "relu", masks=mask)
            layers = opt.step(layers, grads)
        curves[name] = (tuple(ep), tuple(tr), tuple(va))
        finals[name] = layers
    acc = {name: (nets.accuracy(nets.predict(l, x, "relu"), y), nets.accuracy(nets.predict(l, xv, "relu"), yv))
           for name, l in finals.items()}

    counts, ens_loss, ens_acc, scaled_loss, scaled_acc, gap = _ensemble(finals["dropout"], xv, yv, tv, keep, masks, seed)
    notes = _notes(params, curves, acc, ens_loss[-1], scaled_loss, ens_acc, scaled_acc, gap)
    return DropoutTrace(
        frozen_params(params), curves["plain"][0], curves["plain"][1], curves["plain"][2],
        curves["dropout"][1], curves["dropout"][2], acc["plain"][0], acc["plain"][1],
        acc["dropout"][0], acc["dropout"][1], counts, ens_loss, scaled_loss, ens_acc, scaled_acc, gap, notes,
    )


def _loss(layers: Sequence[nets.Layer], x: np.ndarray, t: np.ndarray) -> float:
    logits, _ = nets.forward(layers, x, "relu")
    return nets.softmax_xent(logits, t)[0]


def _ensemble(layers: Sequence[nets.Layer], xv: np.ndarray, yv: np.ndarray, tv: np.ndarray, keep: float,
              masks: int, seed: int) -> tuple[tuple[int, ...], tuple[float, ...], float, float, float, float]:
    """Running average of softmax outputs over random masks vs the weight-scaled network."""
    (w1, b1), (w2, b2) = layers
    hidden = np.maximum(xv @ w1.T + b1, 0)
    scaled = nets.softmax(hidden @ w2.T + b2)
    rng = nets.stream(seed, 3)
    total = np.zeros_like(scaled)
    counts: list[int] = []
    losses: list[float] = []
    marks = sorted({round(v) for v in np.geomspace(1, masks, min(masks, 30))} | {masks})
    for i in range(1, masks + 1):
        if i % 16 == 0:
            checkpoint()
        mask = masks_for(rng, (hidden.shape[0], hidden.shape[1]), keep) if keep < 1 else 1.0
        total += nets.softmax((hidden * mask) @ w2.T + b2)
        if i in marks:
            counts.append(i)
            losses.append(_xent(total / i, tv))
    avg = total / masks
    gap = float(np.abs(avg - scaled).sum(axis=1).mean() / 2)  # mean total-variation distance
    return (tuple(counts), tuple(losses), nets.accuracy(avg, yv), _xent(scaled, tv),
            nets.accuracy(scaled, yv), gap)


def _xent(probs: np.ndarray, targets: np.ndarray) -> float:
    return float(-(targets * np.log(np.clip(probs, 1e-12, 1))).sum(axis=1).mean())


def _verdict(lower_loss: bool, acc_dropout: float, acc_plain: float) -> str:
    """Whether dropout helped, judged on validation loss and accuracy together."""
    if lower_loss and acc_dropout >= acc_plain:
        return "helps"
    if not lower_loss and acc_dropout <= acc_plain:
        return "does not help here"
    if lower_loss:
        return "lowers the validation loss but not the accuracy"
    return "raises the validation accuracy but not the loss"


Curve = tuple[tuple[int, ...], tuple[float, ...], tuple[float, ...]]


def _notes(p: Mapping[str, Value], curves: dict[str, Curve], acc: dict[str, tuple[float, float]], ens_loss: float,
           scaled_loss: float, ens_acc: float, scaled_acc: float, gap: float) -> tuple[str, ...]:
    (_, tr_p, va_p), (_, tr_d, va_d) = curves["plain"], curves["dropout"]
    best_p = min(range(len(va_p)), key=va_p.__getitem__)
    epochs_p = curves["plain"][0]
    notes = []
    if va_p[-1] > va_p[best_p] * 1.05 and tr_p[-1] < tr_p[best_p]:
        notes.append(f"Without dropout the net overfits: train loss falls to {fmt(tr_p[-1])} while validation loss "
                     f"bottoms out at epoch {epochs_p[best_p]} ({fmt(va_p[best_p])}) and climbs to {fmt(va_p[-1])}.")
    else:
        notes.append(f"Without dropout: train loss {fmt(tr_p[-1])}, validation loss {fmt(va_p[-1])} "
                     f"(train accuracy {acc['plain'][0]:.0%}, validation {acc['plain'][1]:.0%}).")
    explain = ("Each step trains a random sub-network, so no unit can rely on a particular other unit "
               "(no co-adaptation): like training an ensemble that shares weights.")
    if float(p["keep"]) < 1:
        notes.append(f"With dropout (keep {p['keep']:g}) train loss stays at {fmt(tr_d[-1])} and validation loss ends at "
                     f"{fmt(va_d[-1])} (against {fmt(va_p[-1])}): dropout {_verdict(va_d[-1] < va_p[-1], acc['dropout'][1], acc['plain'][1])} "
                     f"(validation accuracy {acc['dropout'][1]:.0%} vs {acc['plain'][1]:.0%}).")
        notes.append(explain)
        notes.append(f"At test time one weight-scaled pass (val loss {fmt(scaled_loss)}, accuracy {scaled_acc:.0%}) "
                     f"stands in for averaging {p['masks']} masked nets (val loss {fmt(ens_loss)}, accuracy {ens_acc:.0%}); "
                     f"their predictions differ by {fmt(gap)} on average.")
    else:
        notes.append("keep = 1 means no dropout: both runs are the same network. Lower keep to see the difference.")
        notes.append(explain)
    return tuple(notes)
