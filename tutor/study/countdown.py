"""The time left in a running mock: the stored deadline once, then a monotonic clock.

The deadline is stored as wall-clock time, because that is the only clock shared by two
runs of the program: a mock closed or crashed resumes with `deadline - now`. Within one run
the wall clock is not trusted (an NTP step or a manual change would shorten or lengthen the
mock by the same amount); the time left is read once and then counted down by an elapsed
clock that never jumps but does include time the machine spent suspended, since exam time
really passed then.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from tutor.study.mock import MockSession

Elapsed = Callable[[], float]


def elapsed_seconds() -> float:
    """Seconds on a clock that only moves forward and counts suspend (Linux CLOCK_BOOTTIME;
    elsewhere the platform's monotonic clock)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            return time.clock_gettime(boottime)
        except OSError:
            pass
    return time.monotonic()


class Countdown:
    """Seconds left (and used) in one run of a mock."""

    def __init__(self, session: MockSession, now: datetime, elapsed: Elapsed = elapsed_seconds) -> None:
        self.session = session
        self._elapsed = elapsed
        self._started = elapsed()
        self._left_at_start = session.remaining(now).total_seconds()

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(self._left_at_start - max(self._elapsed() - self._started, 0.0), 0.0)

    def expired(self) -> bool:
        """Whether the time is up."""
        return self.remaining() <= 0

    def time_used(self) -> float:
        """Seconds of the allowed time used so far."""
        return max(self.session.minutes * 60 - self.remaining(), 0.0)
