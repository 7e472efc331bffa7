"""`python -m tutor.bench ui`: time until the home screen is interactive, against a bare app.

Each run is a fresh interpreter driven headless with `App.run_test()`; the clock stops once
the first screen is mounted and the app has gone idle (`pilot.pause()`). The bare app is a
Textual app with Header, Static and Footer. Two comparisons, runs interleaved, medians:

- end to end (gated): the clock starts at the first line of each process. The tutor's time
  also covers importing the core, loading the shipped exam and opening a study store, as
  `tutor` does before its first screen. Target: tutor ≤ 1.15 × bare (exit status 1 if not).
- core loaded (reported): both processes first load the exam and open the store; the clock
  then covers importing Textual and the UI, building the app and showing the home screen.

The processes run as an installed program does: with cached bytecode (kept in a private
folder, filled by a warm-up run, so the source tree is not written to) and the exam cache
filled by that first run. `--source` measures without cached bytecode instead (every tutor
module compiled at each start, as with PYTHONDONTWRITEBYTECODE=1 in a source checkout).
Wall-clock time is gated; CPU time is printed beside it because it is steadier on a busy
machine.

Beside start-up, part-to-part navigation in practice (n and b through every part, from the
key to the new part drawn; see `tutor.bench.navigation`): median ≤ 100 ms of CPU (gated).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from tutor.bench import navigation

TARGET = 1.15

_CORE = """
from tutor.model import load_exams
from tutor.study import open_store
exams = load_exams()
store = open_store(DATA_DIR, exams=exams)
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
    "bare-cold": _CLOCK + _BARE,             # the clock from the first line
    "home-cold": _CLOCK + _CORE + _HOME,
    "bare": _CORE + _CLOCK + _BARE,          # core ready, then the clock
    "home": _CORE + _CLOCK + _HOME,
}


def _environment(scratch: Path, source: bool) -> dict[str, str]:
    """The child processes' environment: private bytecode and exam caches."""
    env = dict(os.environ)
    env["TUTOR_CACHE_DIR"] = str(scratch / "exam-cache")
    if not source:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")
    return env


def _run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) milliseconds of one run."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, timeout=120, check=True, env=env)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def measure(runs: int = 10, *, source: bool = False) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) milliseconds to an interactive first screen for each script, and
    ("navigation") to the next or previous part in practice."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in SCRIPTS}
    with tempfile.TemporaryDirectory() as scratch:
        env = _environment(Path(scratch), source)
        data_dir = repr(str(Path(scratch) / "data"))
        scripts = {name: code.replace("DATA_DIR", data_dir) for name, code in SCRIPTS.items()}
        for code in scripts.values():              # warm the file, bytecode and exam caches
            _run(code, env)
        for _ in range(runs):
            for name, code in scripts.items():
                samples[name].append(_run(code, env))
        wall, cpu, _steps = navigation.measure(env)
    medians = {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
               for name, values in samples.items()}
    medians["navigation"] = (wall, cpu)
    return medians


def _report(title: str, bare: tuple[float, float], home: tuple[float, float], runs: int,
            gated: bool) -> float:
    """Print one comparison; returns its wall-clock ratio."""
    ratio, cpu_ratio = home[0] / bare[0], home[1] / bare[1]
    verdict = ("ok" if ratio <= TARGET else "MISSED") if gated else \
        ("within" if ratio <= TARGET else "over") + " (reported)"
    print(f"ui  {title}")
    print(f"ui    bare Textual app (Header, Static, Footer)  {bare[0]:7.1f} ms  (cpu {bare[1]:6.1f} ms)"
          f"  median of {runs}")
    print(f"ui    tutor home screen                          {home[0]:7.1f} ms  (cpu {home[1]:6.1f} ms)"
          f"  median of {runs}")
    print(f"ui    ratio {ratio:.2f}x (cpu {cpu_ratio:.2f}x)   target <= {TARGET:.2f}x   {verdict}")
    return ratio


def main() -> int:
    """Print the medians and ratios; exit 1 if the end-to-end ratio misses the target."""
    parser = argparse.ArgumentParser(prog="python -m tutor.bench ui",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each app (default 10)")
    parser.add_argument("--source", action="store_true",
                        help="no cached bytecode: compile every module at each start")
    args = parser.parse_args()
    runs = max(1, args.runs)
    t = measure(runs, source=args.source)
    cold = _report("end to end: the clock from process start; the tutor also imports the core, "
                   "loads the exam and opens the store", t["bare-cold"], t["home-cold"], runs, True)
    _report("core loaded: the clock after both have loaded the exam and opened the store",
            t["bare"], t["home"], runs, False)
    moving = navigation.report(*t["navigation"])
    return 0 if cold <= TARGET and moving else 1


if __name__ == "__main__":
    raise SystemExit(main())
