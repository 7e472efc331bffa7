"""Label smoothing: soft targets ε/(k−1) and 1−ε give the logits a finite optimum.

Predictions are swept along one family: the true class's logit is Δ above the k−1 others
(all 0), so p_true = e^Δ/(e^Δ + k − 1). For each gap the trace holds the cross-entropy with
hard targets and with smoothed targets. The smoothed loss is minimised at
Δ* = ln((1−ε)(k−1)/ε), where p_true = 1−ε; the hard loss only keeps falling as Δ → ∞.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos import nets
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, table_from_columns

POINTS = 201


@dataclass(frozen=True)
class SmoothingTrace:
    """Hard and smoothed cross-entropy along the logit gap, and the key predictions."""

    demo: ClassVar[str] = "label-smoothing"
    params: Mapping[str, Value]
    target_true: float
    target_other: float
    gap: tuple[float, ...]
    p_true: tuple[float, ...]
    loss_hard: tuple[float, ...]
    loss_smooth: tuple[float, ...]
    optimal_gap: float
    optimal_p_true: float
    confident_gap: float
    loss_confident_smooth: float
    loss_calibrated_smooth: float
    loss_confident_hard: float
    loss_calibrated_hard: float
    grad_true_logit_confident: float
    notes: tuple[str, ...]

    def headline(self) -> str:
        """The optimal logit gap."""
        return f"best logit gap ln((1−ε)(k−1)/ε) = {fmt(self.optimal_gap, 4)} (p_true = {fmt(self.optimal_p_true, 4)})"

    def plots(self) -> tuple[Plot, ...]:
        """Both losses against the logit gap."""
        x = self.gap
        return (Plot("Cross-entropy vs logit gap Δ", "Δ = z_true − z_other", "loss",
                     (Series("hard targets", x, self.loss_hard), Series("smoothed targets", x, self.loss_smooth))),)

    def table(self) -> Table:
        """The calibrated and the confident prediction under both targets."""
        rows = (
            ("calibrated (Δ*)", self.optimal_gap, self.optimal_p_true, self.loss_hard_at(self.optimal_gap), self.loss_calibrated_smooth),
            ("confident", self.confident_gap, float(self.params["confident"]), self.loss_confident_hard, self.loss_confident_smooth),
        )
        return table_from_columns(("prediction", "gap Δ", "p_true", "hard CE", "smoothed CE"),
                                  *zip(*rows), digits=4)

    def loss_hard_at(self, gap: float) -> float:
        """Hard-target cross-entropy −ln p_true at logit gap `gap`."""
        k = int(self.params["classes"])
        return -_log_p_true(gap, k)


def _log_p_true(gap: float, k: int) -> float:
    # ln(e^Δ/(e^Δ + k − 1)) = −ln(1 + (k−1)e^{−Δ}), stable for large Δ
    return -math.log1p((k - 1) * math.exp(-gap))


def smoothed_targets(k: int, epsilon: float, true_class: int = 0) -> np.ndarray:
    """The smoothed target vector: 1−ε at the true class, ε/(k−1) elsewhere."""
    y = np.full(k, epsilon / (k - 1))
    y[true_class] = 1 - epsilon
    return y


def smoothed_loss_and_grad(logits: np.ndarray, k: int, epsilon: float, true_class: int = 0) -> tuple[float, np.ndarray]:
    """Cross-entropy of softmax(logits) against smoothed targets, and ∂L/∂logits = p − y."""
    y = smoothed_targets(k, epsilon, true_class)[None, :]
    loss, grad = nets.softmax_xent(logits[None, :], y)
    return loss, grad[0]


def run(*, classes: int = 4, epsilon: float = 0.1, confident: float = 0.999) -> SmoothingTrace:
    """Sweep the logit gap; see the module docstring."""
    k, eps = classes, epsilon
    params: dict[str, Value] = dict(classes=classes, epsilon=epsilon, confident=confident)
    t_true, t_other = 1 - eps, eps / (k - 1)
    best = math.log((1 - eps) * (k - 1) / eps)
    conf_gap = math.log(confident * (k - 1) / (1 - confident))
    top = max(2 * best, conf_gap + 1, 5.0)
    gaps = np.linspace(min(0.0, best - 1), top, POINTS)
    log_pt = -np.log1p((k - 1) * np.exp(-gaps))
    log_po = log_pt - gaps
    hard = -log_pt
    smooth = -(t_true * log_pt + eps * log_po)

    def _smoothed(gap: float) -> float:
        lp = _log_p_true(gap, k)
        return -(t_true * lp + eps * (lp - gap))

    logits = np.zeros(k)
    logits[0] = conf_gap
    _, grad = smoothed_loss_and_grad(logits, k, eps)
    values = dict(
        optimal_gap=best, optimal_p_true=math.exp(_log_p_true(best, k)), confident_gap=conf_gap,
        loss_confident_smooth=_smoothed(conf_gap), loss_calibrated_smooth=_smoothed(best),
        loss_confident_hard=-_log_p_true(conf_gap, k), loss_calibrated_hard=-_log_p_true(best, k),
        grad_true_logit_confident=float(grad[0]),
    )
    notes = _notes(params, t_true, t_other, values)
    return SmoothingTrace(frozen_params(params), t_true, t_other, tuple(gaps.tolist()),
                          tuple(np.exp(log_pt).tolist()), tuple(hard.tolist()), tuple(smooth.tolist()),
                          notes=notes, **values)


def _notes(p: Mapping[str, Value], t_true: float, t_other: float, v: Mapping[str, float]) -> tuple[str, ...]:
    k = int(p["classes"])
    return (
        f"Targets: {t_true:.4g} for the true class and ε/(k−1) = {t_other:.4g} for each of the other {k - 1}.",
        f"The smoothed loss is lowest at the logit gap ln((1−ε)(k−1)/ε) = {v['optimal_gap']:.3f}, where "
        f"p_true = 1−ε = {v['optimal_p_true']:.3g}; with hard targets the loss keeps falling as the gap grows.",
        f"A confident prediction (p_true {p['confident']:g}, gap {v['confident_gap']:.2f}) costs "
        f"{v['loss_confident_smooth']:.3f} under smoothing against {v['loss_calibrated_smooth']:.3f} for the calibrated one; "
        f"with hard targets it would cost only {fmt(v['loss_confident_hard'])}.",
        f"Its gradient on the true logit is p − y = {v['grad_true_logit_confident']:+.3g} > 0: training pulls an "
        "over-confident logit back down.",
        "So smoothing keeps the logits finite: a regulariser against over-confidence and overfitting, and a "
        "hedge when some labels are wrong.",
    )
