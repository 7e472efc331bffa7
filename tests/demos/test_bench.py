"""`python -m tutor.bench demos` measures every demo (run here with few repetitions)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_bench_demos_reports_every_demo_and_the_target():
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "demos", "--runs", "3", "--json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode in (0, 1), out.stderr  # 1 only means the timing target was missed
    data = json.loads(out.stdout)
    assert [r["demo"] for r in data["defaults"]][:2] == ["vanishing", "symmetry"] and len(data["defaults"]) == 9
    assert all(r["median_ms"] > 0 and r["runs"] >= 3 for r in data["defaults"])
    assert data["target"]["params"] == {"depth": 50, "width": 256, "batch": 256}
    assert data["ok"] == (data["target"]["median_ms"] <= 50)


def test_bench_usage_lists_the_benchmarks():
    out = subprocess.run([sys.executable, "-m", "tutor.bench"], capture_output=True, text=True)
    assert out.returncode == 2 and "demos" in out.stderr
