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
    """A point in time after which evaluation stops with an EngineError."""

    __slots__ = ("end",)

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.end = time.perf_counter() + seconds

    def check(self) -> None:
        """Raise EngineError when the time is up."""
        if time.perf_counter() > self.end:
            raise EngineError(f"this answer takes too long to evaluate (limit {TIME_LIMIT * 1000:.0f} ms)")

    @classmethod
    def unlimited(cls) -> "Deadline":
        """A deadline far away (for content checks that run once and are cached)."""
        return cls(3600.0)
