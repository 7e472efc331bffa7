"""`python -m tutor.bench serve`: simulated students on `tutor serve`, over loopback.

A real `tutor serve` (port 0, a throwaway class folder, a roster of N students) and N
websocket clients at once, each as the browser page is: sign in, open the tutor, wait for
home; then, all together, open practice (`p`, until the parts list shows) and check an answer
(4a, `-ln(0.3)`, from Enter until "Correct" arrives). Medians per level, the ratio to one
student alone (measured first, in the same run), and resident memory per session (the tutor
processes' RSS, summed, over N) while all are open.

Bounded: at most 60 clients, each wait at most `--timeout` seconds, the server stopped after
each level. Targets (from the issue, for 40 students): open practice ≤ 1 s and check ≤ 0.5 s
(median); exit status 1 when a level of 40 or more misses them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MAX_CLIENTS = 60


@dataclass(frozen=True)
class Level:
    """Medians (seconds) for one number of students, and memory per session."""

    home: float
    practice: float
    check: float
    rss_mb: float
TARGETS = {"practice": 1.0, "check": 0.5}
TARGET_LEVEL = 40


def _rss_mb(pid: int) -> float:
    """Resident memory of the children of `pid` (the tutor processes), in MB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(pid) and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total / 1024


def _start_server(data_dir: Path, clients: int, timeout: float) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("TUTOR_DATA_DIR", None)
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", "0", "--data-dir", str(data_dir),
                             "--max-sessions", str(clients + 1)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("tutor serve: http"):
            return proc, line.split()[2].rstrip("/")
    _stop(proc)
    raise RuntimeError("tutor serve did not start")


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


async def _level(url: str, passwords: dict[str, str], timeout: float, server_pid: int) -> Level:
    from tutor.serve.client import StudentClient

    clients = [StudentClient(url) for _ in passwords]
    try:
        async def ready(client: StudentClient, sid: str) -> float:
            start = time.perf_counter()
            status = await client.sign_in(sid, passwords[sid])
            if status != 200:
                raise RuntimeError(f"sign-in for {sid} answered {status}")
            await client.open_tab()
            await client.wait_for("Practice", timeout=timeout)
            return time.perf_counter() - start

        home = await asyncio.gather(*(ready(c, sid) for c, sid in zip(clients, passwords)))

        async def practice(client: StudentClient) -> float:
            mark = client.mark()
            start = time.perf_counter()
            await client.keys("p")
            await client.wait_for("Parts", since=mark, timeout=timeout)
            return time.perf_counter() - start

        opened = await asyncio.gather(*(practice(c) for c in clients))

        async def to_4a(client: StudentClient) -> None:
            mark = client.mark()
            await client.keys("\x10")  # ctrl+p: the palette
            await client.wait_for("🔎", since=mark, timeout=timeout)
            await client.keys("4a")
            await client.wait_for("Go to part 4a", since=mark, timeout=timeout)
            mark = client.mark()
            await client.keys("\r")
            await client.wait_for("cross-entropy loss", since=mark, timeout=timeout)
            await client.keys("-ln(0.3)")

        await asyncio.gather(*(to_4a(c) for c in clients))
        await asyncio.sleep(0.5)  # the typed answer has arrived everywhere

        async def check(client: StudentClient) -> float:
            mark = client.mark()
            start = time.perf_counter()
            await client.keys("\r")
            await client.wait_for("Correct", since=mark, timeout=timeout)
            return time.perf_counter() - start

        checked = await asyncio.gather(*(check(c) for c in clients))
        rss = _rss_mb(server_pid) / len(clients)
        return Level(statistics.median(home), statistics.median(opened), statistics.median(checked), rss)
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)


def _run_level(n: int, timeout: float) -> Level:
    from tutor.classroom import ClassFolder, Roster

    with tempfile.TemporaryDirectory(prefix="tutor-bench-serve-") as tmp:
        data = Path(tmp)
        roster = Roster(ClassFolder.under(data).roster_path)
        passwords = {}
        for i in range(n):
            sid = f"s{i:03d}"
            roster.add(sid)
            passwords[sid] = roster.issue_password(sid).password
        roster.close()
        proc, url = _start_server(data, n, timeout)
        try:
            return asyncio.run(asyncio.wait_for(_level(url, passwords, timeout, proc.pid), timeout * 4))
        finally:
            _stop(proc)


def main() -> int:
    """Run the levels and print medians, ratios to one student, and RSS per session."""
    parser = argparse.ArgumentParser(prog="python -m tutor.bench serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="5,20,40", help="comma-separated levels (default 5,20,40)")
    parser.add_argument("--timeout", type=float, default=60.0, help="bound on each wait, seconds (default 60)")
    args = parser.parse_args()
    try:
        levels = [int(x) for x in args.clients.split(",") if x.strip()]
    except ValueError:
        print("--clients takes whole numbers separated by commas, e.g. 5,20,40", file=sys.stderr)
        return 2
    if not levels or any(not 1 <= n <= MAX_CLIENTS for n in levels):
        print(f"each level is between 1 and {MAX_CLIENTS} clients", file=sys.stderr)
        return 2
    print(f"tutor serve on loopback, {os.cpu_count()} core(s); medians; ratio to 1 student alone")
    base = _run_level(1, args.timeout)
    print(f"{'students':>8} {'home s':>8} {'practice s':>11} {'×1':>6} {'check s':>8} {'×1':>6} {'RSS/session MB':>15}")

    def row(n: int, r: Level) -> None:
        print(f"{n:>8} {r.home:>8.2f} {r.practice:>11.2f} {r.practice / base.practice:>6.1f} "
              f"{r.check:>8.2f} {r.check / base.check:>6.1f} {r.rss_mb:>15.0f}", flush=True)

    row(1, base)
    missed = []
    for n in levels:
        result = _run_level(n, args.timeout)
        row(n, result)
        if n >= TARGET_LEVEL:
            missed += [f"{n} students: {name} median {getattr(result, name):.2f} s > {limit} s"
                       for name, limit in TARGETS.items() if getattr(result, name) > limit]
    for line in missed:
        print(f"target missed: {line}")
    return 1 if missed else 0
