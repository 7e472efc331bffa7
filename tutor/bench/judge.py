"""`python -m tutor.bench judge`: how long the rubric takes to judge a written answer.

Target: one judgement ≤ 20 ms warm (median over the exam's written fields, a new answer each
time so no cache helps). Also shown: the cold first judgement (loading the stemmer and the
fuzzy matcher) and, as a baseline measured in the same process, the median of a choice check.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.model.types import Field

TARGET_MS = 20.0
ANSWERS = (
    ("SGD uses one example or a small random minibatch per step, whereas GD uses the entire training set, "
     "so GD's gradient is exact and more accurate but each step is much more expensive."),
    "Dropout randomly zeroes units so they cannot co-adapt, and it trains an ensemble of subnetworks.",
    "As t → ∞, β₁ᵗ → 0, so 1/(1 − β₁ᵗ) → 1 and ṽ ≈ v: the correction does nothing.",
    "Pick λ by the lowest training loss on a grid of values.",
)


def _median_ms(func: Callable[[int], object], runs: int) -> float:
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        func(i)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    """Print cold and warm medians; exit 1 when the warm target is missed."""
    from tutor.model import load_exams

    exam = load_exams()[0]
    fields = [f for p in exam.parts for f in p.fields if f.kind == "text"]
    choice = next(f for p in exam.parts for f in p.fields if f.kind == "choice")
    from tutor.engine import check
    from tutor.engine.judge import judge

    start = time.perf_counter()
    judge(fields[0], ANSWERS[0])
    cold = (time.perf_counter() - start) * 1000
    for f in fields:  # each field's rubric is read once
        judge(f, ANSWERS[0])
    runs = 300

    def one(i: int) -> None:
        field = fields[i % len(fields)]
        check(field, f"{ANSWERS[i % len(ANSWERS)]} (try {i})")

    warm = _median_ms(one, runs)
    def on(field: Field) -> Callable[[int], object]:
        return lambda i: check(field, f"{ANSWERS[i % len(ANSWERS)]} ({i})")

    worst = max(_median_ms(on(f), 40) for f in fields)
    base = _median_ms(lambda i: check(choice, str(choice.options[i % len(choice.options)])), runs)
    ok = warm <= TARGET_MS and worst <= TARGET_MS
    print(f"judge   first judgement, cold (stemmer, fuzzy matcher)   {cold:8.2f} ms")
    print(f"judge   one written answer, warm (median, all fields)     {warm:8.3f} ms   "
          f"target ≤ {TARGET_MS:g} ms  {'ok' if warm <= TARGET_MS else 'MISSED'}")
    print(f"judge   slowest field, warm (median)                      {worst:8.3f} ms   "
          f"target ≤ {TARGET_MS:g} ms  {'ok' if worst <= TARGET_MS else 'MISSED'}")
    print(f"judge   baseline: a choice check (median)                 {base:8.3f} ms")
    print(f"judge   written / choice                                  {warm / base if base else 0:8.1f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
