"""Tutor sessions forked from a warm tutor instead of started from scratch.

A fresh `python -m tutor` costs each new tab the interpreter's start, Textual's and the
tutor's imports, and at the first answer numpy, lark and the engine: about half a CPU-second
before the student sees anything happen, which is most of what a busy class server does. So
`tutor serve` keeps one warm process (multiprocessing's fork server, preloaded with
`tutor.serve.warm`), which has imported all of that and run one practice session headless,
and every tab is a fork of it: it starts in milliseconds and shares those pages with every
other tab.

The fork gets the tab's terminal as two socket pairs (stdin and stdout on one, stderr on the
other; sockets carry their descriptors through the fork server), its own session (so a stop
can end its whole process group) and exactly the environment a started process would get.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import os
import signal
import socket
import sys
from collections.abc import Sequence
from multiprocessing.context import ForkServerContext
from typing import Any

PRELOAD = ["tutor.serve.warm"]

_context: ForkServerContext | None = None


def available() -> bool:
    """Whether this platform can fork sessions (POSIX with Unix sockets)."""
    return "forkserver" in multiprocessing.get_all_start_methods()


def _forkserver() -> ForkServerContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        assert isinstance(context, ForkServerContext)
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def start_warm(timeout: float = 120.0) -> None:
    """Start the warm tutor now and wait until it forks (its imports and warm-up take a second
    or two), so the first tab does not wait for it. Idempotent; TimeoutError or OSError when
    it cannot be started."""
    from multiprocessing import forkserver

    from tutor.serve.warm import WARM_FLAG

    _forkserver()
    # the fork server inherits this process's environment as it starts: the flag reaches it alone
    os.environ[WARM_FLAG] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(WARM_FLAG, None)
    # one fork that exits at once: returns when the warm-up is done and forks are served
    probe = _forkserver().Process(target=_nothing, name="tutor warm probe")
    probe.start()
    probe.join(timeout)
    if probe.exitcode is None:
        raise TimeoutError(f"the warm tutor did not answer within {timeout:g} s")
    probe.close()


def _nothing() -> None:
    """The probe fork's whole life."""


class ForkedTutor:
    """A forked tutor, with the parts of `asyncio.subprocess.Process` textual-serve uses:
    `pid`, `stdin`, `stdout`, `stderr` and `returncode`."""

    def __init__(self, process: Any, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader) -> None:
        self._process = process
        self.pid: int = process.pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr

    @property
    def returncode(self) -> int | None:
        """The exit status once the tutor has ended, else None."""
        code = self._process.exitcode
        return None if code is None else int(code)


async def fork_tutor(argv: Sequence[str], environment: dict[str, str]) -> ForkedTutor:
    """Fork a tutor running `tutor ARGV` (the home screen when empty) in `environment`."""
    loop = asyncio.get_running_loop()
    terminal, terminal_child = socket.socketpair()
    errors, errors_child = socket.socketpair()
    try:
        process = _forkserver().Process(target=run_session, name="tutor session",
                                        args=(list(argv), dict(environment), terminal_child, errors_child))
        # the request to the fork server is a few blocking socket calls: off the event loop
        await loop.run_in_executor(None, process.start)
    except BaseException:
        terminal.close()
        errors.close()
        raise
    finally:
        terminal_child.close()
        errors_child.close()
    stdout, stdin = await asyncio.open_connection(sock=terminal)
    stderr, _ = await asyncio.open_connection(sock=errors)
    return ForkedTutor(process, stdin, stdout, stderr)


def run_session(argv: list[str], environment: dict[str, str], terminal: socket.socket,
                errors: socket.socket) -> None:
    """In the fork: become the tab's tutor process, then run `tutor ARGV` and exit."""
    os.setsid()
    for fd, sock in ((0, terminal), (1, terminal), (2, errors)):
        os.dup2(sock.fileno(), fd)
    terminal.close()
    errors.close()
    # the streams Textual's web driver and the CLI use, on the tab's descriptors
    for name, stream in (("stdin", open(0, encoding="utf-8", closefd=False)),  # noqa: SIM115
                         ("stdout", open(1, "w", encoding="utf-8", closefd=False)),  # noqa: SIM115
                         ("stderr", open(2, "w", encoding="utf-8", errors="backslashreplace",  # noqa: SIM115
                                         closefd=False))):
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(environment)
    # Textual reads its settings (the web driver above all) from the environment at import,
    # which happened in the warm tutor: read them again for this tab
    import textual.constants

    importlib.reload(textual.constants)
    from tutor.cli.main import main

    code = main(argv)
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(code)
