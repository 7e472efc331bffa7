"""Adam's bias correction: the factors 1/(1−βᵗ) and what they do to the moving averages.

Adam keeps m_t = β₁m_{t−1} + (1−β₁)g_t and v_t = β₂v_{t−1} + (1−β₂)g_t², both started at 0,
so early on they are biased toward 0; dividing by 1−βᵗ undoes that. The trace holds the two
factors on a log grid of t (1 … 10000, including every power of ten) and, on a seeded noisy
gradient stream g_t = mean + noise·ξ_t, the biased and corrected averages and the resulting
Adam step m/√v with and without the correction.
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

EPS = 1e-8


@dataclass(frozen=True)
class AdamTrace:
    """Correction factors over t, and biased/corrected moments on a gradient stream."""

    demo: ClassVar[str] = "adam"
    params: Mapping[str, Value]
    t: tuple[int, ...]
    factor_beta1: tuple[float, ...]
    factor_beta2: tuple[float, ...]
    within_1pct_beta1: int
    within_1pct_beta2: int
    stream_t: tuple[int, ...]
    gradient: tuple[float, ...]
    m_biased: tuple[float, ...]
    m_corrected: tuple[float, ...]
    v_biased: tuple[float, ...]
    v_corrected: tuple[float, ...]
    step_uncorrected: tuple[float, ...]
    step_corrected: tuple[float, ...]
    notes: tuple[str, ...]

    def headline(self) -> str:
        """The factors at t = 1."""
        return f"at t=1: 1/(1−β₁) = {fmt(self.factor_beta1[0])}, 1/(1−β₂) = {fmt(self.factor_beta2[0])}"

    def plots(self) -> tuple[Plot, ...]:
        """The factors over t (log-log); the first moment biased vs corrected; the step."""
        t = tuple(float(v) for v in self.t)
        factors = Plot("Bias-correction factor 1/(1−βᵗ)", "t", "factor",
                       (Series("β₁", t, self.factor_beta1), Series("β₂", t, self.factor_beta2)), xlog=True, ylog=True)
        st = tuple(float(v) for v in self.stream_t)
        mean = float(self.params["mean"])
        moments = Plot("First moment on a noisy gradient stream", "t", "m",
                       (Series("biased m", st, self.m_biased), Series("corrected m", st, self.m_corrected),
                        Series("true mean", st, tuple(mean for _ in st))))
        steps = Plot("Adam step m/√v", "t", "step",
                     (Series("uncorrected", st, self.step_uncorrected), Series("corrected", st, self.step_corrected)))
        return factors, moments, steps

    def table(self) -> Table:
        """t, βᵗ and the factor for β₁ and β₂ at each power of ten (and t = 2, 5 …)."""
        b1, b2 = float(self.params["beta1"]), float(self.params["beta2"])
        keep = [i for i, v in enumerate(self.t) if v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)]
        return table_from_columns(
            ("t", "β₁ᵗ", "1/(1−β₁ᵗ)", "β₂ᵗ", "1/(1−β₂ᵗ)"),
            [self.t[i] for i in keep], [b1 ** self.t[i] for i in keep], [self.factor_beta1[i] for i in keep],
            [b2 ** self.t[i] for i in keep], [self.factor_beta2[i] for i in keep], digits=4,
        )


def t_grid() -> tuple[int, ...]:
    """1 … 10000 on a log grid of 15 points per decade (so 1, 10, 100, 1000, 10000 are in it)."""
    return tuple(int(v) for v in np.unique(np.round(np.geomspace(1, 10000, 61))))


def correction(beta: float, t: int) -> float:
    """The bias-correction factor 1/(1−βᵗ)."""
    return 1.0 / (1.0 - beta ** t)


def within_one_percent(beta: float) -> int:
    """The first t at which 1/(1−βᵗ) ≤ 1.01."""
    if beta <= 0:
        return 1
    t = max(1, math.ceil(math.log(1 - 1 / 1.01) / math.log(beta)))
    while correction(beta, t) > 1.01:  # guard the rounding of the logs
        t += 1
    while t > 1 and correction(beta, t - 1) <= 1.01:
        t -= 1
    return t


def run(*, beta1: float = 0.9, beta2: float = 0.999, steps: int = 200, mean: float = 1.0,
        noise: float = 0.5, seed: int = 0) -> AdamTrace:
    """Compute the factors and run the moment estimates; see the module docstring."""
    params: dict[str, Value] = dict(beta1=beta1, beta2=beta2, steps=steps, mean=mean, noise=noise, seed=seed)
    grid = t_grid()
    f1 = tuple(correction(beta1, t) for t in grid)
    f2 = tuple(correction(beta2, t) for t in grid)
    g = (mean + noise * nets.stream(seed, 0).standard_normal(steps)).tolist()
    m = v = 0.0
    mb: list[float] = []
    mc: list[float] = []
    vb: list[float] = []
    vc: list[float] = []
    su: list[float] = []
    sc: list[float] = []
    for t, gt in enumerate(g, start=1):
        m = beta1 * m + (1 - beta1) * gt
        v = beta2 * v + (1 - beta2) * gt * gt
        m_hat, v_hat = m * correction(beta1, t), v * correction(beta2, t)
        mb.append(m)
        mc.append(m_hat)
        vb.append(v)
        vc.append(v_hat)
        su.append(m / (math.sqrt(v) + EPS))
        sc.append(m_hat / (math.sqrt(v_hat) + EPS))
    t1, t2 = within_one_percent(beta1), within_one_percent(beta2)
    notes = _notes(params, f1[0], f2[0], t1, t2, mb, su, sc)
    return AdamTrace(frozen_params(params), grid, f1, f2, t1, t2, tuple(range(1, steps + 1)), tuple(g),
                     tuple(mb), tuple(mc), tuple(vb), tuple(vc), tuple(su), tuple(sc), notes)


def _notes(p: Mapping[str, Value], f1: float, f2: float, t1: int, t2: int, mb: list[float], su: list[float], sc: list[float]) -> tuple[str, ...]:
    b1, b2, mean = float(p["beta1"]), float(p["beta2"]), float(p["mean"])
    notes = [
        f"At t = 1 the factors are 1/(1−β₁) = {fmt(f1, 4)} and 1/(1−β₂) = {fmt(f2, 4)}: m₁ = (1−β₁)g₁ is only "
        f"{1 - b1:.0%} of the first gradient, so it is scaled back up.",
        f"As t grows, βᵗ → 0 (0 < β < 1), so 1/(1−βᵗ) → 1 and the correction disappears: within 1% of 1 from "
        f"t = {t1} for β₁ = {b1:g} and t = {t2} for β₂ = {b2:g}.",
    ]
    if mean != 0 and b1 > 0:
        reach = next((i + 1 for i, m in enumerate(mb) if abs(m - mean) <= 0.1 * abs(mean)), None)
        where = f"only reaches 90% of the mean {mean:g} at t = {reach}" if reach else f"has not reached the mean {mean:g} after {len(mb)} steps"
        notes.append(f"The biased m starts at 0 and {where}; the corrected m̂ is on target from t = 1.")
    if su and sc[0] != 0:
        notes.append(f"Without correction the first Adam step m/√v would be ×{su[0] / sc[0]:.3g} the corrected one "
                     f"((1−β₁)/√(1−β₂) = {(1 - b1) / math.sqrt(1 - b2):.3g}).")
    return tuple(notes)
