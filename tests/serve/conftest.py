"""A real `tutor serve` on 127.0.0.1 with an ephemeral port, a class of two, torn down after."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.serve import bidi, cdp
from tests.serve.driver import PageDriver
from tutor.classroom import ClassFolder, Roster

START_TIMEOUT_S = 30


@dataclass
class ServedClass:
    """A running server: its URL, its data folder, and the students' passwords."""

    url: str
    data_dir: Path
    passwords: dict[str, str]
    process: subprocess.Popen[str]
    output: list[str]

    def student_dir(self, student_id: str) -> Path:
        """Where that student's progress lives."""
        return ClassFolder.under(self.data_dir).student_dir(student_id)

    def stop(self, timeout: float = 10) -> int:
        """SIGINT (as Ctrl+C), then wait; kills the group if it hangs. Returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode


def make_class(data_dir: Path, ids: tuple[str, ...] = ("alice", "bob")) -> dict[str, str]:
    """A roster with these students; returns their passwords."""
    roster = Roster(ClassFolder.under(data_dir).roster_path)
    try:
        passwords = {}
        for student_id in ids:
            roster.add(student_id)
            passwords[student_id] = roster.issue_password(student_id).password
        return passwords
    finally:
        roster.close()


def start_server(data_dir: Path, *extra: str) -> ServedClass:
    """`tutor serve --port 0` in its own process group; waits (bounded) for its URL."""
    env = dict(os.environ, TUTOR_CACHE_DIR="off", PYTHONUNBUFFERED="1")
    env.pop("TUTOR_DATA_DIR", None)
    process = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", "0", "--data-dir", str(data_dir),
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                               start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            os.killpg(process.pid, signal.SIGKILL)
            raise TimeoutError(f"tutor serve printed no URL within {START_TIMEOUT_S} s: {''.join(output)!r}") from None
        if line is None:
            raise RuntimeError(f"tutor serve exited: {''.join(output)!r}")
        if line.startswith("tutor serve: http"):
            url = line.split()[2].rstrip("/")
            return ServedClass(url, data_dir, {}, process, output)


@pytest.fixture
def served(tmp_path):
    """A running class server with students alice and bob."""
    passwords = make_class(tmp_path)
    server = start_server(tmp_path)
    server.passwords = passwords
    try:
        yield server
    finally:
        server.stop()


# The real browsers the page is tested in: how to find each, its driver, its Debian package.
BROWSERS: dict[str, tuple[Callable[[], str | None], type[PageDriver], str]] = {
    "chromium": (cdp.find_chromium, cdp.Browser, "chromium"),
    "firefox": (bidi.find_firefox, bidi.Browser, "firefox-esr"),
}


@pytest.fixture(params=sorted(BROWSERS))
def browser(request):
    """A driver for each real browser, its process launched (so it boots while the next
    fixtures set up; the test connects with `start` in its own event loop); killed, and its
    profile removed, afterwards. Name it before `served` in a test's arguments. Outside CI a
    missing browser skips with the reason; in CI (CI=true) it fails, so the test cannot
    silently stop running."""
    find, driver, package = BROWSERS[request.param]
    executable = find()
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {request.param} is not installed: `apt-get install {package}` (.ci/run does this)")
        pytest.skip(f"{request.param} is not installed (apt-get install {package}); CI runs this test")
    page = driver(executable)
    try:
        page.launch()
        yield page
    finally:
        page.kill()
