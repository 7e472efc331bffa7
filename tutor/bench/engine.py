"""`python -m tutor.bench engine`: medians for the answer engine against its targets.

Targets: a number check ≤ 1 ms, a formula check of 2b.dW ≤ 10 ms, and a second parse of
the same input ~free (cached).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable


def _median_ms(func: Callable[[int], object], runs: int) -> float:
    samples: list[float] = []
    for i in range(runs):
        start = time.perf_counter()
        func(i)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _fields():
    """4a and 2b.dW from the shipped exam, with the exam's own numbers (variant 0)."""
    from tutor.engine.variants import render_part
    from tutor.model import load_exams

    exam = load_exams()[0]
    return render_part(exam.part("4a"), 0).field("loss"), render_part(exam.part("2b"), 0).field("dW")


def main(argv: list[str] | None = None) -> int:
    """Print the medians; exit 1 when a target is missed."""
    runs = 200
    start = time.perf_counter()
    number, formula = _fields()
    from tutor.engine import check
    from tutor.engine.grammar import parse

    check(number, "-ln(0.3)")
    check(formula, formula.answer)
    cold = (time.perf_counter() - start) * 1000

    rows: list[tuple[str, float, float | None]] = []
    rows.append(("number check 4a, same input", _median_ms(lambda i: check(number, "-ln(0.3)"), runs), 1.0))
    rows.append(("number check 4a, new input each time", _median_ms(lambda i: check(number, f"-ln(0.3) + 0*{i}"), runs), 1.0))
    rows.append(("number check 4a, a mistake", _median_ms(lambda i: check(number, f"-log10(0.3) + 0*{i}"), runs), 1.0))
    right = "((f - y) * where(g > 0, 1, alpha)) @ x.T"
    wrong = "x @ ((f - y) * where(g > 0, 1, alpha)).T"
    rows.append(("formula check 2b.dW, right, new input", _median_ms(lambda i: check(formula, f"{right} + 0*{i}"), runs), 10.0))
    rows.append(("formula check 2b.dW, a mistake, new input", _median_ms(lambda i: check(formula, f"{wrong} + 0*{i}"), runs), 10.0))
    rows.append(("formula check 2b.dW, unanticipated wrong", _median_ms(lambda i: check(formula, f"2*{right} + 0*{i}"), runs), 10.0))
    first = _median_ms(lambda i: parse(f"outer((f - y) * where(g > 0, 1, alpha), x) + {i}"), runs)
    again = _median_ms(lambda i: parse("outer((f - y) * where(g > 0, 1, alpha), x) + 1"), runs)
    rows.append(("parse, first time", first, None))
    rows.append(("parse, second time (cached)", again, None))

    print(f"engine  load exam + first checks, cold (numpy, lark) {cold:8.2f} ms")
    failed = False
    for name, value, target in rows:
        mark = ""
        if target is not None:
            ok = value <= target
            failed |= not ok
            mark = f"   target ≤ {target:g} ms  {'ok' if ok else 'MISSED'}"
        print(f"engine  {name:<44} {value:8.3f} ms{mark}")
    ratio = again / first if first else 0
    print(f"engine  second parse / first parse                   {ratio:8.3f}x  (cache)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
