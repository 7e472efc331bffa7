"""A process killed with SIGKILL mid-stream loses no acknowledged attempt and leaves a sound file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

WRITER = Path(__file__).with_name("crash_writer.py")


def test_sigkill_midway_keeps_every_acknowledged_attempt(tmp_path):
    proc = subprocess.Popen([sys.executable, str(WRITER), str(tmp_path), "1000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acknowledged: list[int] = []
    for line in proc.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) == 150:
            proc.send_signal(signal.SIGKILL)
            break
    rest = proc.stdout.read()  # ids printed before the kill landed are acknowledged too
    proc.wait(timeout=30)
    acknowledged += [int(x) for x in rest.split() if x.isdigit()]
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert 150 <= len(acknowledged) < 1000 and "done" not in rest

    conn = sqlite3.connect(tmp_path / "tutor.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT id FROM attempts")}
    assert set(acknowledged) <= stored
    assert len(stored) - len(acknowledged) <= 1  # at most the one in flight, committed but not yet printed
    reviews = conn.execute(f"SELECT COUNT(*) FROM reviews WHERE attempt_id IN ({','.join(map(str, acknowledged))})")
    assert reviews.fetchone()[0] >= 2  # the review updates were committed with their attempts
