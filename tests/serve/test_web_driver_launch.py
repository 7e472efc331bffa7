"""Under textual-serve the tutor runs on pipes with the web driver: it must start, not refuse."""

from __future__ import annotations

import os
import subprocess
import sys


def test_tutor_starts_on_pipes_under_the_web_driver(tmp_path):
    env = dict(os.environ, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", TUTOR_DATA_DIR=str(tmp_path),
               COLUMNS="80", ROWS="24")
    proc = subprocess.Popen([sys.executable, "-m", "tutor"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        first = proc.stdout.readline()  # the web driver's prelude, before any frame
        assert first == b"__GANGLION__\n", proc.stderr.read(2000) if proc.poll() is not None else first
    finally:
        proc.kill()
        proc.communicate(timeout=10)


def test_tutor_on_pipes_without_the_web_driver_still_asks_for_a_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["TUTOR_DATA_DIR"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "tutor"], capture_output=True, text=True, env=env, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
