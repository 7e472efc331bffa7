"""`python -m tutor.bench ui`: both start-up comparisons are printed and the end-to-end one is
gated; part-to-part navigation is printed beside them and gated."""

from __future__ import annotations

import re
import subprocess
import sys

from tutor.bench import ui


def test_the_children_run_like_an_installed_program(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = ui._environment(tmp_path, source=False)
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"].startswith(str(tmp_path))     # never the source tree
    assert env["TUTOR_CACHE_DIR"].startswith(str(tmp_path))         # nor the user's cache
    source = ui._environment(tmp_path, source=True)
    assert source["PYTHONDONTWRITEBYTECODE"] == "1" and "PYTHONPYCACHEPREFIX" not in source


def test_the_bench_prints_both_ratios_and_gates_on_the_end_to_end_one():
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "ui", "--runs", "1"],
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in out.stderr, out.stderr
    lines = out.stdout.splitlines()
    titles = [line for line in lines if line.startswith("ui  ") and not line.startswith("ui    ")]
    assert titles[0].startswith("ui  end to end") and titles[1].startswith("ui  core loaded")
    ratios = [re.search(r"ratio (\d+\.\d+)x .* (ok|MISSED|within \(reported\)|over \(reported\))$", line)
              for line in lines if "ratio" in line]
    assert len(ratios) == 2 and all(ratios), out.stdout
    end_to_end, verdict = float(ratios[0].group(1)), ratios[0].group(2)
    if abs(end_to_end - ui.TARGET) > 0.005:     # the printed ratio is rounded
        assert verdict == ("ok" if end_to_end < ui.TARGET else "MISSED")
    assert ratios[1].group(2).endswith("(reported)")
    moving = [line for line in lines if line.startswith("ui  part to part")]
    assert moving and "next/previous part" in lines[lines.index(moving[0]) + 1]
    target = re.search(r"target <= 100 ms of cpu\s+(ok|MISSED)$", lines[lines.index(moving[0]) + 2])
    assert target, out.stdout
    assert out.returncode == (0 if verdict == "ok" and target.group(1) == "ok" else 1)
