"""Several tutor processes opening one data dir at once (fresh, or needing a schema upgrade)
all end up saving: migrations take the write lock before reading the schema version."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.study.schema import LATEST, MIGRATIONS, _statements

OPENER = Path(__file__).with_name("race_opener.py")
PROCESSES = 4
ROUNDS = 5


def _old_schema(folder: Path) -> None:
    """A data dir written by the first release (schema version 1, one attempt)."""
    folder.mkdir()
    conn = sqlite3.connect(folder / "tutor.db", isolation_level=None)
    for statement in _statements(MIGRATIONS[0][2]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO attempts (exam_id, part_id, field_id, raw, verdict, score, max, mode, at)"
                 " VALUES ('mini', '1b', '1b.x', '1', 'incorrect', 0, 5, 'practice', '2025-02-18T12:00:00+00:00')")
    conn.close()


def _race(folder: Path) -> list[tuple[int, str]]:
    """Start PROCESSES openers on `folder`, release them together; (exit status, output) each."""
    signals = folder.parent / f"{folder.name}-signals"
    signals.mkdir()
    go = signals / "go"
    procs = [subprocess.Popen([sys.executable, str(OPENER), str(folder), str(signals / f"ready{i}"), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for i in range(PROCESSES)]
    deadline = time.monotonic() + 20
    while not all((signals / f"ready{i}").exists() for i in range(PROCESSES)) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=30)
        results.append((proc.returncode, out.strip()))
    return results


@pytest.mark.parametrize("start", ["fresh", "old schema"])
def test_processes_opening_one_data_dir_at_once_all_save(tmp_path, start):
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round{round_}"
        if start == "old schema":
            _old_schema(folder)
        results = _race(folder)
        assert [code for code, _ in results] == [0] * PROCESSES, results
        conn = sqlite3.connect(folder / "tutor.db")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        versions = [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == (list(range(2, LATEST + 1)) if start == "old schema" else list(range(1, LATEST + 1)))
        saved = {r[0] for r in conn.execute("SELECT id FROM attempts WHERE raw = '2'")}
        assert saved == {int(out) for _, out in results}
        conn.close()
