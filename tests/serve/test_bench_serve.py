"""`python -m tutor.bench serve` drives real sessions and prints medians and memory per session."""

from __future__ import annotations

import subprocess
import sys


def test_serve_benchmark_prints_a_row_per_level_and_pace_with_cpu_and_memory():
    done = subprocess.run([sys.executable, "-m", "tutor.bench", "serve", "--clients", "2", "--pace", "1",
                           "--timeout", "60"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {tuple(line.split()[:2]): line.split() for line in done.stdout.splitlines()
            if line.split()[:1] in (["1"], ["2"])}
    assert set(rows) == {("1", "alone"), ("2", "together"), ("2", "paced/1s")}
    for row in rows.values():
        assert float(row[-1]) > 10  # MB per tutor session: the processes were really measured
        assert float(row[5]) > 0 and float(row[8]) > 0  # CPU-seconds per step: counted in the tutors
    assert float(rows[("1", "alone")][4]) == 1.0  # one student is the baseline
    assert "forked from a warm tutor" in done.stdout


def test_serve_benchmark_refuses_unbounded_levels():
    done = subprocess.run([sys.executable, "-m", "tutor.bench", "serve", "--clients", "500"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "between 1 and 60" in done.stderr
