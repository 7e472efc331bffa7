"""The engine's error types and the bounds every check stays within."""

from __future__ import annotations

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


class Deadline:
    """A budget of CPU time for one check; `check()` raises EngineError once it is spent.

    The clock is this thread's CPU time, so a busy machine (or the UI thread) does not eat
    a check's budget; it is read every few calls to keep the check cheap.
    """

    __slots__ = ("end", "_calls")

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.end = time.thread_time() + seconds
        self._calls = 0

    def check(self) -> None:
        """Raise EngineError when the time is up."""
        self._calls += 1
        if self._calls & 7 == 0 and time.thread_time() > self.end:
            raise EngineError(f"this answer takes too long to evaluate (limit {TIME_LIMIT * 1000:.0f} ms)")

    @classmethod
    def unlimited(cls) -> "Deadline":
        """A deadline far away (for content checks that run once and are cached)."""
        return cls(3600.0)
