"""Cross-entropy vs accuracy: the loss only looks at the true class's probability.

Two fixed predictions for a bacteria image (true class 3 of 4): the right one
ŷ = (0.25, 0.25, 0.3, 0.2) (argmax = bacteria) has loss −ln 0.3 = 1.2040; the wrong one
ŷ = (0, 0, 0.4, 0.6) (argmax = fungus) has the *lower* loss −ln 0.4 = 0.9163.
The trace adds your own prediction (p_true, with the rest on one wrong class or spread
evenly), the loss −ln p as p_true sweeps (0, 1], and the range of p_true in which the argmax
can be right or wrong for the same loss. Accuracy is a step function of p_true: its gradient
is 0 almost everywhere, which is why training on accuracy fails.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, table_from_columns

CLASSES = ("coronavirus", "RSV", "bacteria", "fungus")
TRUE_CLASS = 2
RIGHT_PREDICTION = (0.25, 0.25, 0.3, 0.2)
WRONG_PREDICTION = (0.0, 0.0, 0.4, 0.6)
POINTS = 200


@dataclass(frozen=True)
class Case:
    """One prediction: its probabilities, the loss −ln ŷ_true and whether the argmax is right."""

    label: str
    probs: tuple[float, ...]
    true_index: int
    loss: float
    argmax: int
    correct: bool


@dataclass(frozen=True)
class CrossEntropyTrace:
    """The two fixed cases, your own case, and loss/accuracy as p_true sweeps."""

    demo: ClassVar[str] = "cross-entropy"
    params: Mapping[str, Value]
    right_loss: float
    wrong_loss: float
    cases: tuple[Case, ...]
    p_true: tuple[float, ...]
    loss: tuple[float, ...]
    accuracy_one: tuple[float, ...]
    accuracy_even: tuple[float, ...]
    ambiguous_from: float
    ambiguous_to: float
    grad_logits_right: tuple[float, ...]
    notes: tuple[str, ...]

    def headline(self) -> str:
        """The two fixed cases' losses."""
        return f"right: −ln 0.3 = {self.right_loss:.4f}   wrong: −ln 0.4 = {self.wrong_loss:.4f}"

    def plots(self) -> tuple[Plot, ...]:
        """Loss and accuracy against p_true."""
        x = self.p_true
        a, b, mine = self.cases
        marks = tuple(Series(c.label, (c.probs[c.true_index],), (c.loss,), points=True) for c in (a, b, mine)
                      if c.loss != float("inf"))
        return (
            Plot("Cross-entropy −ln p_true", "p_true", "loss", (Series("loss", x, self.loss), *marks)),
            Plot("Accuracy vs p_true (a step: zero gradient)", "p_true", "correct?",
                 (Series("rest on one class", x, self.accuracy_one), Series("rest spread evenly", x, self.accuracy_even))),
        )

    def table(self) -> Table:
        """The cases: prediction, true-class probability, loss, argmax right?"""
        rows = [(c.label, ", ".join(f"{p:.3g}" for p in c.probs), c.probs[c.true_index], c.loss,
                 "right" if c.correct else "wrong") for c in self.cases]
        return table_from_columns(("case", "ŷ", "ŷ_true", "loss", "argmax"), *zip(*rows), digits=5)


def cross_entropy(probs: Sequence[float], true_index: int) -> float:
    """−Σ yᵢ ln ŷᵢ for a one-hot y: −ln ŷ_true (∞ when ŷ_true = 0)."""
    p = float(probs[true_index])
    return -math.log(p) if p > 0 else math.inf


def softmax_xent_grad(logits: np.ndarray, true_index: int) -> tuple[float, np.ndarray]:
    """Cross-entropy of softmax(logits) with a one-hot target, and ∂L/∂logits = ŷ − y."""
    shifted = logits - logits.max()
    log_probs = shifted - np.log(np.exp(shifted).sum())
    y = np.zeros_like(logits)
    y[true_index] = 1
    return float(-log_probs[true_index]), np.exp(log_probs) - y


def make_case(label: str, probs: Sequence[float], true_index: int) -> Case:
    """A Case from a probability vector (ties in the argmax count as wrong)."""
    probs = tuple(float(p) for p in probs)
    best = max(range(len(probs)), key=probs.__getitem__)
    tie = sum(1 for p in probs if p == probs[best]) > 1
    return Case(label, probs, true_index, cross_entropy(probs, true_index), best, best == true_index and not tie)


def own_prediction(p_true: float, classes: int, rest: str) -> tuple[float, ...]:
    """Your prediction: p_true on the true class (index 0), the rest on class 1 or spread evenly."""
    others = [0.0] * (classes - 1)
    if rest == "one":
        others[0] = 1 - p_true
    else:
        others = [(1 - p_true) / (classes - 1)] * (classes - 1)
    return (p_true, *others)


def run(*, p_true: float = 0.35, classes: int = 4, rest: str = "one") -> CrossEntropyTrace:
    """Compute the cases and the sweep; see the module docstring."""
    params: dict[str, Value] = dict(p_true=p_true, classes=classes, rest=rest)
    case_a = make_case("right", RIGHT_PREDICTION, TRUE_CLASS)
    case_b = make_case("wrong", WRONG_PREDICTION, TRUE_CLASS)
    mine = make_case("yours", own_prediction(p_true, classes, rest), 0)
    sweep = np.linspace(0.005, 1.0, POINTS)
    loss = -np.log(sweep)
    # Right iff p_true beats the largest wrong probability: 1−p (one class) or (1−p)/(k−1) (even).
    acc_one = (sweep > 1 - sweep).astype(float)
    acc_even = (sweep > (1 - sweep) / (classes - 1)).astype(float)
    lo, hi = 1 / classes, 0.5
    logits = np.log(np.array(RIGHT_PREDICTION))
    _, grad = softmax_xent_grad(logits, TRUE_CLASS)
    notes = _notes(params, case_a, case_b, mine, lo, hi)
    return CrossEntropyTrace(frozen_params(params), case_a.loss, case_b.loss, (case_a, case_b, mine),
                             tuple(sweep.tolist()), tuple(loss.tolist()), tuple(acc_one.tolist()),
                             tuple(acc_even.tolist()), lo, hi, tuple(grad.tolist()), notes)


def _notes(p: Mapping[str, Value], a: Case, b: Case, mine: Case, lo: float, hi: float) -> tuple[str, ...]:
    k = int(p["classes"])
    verdict = "right" if mine.correct else "wrong"
    return (
        f"Right prediction: ŷ_bacteria = 0.3, loss −ln 0.3 = {a.loss:.4f}, and the argmax (bacteria) is right.",
        f"Wrong prediction: ŷ_bacteria = 0.4, loss −ln 0.4 = {b.loss:.4f} — lower, although the argmax (fungus, 0.6) is wrong: "
        "the loss only sees the true class's probability.",
        f"Your prediction: p_true = {p['p_true']:g} with the rest on {'one wrong class' if p['rest'] == 'one' else 'all wrong classes evenly'}: "
        f"loss {mine.loss:.4f}, argmax {verdict}.",
        (f"With {k} classes, any p_true between 1/k = {lo:.3g} and 1/2 can be right or wrong depending on where the rest "
         "goes, for the same loss: the loss and the argmax can disagree." if k > 2 else
         "With 2 classes the argmax is right exactly when p_true > 1/2; with more classes a band of p_true "
         "(1/k to 1/2) can be right or wrong for the same loss."),
        "Accuracy is a step in p_true: its gradient is 0 almost everywhere, so it cannot be trained on directly — "
        "cross-entropy is the smooth surrogate.",
    )
