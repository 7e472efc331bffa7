"""`python -m tutor.bench ui`: time until the home screen is interactive, against a bare app.

Each run is a fresh interpreter driven headless with `App.run_test()`; the clock stops once
the first screen is mounted and the app has gone idle (`pilot.pause()`). The bare app is a
Textual app with Header, Static and Footer. Two comparisons, runs interleaved, medians:

- gated:  both processes first load the shipped exam and open a study store (what the CLI does
          before any TUI starts); the clock then covers importing Textual and the UI, building
          the app and showing the home screen. Target: tutor ≤ 1.25 × bare (exit status 1 if not).
- end to end (reported): the clock starts at the first line of the process and the tutor's
          time also includes importing the core, loading the content and opening the store.

Wall-clock time is gated; CPU time is printed beside it because it is steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap

TARGET = 1.25

_CORE = """
from tutor.model import load_exams
from tutor.study import open_store
exams, store = load_exams(), open_store(DATA_DIR)
"""

_CLOCK = """
import time
t0, c0 = time.perf_counter(), time.process_time()
"""

_DONE = """print(f"{(time.perf_counter() - t0) * 1000:.2f} {(time.process_time() - c0) * 1000:.2f}")"""

_BARE = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("ECE C147/C247 Winter 2021 Midterm")
        yield Footer()

async def main():
    app = Bare()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        DONE

asyncio.run(main())
""".replace("DONE", _DONE)

_HOME = """
import asyncio
from tutor.ui.app import make_app

async def main():
    app = make_app(exams, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen", app.screen
        DONE

asyncio.run(main())
""".replace("DONE", _DONE)

SCRIPTS = {
    "bare": _CORE + _CLOCK + _BARE,          # core ready, then the clock
    "home": _CORE + _CLOCK + _HOME,
    "bare-cold": _CLOCK + _BARE,             # the clock from the first line
    "home-cold": _CLOCK + _CORE + _HOME,
}


def _run(code: str) -> tuple[float, float]:
    """(wall, cpu) milliseconds of one run."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, timeout=120, check=True)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def measure(runs: int = 10) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) milliseconds to an interactive first screen for each script."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in SCRIPTS}
    with tempfile.TemporaryDirectory() as data_dir:
        scripts = {name: code.replace("DATA_DIR", repr(data_dir)) for name, code in SCRIPTS.items()}
        for code in scripts.values():              # warm the OS file cache once
            _run(code)
        for _ in range(runs):
            for name, code in scripts.items():
                samples[name].append(_run(code))
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
            for name, values in samples.items()}


def main() -> int:
    """Print the medians and ratios; exit 1 if the gated ratio misses the target."""
    parser = argparse.ArgumentParser(prog="python -m tutor.bench ui",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each app (default 10)")
    args = parser.parse_args()
    runs = max(1, args.runs)
    t = measure(runs)
    (bare, bare_cpu), (home, home_cpu) = t["bare"], t["home"]
    ratio = home / bare
    print(f"ui  bare Textual app (Header, Static, Footer)  {bare:7.1f} ms  (cpu {bare_cpu:6.1f} ms)"
          f"  median of {runs}")
    print(f"ui  tutor home screen                          {home:7.1f} ms  (cpu {home_cpu:6.1f} ms)"
          f"  median of {runs}")
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(f"ui  ratio {ratio:.2f}x (cpu {home_cpu / bare_cpu:.2f}x)   target <= {TARGET:.2f}x   {verdict}")
    cold = t["home-cold"][0] / t["bare-cold"][0]
    print(f"ui  end to end, also importing the core, loading the exam and opening the store: "
          f"bare {t['bare-cold'][0]:.1f} ms, tutor {t['home-cold'][0]:.1f} ms, ratio {cold:.2f}x")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
