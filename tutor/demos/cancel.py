"""Cooperative cancellation for long demo runs, without changing what they compute.

A front end that runs a demo in a thread wraps the call in `cancellable(check)`; the demo's
loops call `checkpoint()`, which raises `Cancelled` once `check()` is true. Outside such a
block `checkpoint()` does nothing, so the demos stay pure functions. (The TUI uses it so
that a run made stale by a newer parameter change stops instead of competing for the CPU.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_local = threading.local()


class Cancelled(Exception):
    """The run was abandoned by its caller."""


@contextmanager
def cancellable(check: Callable[[], bool]) -> Iterator[None]:
    """Within this block (on this thread), `checkpoint()` raises Cancelled once check() is true."""
    previous = getattr(_local, "check", None)
    _local.check = check
    try:
        yield
    finally:
        _local.check = previous


def checkpoint() -> None:
    """Raise Cancelled if the caller of this thread's run has given up on it."""
    check = getattr(_local, "check", None)
    if check is not None and check():
        raise Cancelled()
