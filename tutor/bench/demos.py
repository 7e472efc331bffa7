"""`python -m tutor.bench demos`: the median compute time of every demo.

Each demo runs once to warm up (numpy import, cached weights), then `--runs` times; the
median is printed. The target case, vanishing at depth 50, width 256, batch 256, must take
at most 50 ms; its first (cold) run is shown too. With `--ui`, the Demos screen is also
driven headless: the init of that case is changed again and again, and the median time from
the change to the redrawn screen is printed against its 100 ms target. Exit status 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable

TARGET_PARAMS = {"depth": 50, "width": 256, "batch": 256}
TARGET_MS = 50.0
UI_TARGET_MS = 100.0
BUDGET_S = 3.0  # per demo: fewer runs for slow demos


def _time(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def measure(name: str, params: dict, runs: int) -> dict:
    """Cold time, then the median and minimum of up to `runs` warm runs (within the budget)."""
    from tutor.demos import get_demo

    demo = get_demo(name)
    resolved = demo.resolve(params)
    func = demo.function()
    cold = _time(lambda: func(**resolved))
    samples: list[float] = []
    deadline = time.perf_counter() + BUDGET_S
    while len(samples) < runs and (len(samples) < 3 or time.perf_counter() < deadline):
        samples.append(_time(lambda: func(**resolved)))
    return {"demo": name, "params": params, "cold_ms": cold, "median_ms": statistics.median(samples),
            "min_ms": min(samples), "runs": len(samples)}


def measure_floor(runs: int) -> float:
    """Median ms of only the matrix products that vanishing at the target size cannot avoid
    (the baseline its time is compared with, in this same process)."""
    import numpy as np

    from tutor.demos import vanishing as van

    width, depth, batch = TARGET_PARAMS["width"], TARGET_PARAMS["depth"], TARGET_PARAMS["batch"]
    mats = [v * np.float32(1 / 16) for v in van.unit_weights(0, width, depth)]  # values stay O(1)
    x = van.batch_data(0, width, batch)[0]

    def products() -> None:
        acts = [x]
        for v in mats:
            acts.append(acts[-1] @ v)
        g = acts[-1]
        for layer in range(len(mats) - 1, -1, -1):
            g.T @ acts[layer]
            if layer:
                g = g @ mats[layer].T

    with np.errstate(all="ignore"):
        products()
        return statistics.median(_time(products) for _ in range(runs))


def measure_ui(changes: int) -> dict:
    """Median ms from changing `init` (a Select, as a learner would) to the redrawn screen."""
    import asyncio

    from tutor.model import load_exams
    from tutor.ui.app import make_app
    from tutor.ui.screens.demos import DemosScreen

    async def drive() -> list[float]:
        app = make_app(load_exams(), None, ("demo", "vanishing", dict(TARGET_PARAMS)))
        samples: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
                await app.workers.wait_for_complete()
            screen = app.screen
            assert isinstance(screen, DemosScreen)
            screen.query_one("#param-init").focus()
            await pilot.pause()
            for _ in range(changes + 1):
                screen.last_redraw_ms = None
                await pilot.press("plus")
                while screen.last_redraw_ms is None:
                    await asyncio.sleep(0.005)  # the value is taken inside the app; slow polling keeps out of its way
                samples.append(screen.last_redraw_ms)
        return samples[1:]  # the first change warms the caches of a new init

    samples = asyncio.run(drive())
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "runs": len(samples),
            "target_ms": UI_TARGET_MS}


def main() -> int:
    """Print each demo's median compute time; exit 1 when the vanishing target is missed."""
    parser = argparse.ArgumentParser(prog="python -m tutor.bench demos", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per demo (default 21)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--ui", action="store_true", help="also time change -> redraw in the Demos screen")
    args = parser.parse_args()
    from tutor.demos import list_demos

    rows = [measure(d.name, {}, args.runs) for d in list_demos()]
    target = measure("vanishing", TARGET_PARAMS, args.runs)
    target["target_ms"] = TARGET_MS
    target["floor_ms"] = measure_floor(args.runs)
    ok = target["median_ms"] <= TARGET_MS
    ui = measure_ui(args.runs) if args.ui else None
    ui_ok = ui is None or ui["median_ms"] <= UI_TARGET_MS
    if args.json:
        print(json.dumps({"defaults": rows, "target": target, "ok": ok, "ui": ui, "ui_ok": ui_ok}, indent=2))
    else:
        print(f"{'demo (default parameters)':<30} {'median':>9} {'min':>9} {'cold':>9} {'runs':>5}")
        for r in rows:
            print(f"{r['demo']:<30} {r['median_ms']:>7.1f}ms {r['min_ms']:>7.1f}ms {r['cold_ms']:>7.1f}ms {r['runs']:>5}")
        label = "vanishing " + "×".join(str(v) for v in TARGET_PARAMS.values())
        verdict = "ok" if ok else "MISSED"
        print(f"\n{label:<30} {target['median_ms']:>7.1f}ms {target['min_ms']:>7.1f}ms {target['cold_ms']:>7.1f}ms "
              f"{target['runs']:>5}   target ≤ {TARGET_MS:g} ms: {verdict}")
        print(f"{'  its matrix products alone':<30} {target['floor_ms']:>7.1f}ms {'':>9} {'':>9} {'':>5}"
              f"   ratio {target['median_ms'] / target['floor_ms']:.2f}x (baseline, same process)")
        if ui is not None:
            print(f"{'  screen: change -> redrawn':<30} {ui['median_ms']:>7.1f}ms {ui['min_ms']:>7.1f}ms {'':>9} "
                  f"{ui['runs']:>5}   target ≤ {UI_TARGET_MS:g} ms: {'ok' if ui_ok else 'MISSED'}")
    return 0 if ok and ui_ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
