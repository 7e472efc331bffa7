"""The engine's error types and the bounds every check stays within."""

from __future__ import annotations

import gc
import threading
import time

MAX_CHARS = 500          # answer-language input length
MAX_TEXT_CHARS = 4000    # free-text answers
MAX_DEPTH = 50           # nesting depth of an expression
MAX_EXPONENT = 1000      # |exponent| in `a^b` and in literals like 1e300
MAX_ELEMENTS = 1_000_000 # elements of any array an expression builds
MAX_FLOPS = 10_000_000   # multiply-adds of one matrix product
TIME_LIMIT = 0.100       # seconds per check


class EngineError(Exception):
    """Input the engine cannot read or evaluate; `column` is 1-based in the learner's text.

    str() gives "col 7: unknown name 'xs' — did you mean 'x'?" (or the bare message when the
    column is unknown).
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"col {self.column}: {self.message}" if self.column else self.message


class ShapeMismatch(EngineError):
    """An operation got operands whose shapes do not fit (e.g. m×1 + n×1)."""


class ContentProblem(Exception):
    """A reference answer, mistake or symbol block in the content is itself broken."""


class _CollectorClock:
    """The CPU seconds the garbage collector has spent in each thread (a `gc.callbacks` hook).

    A collection runs in whichever thread happens to allocate, and in a long-lived process a
    full one can take longer than a whole check may; it is not the answer's doing.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        now = time.thread_time()
        local = self._local
        if phase == "start":
            local.started = now
        elif getattr(local, "started", None) is not None:
            local.spent = getattr(local, "spent", 0.0) + now - local.started
            local.started = None

    def spent(self) -> float:
        """Seconds of collection so far in the calling thread."""
        return getattr(self._local, "spent", 0.0)


_COLLECTOR = _CollectorClock()
gc.callbacks.append(_COLLECTOR)


def _check_clock() -> float:
    """This thread's CPU time less what the garbage collector spent in it."""
    return time.thread_time() - _COLLECTOR.spent()


class Deadline:
    """A budget of CPU time for one check; `check()` raises EngineError once it is spent.

    The clock is this thread's CPU time without garbage collection, so neither a busy
    machine (or the UI thread) nor a collection of the whole process eats a check's budget;
    it is read every few calls to keep the check cheap.
    """

    __slots__ = ("_calls", "end")

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.end = _check_clock() + seconds
        self._calls = 0

    def check(self) -> None:
        """Raise EngineError when the time is up."""
        self._calls += 1
        if self._calls & 7 == 0 and _check_clock() > self.end:
            raise EngineError(f"this answer takes too long to evaluate (limit {TIME_LIMIT * 1000:.0f} ms)")

    @classmethod
    def unlimited(cls) -> Deadline:
        """A deadline far away (for content checks that run once and are cached)."""
        return cls(3600.0)
