"""Symmetry: a constant init keeps every unit of a layer identical, whatever you train.

The same small MLP (softmax output) is trained with the same mini-batches twice: once from
a constant init (every weight c/√n_in, biases 0) and once from a Xavier random init. After
each step the trace records each run's *spread*: the largest difference, across the units
of a hidden layer, of any incoming weight, bias or outgoing weight. Units with spread 0 are
the same unit. The arithmetic is done so that identical units give bit-identical results
(`nets.forward(..., exact=True)`), so the constant run's spread is exactly 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tutor.demos import nets
from tutor.demos.cancel import checkpoint
from tutor.demos.params import Value
from tutor.demos.registry import frozen_params
from tutor.demos.view import Plot, Series, Table, fmt, pick_rows, table_from_columns

BATCH = 16
N_EXAMPLES = 120
CLASSES = 3
INPUTS = 2


@dataclass(frozen=True)
class SymmetryTrace:
    """Spread across units and loss per step for the constant and the random init."""

    demo: ClassVar[str] = "symmetry"
    params: Mapping[str, Value]
    steps: tuple[int, ...]
    spread_constant: tuple[float, ...]
    spread_random: tuple[float, ...]
    loss_constant: tuple[float, ...]
    loss_random: tuple[float, ...]
    distinct_constant: tuple[int, ...]
    distinct_random: tuple[int, ...]
    accuracy_constant: float
    accuracy_random: float
    notes: tuple[str, ...]

    def headline(self) -> str:
        """The two spreads after the last step."""
        return f"spread after {self.steps[-1]} steps: constant {fmt(self.spread_constant[-1])}, random {fmt(self.spread_random[-1])}"

    def plots(self) -> tuple[Plot, ...]:
        """Spread across units over steps; loss over steps."""
        x = tuple(float(s) for s in self.steps)
        spread = Plot("Spread across the units of a layer", "step", "max |unit i − unit j|",
                      (Series("constant init", x, self.spread_constant), Series("random init", x, self.spread_random)))
        loss = Plot("Training loss", "step", "cross-entropy",
                    (Series("constant init", x, self.loss_constant), Series("random init", x, self.loss_random)))
        return spread, loss

    def table(self) -> Table:
        """Step, spread and loss of both runs, at up to 12 steps."""
        idx = pick_rows(len(self.steps))
        return table_from_columns(
            ("step", "spread (const)", "spread (random)", "loss (const)", "loss (random)"),
            [self.steps[i] for i in idx], [self.spread_constant[i] for i in idx],
            [self.spread_random[i] for i in idx], [self.loss_constant[i] for i in idx],
            [self.loss_random[i] for i in idx],
        )


def unit_spread(layers: list[nets.Layer]) -> float:
    """Largest difference between two units of any hidden layer, over their incoming
    weights, bias and outgoing weights (0 means every unit of each layer is the same)."""
    worst = 0.0
    for (w, b), (w_next, _) in itertools.pairwise(layers):
        signature = np.concatenate([w, b[:, None], w_next.T], axis=1)
        worst = max(worst, float(np.ptp(signature, axis=0).max()))
    return worst


def distinct_units(layers: list[nets.Layer]) -> tuple[int, ...]:
    """How many different units each hidden layer has (exact comparison)."""
    counts = []
    for (w, b), (w_next, _) in itertools.pairwise(layers):
        signature = np.concatenate([w, b[:, None], w_next.T], axis=1)
        counts.append(int(np.unique(signature, axis=0).shape[0]))
    return tuple(counts)


def run(*, constant: float = 1.0, width: int = 8, hidden: int = 2, activation: str = "tanh",
        steps: int = 200, lr: float = 0.5, seed: int = 0) -> SymmetryTrace:
    """Train from a constant and from a random init; see the module docstring."""
    params: dict[str, Value] = dict(constant=constant, width=width, hidden=hidden, activation=activation,
                  steps=steps, lr=lr, seed=seed)
    x, labels = nets.blobs(nets.stream(seed, 0), N_EXAMPLES, CLASSES, INPUTS, 0.8)
    targets = nets.one_hot(labels, CLASSES)
    sizes = (INPUTS,) + (width,) * hidden + (CLASSES,)
    runs = {
        "constant": nets.init_layers(nets.stream(seed, 1), sizes, constant=constant),
        "random": nets.init_layers(nets.stream(seed, 1), sizes),
    }
    order = nets.stream(seed, 2)
    batches = [order.choice(N_EXAMPLES, BATCH, replace=False) for _ in range(steps)]
    spread = {k: [unit_spread(v)] for k, v in runs.items()}
    loss = {k: [_loss(v, x, targets, activation)] for k, v in runs.items()}
    for idx in batches:
        checkpoint()
        for key, layers in runs.items():
            _, grads = nets.loss_and_grads(layers, x[idx], targets[idx], activation, exact=True)
            layers = runs[key] = nets.sgd_step(layers, grads, lr)
            spread[key].append(unit_spread(layers))
            loss[key].append(_loss(layers, x, targets, activation))
    acc = {k: nets.accuracy(nets.predict(v, x, activation), labels) for k, v in runs.items()}
    distinct = {k: distinct_units(v) for k, v in runs.items()}
    trace_steps = tuple(range(steps + 1))
    notes = _notes(params, spread, loss, acc, distinct)
    return SymmetryTrace(
        frozen_params(params), trace_steps, tuple(spread["constant"]), tuple(spread["random"]),
        tuple(loss["constant"]), tuple(loss["random"]), distinct["constant"], distinct["random"],
        acc["constant"], acc["random"], notes,
    )


def _loss(layers: list[nets.Layer], x: np.ndarray, targets: np.ndarray, activation: str) -> float:
    logits, _ = nets.forward(layers, x, activation)
    with np.errstate(over="ignore", invalid="ignore"):
        return nets.softmax_xent(logits, targets)[0]


def _notes(p: Mapping[str, Value], spread: dict[str, list[float]], loss: dict[str, list[float]],
           acc: dict[str, float], distinct: dict[str, tuple[int, ...]]) -> tuple[str, ...]:
    steps, width = int(p["steps"]), int(p["width"])
    const_spread = spread["constant"][-1]
    notes = []
    if const_spread == 0:
        notes.append(f"After {steps} SGD steps from a constant init, the {width} units of each hidden layer "
                     "are still identical: spread exactly 0.")
    else:  # pragma: no cover - the exact arithmetic keeps it at 0
        notes.append(f"After {steps} steps the constant-init spread is {fmt(const_spread)}.")
    rand = distinct["random"]
    notes.append(f"From a random init the units differ from the start (spread {fmt(spread['random'][0])} at step 0, "
                 f"{fmt(spread['random'][-1])} after {steps} steps; {min(rand)} of {width} units distinct).")
    notes.append("Identical units compute identical activations and get identical gradients, so no update "
                 "can separate them: each layer acts like a single unit.")
    notes.append(f"Final loss {fmt(loss['constant'][-1])} (constant) vs {fmt(loss['random'][-1])} (random); "
                 f"accuracy {acc['constant']:.0%} vs {acc['random']:.0%}.")
    if p["constant"] == 0 and p["activation"] in ("tanh", "relu"):
        notes.append("With c = 0 the hidden activations and their gradients are 0: the hidden layers never move.")
    return tuple(notes)
