"""Tutor sessions: one tutor process per browser tab, and the pool that bounds them.

A session is textual-serve's `AppService` (it speaks the web driver's packet protocol),
started with an argument list instead of a shell line, with the signed-in student's own data
folder in its environment, in its own process group so a stop can always end it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("tutor.serve")

QUIT_GRACE_S = 1.2  # a tutor gets this long to save and quit before it is killed


class TutorProcess(AppService):
    """textual-serve's AppService, run as an argument list (no shell) with its own environment:
    `argv` is the command to start, or with `forked` the tutor's own arguments for a fork of
    the warm tutor (`tutor.serve.forked`)."""

    def __init__(self, argv: list[str], environment: dict[str, str], *, forked: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.environment = environment
        self.forked = forked

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width=width, height=height)
        for key in [k for k in env if k.startswith("TUTOR_")]:
            del env[key]  # the server's own settings are not the student's
        env.update(self.environment)
        return env

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        env = self._build_environment(width=width, height=height)
        if self.forked:
            from tutor.serve.forked import fork_tutor

            forked = await fork_tutor(self.argv, env)
            # it has every part of a subprocess that textual-serve uses
            self._process = cast(asyncio.subprocess.Process, forked)
            self._stdin = forked.stdin
            return forked
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env, start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The tutor process id, once started."""
        return self._process.pid if self._process is not None else None

    def running(self) -> bool:
        """Whether the tutor process is still alive."""
        return self._process is not None and self._process.returncode is None

    def kill(self) -> None:
        """End the process group now (the last resort of a stop)."""
        if self.running() and self.pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)


def tutor_args(content: str | None) -> list[str]:
    """The tutor's arguments for one session (the home screen)."""
    return ["--content", content] if content else []


def tutor_argv(content: str | None) -> list[str]:
    """The command for one session started afresh: this Python running `tutor`."""
    return [sys.executable, "-m", "tutor", *tutor_args(content)]


@dataclass
class Session:
    """One open tab: who, which process, the websocket, and when the student last typed."""

    id: int
    student_id: str
    generation: int
    process: TutorProcess | None = None
    close_socket: Callable[[], Awaitable[Any]] | None = None
    last_input: float = field(default_factory=time.monotonic)
    ended: str = ""

    def touch(self) -> None:
        """The student did something (a key, the mouse, a resize)."""
        self.last_input = time.monotonic()


class Refused(Exception):
    """No session: the server is full or the student has too many tabs open."""


class SessionPool:
    """Every open session; enforces the caps, ends idle sessions, and stops them all."""

    def __init__(self, *, max_sessions: int, tabs_per_student: int, idle_s: float,
                 still_valid: Callable[[str, int], bool] | None = None) -> None:
        self.max_sessions = max_sessions
        self.tabs_per_student = tabs_per_student
        self.idle_s = idle_s
        self.still_valid = still_valid
        self.sessions: dict[int, Session] = {}
        self.downloads = DownloadManager()
        self._ids = itertools.count(1)
        self._reaper: asyncio.Task[None] | None = None
        self.stopping = False

    def full(self) -> bool:
        """Whether a new session would be refused for lack of room."""
        return self.stopping or len(self.sessions) >= self.max_sessions

    def reserve(self, student_id: str, generation: int) -> Session:
        """A place for a new tab, or Refused saying why."""
        if self.stopping:
            raise Refused("the tutor is stopping")
        if len(self.sessions) >= self.max_sessions:
            raise Refused(f"the class is full ({self.max_sessions} sessions at once); try again in a minute")
        mine = sum(1 for s in self.sessions.values() if s.student_id == student_id)
        if mine >= self.tabs_per_student:
            raise Refused(f"you have {mine} tutor tabs open already; close one first")
        session = Session(next(self._ids), student_id, generation)
        self.sessions[session.id] = session
        return session

    def release(self, session: Session) -> None:
        """The tab closed; its place is free."""
        self.sessions.pop(session.id, None)

    async def end(self, session: Session, reason: str, grace_s: float = QUIT_GRACE_S) -> None:
        """Ask the tutor to quit (it saves), kill it after `grace_s`, and close the tab's socket."""
        if session.ended:
            return
        session.ended = reason
        process = session.process
        if process is not None:
            try:
                await asyncio.wait_for(process.stop(), grace_s)
            except (TimeoutError, OSError, RuntimeError):  # too slow, a broken pipe: it must end anyway
                process.kill()
        if session.close_socket is not None:
            with contextlib.suppress(TimeoutError, OSError, RuntimeError):  # the tab may be gone already
                await asyncio.wait_for(session.close_socket(), 0.5)
        log.info("session %s (%s) ended: %s", session.id, session.student_id, reason)

    async def stop_all(self, within_s: float = 2.0) -> None:
        """End every session (the server is stopping): all gone within `within_s`."""
        self.stopping = True
        if self._reaper is not None:
            self._reaper.cancel()
        sessions = list(self.sessions.values())
        if sessions:
            grace = max(0.1, within_s - 0.6)
            await asyncio.wait([asyncio.ensure_future(self.end(s, "the server stopped", grace)) for s in sessions],
                               timeout=within_s - 0.2)
        for session in sessions:
            if session.process is not None:
                session.process.kill()

    def start_reaper(self, every_s: float | None = None) -> None:
        """Check every few seconds for idle sessions and withdrawn credentials."""
        self._reaper = asyncio.ensure_future(self._reap(every_s or min(5.0, max(0.2, self.idle_s / 4))))

    async def _reap(self, every_s: float) -> None:
        while not self.stopping:
            await asyncio.sleep(every_s)
            now = time.monotonic()
            for session in list(self.sessions.values()):
                if now - session.last_input > self.idle_s:
                    await self.end(session, "idle")
                elif self.still_valid is not None and not self.still_valid(session.student_id, session.generation):
                    await self.end(session, "signed out")


def student_environment(student_dir: Path, student_id: str, db: str | None = None) -> dict[str, str]:
    """What a student's tutor process is told: their own data folder and id, and the class's
    PostgreSQL URL when progress is kept there (the store then keeps the rows of that id)."""
    env = {"TUTOR_DATA_DIR": str(student_dir), "TUTOR_STUDENT": student_id}
    if db:
        env["TUTOR_DB"] = db
    return env
