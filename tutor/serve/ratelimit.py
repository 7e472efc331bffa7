"""Sign-in rate limits: failed attempts per client address and per student id, in a window."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable

WINDOW_S = 300.0
FAILS_PER_STUDENT = 5
FAILS_PER_ADDRESS = 30  # a class behind one proxy or NAT shares an address
MAX_KEYS = 10_000


class SignInLimiter:
    """Counts failed sign-ins; `retry_after` says how long a key must wait (0: go ahead)."""

    def __init__(self, *, window_s: float = WINDOW_S, per_student: int = FAILS_PER_STUDENT,
                 per_address: int = FAILS_PER_ADDRESS, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self.limits = {"student": per_student, "address": per_address}
        self._clock = clock
        self._fails: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, kind: str, key: str) -> deque[float]:
        times = self._fails[(kind, key)]
        cutoff = self._clock() - self.window_s
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            del self._fails[(kind, key)]
            return deque()
        return times

    def retry_after(self, address: str, student_id: str) -> float:
        """Seconds until this address may try this student again (0 when allowed now)."""
        wait = 0.0
        for kind, key in (("address", address), ("student", student_id)):
            times = self._recent(kind, key)
            if len(times) >= self.limits[kind]:
                wait = max(wait, times[0] + self.window_s - self._clock())
        return wait

    def failed(self, address: str, student_id: str) -> None:
        """Count one failed attempt against both keys."""
        now = self._clock()
        if len(self._fails) > MAX_KEYS:  # forget expired keys before the table grows without bound
            for kind_key in list(self._fails):
                self._recent(*kind_key)
        for kind, key in (("address", address), ("student", student_id)):
            self._fails[(kind, key)].append(now)

    def succeeded(self, student_id: str) -> None:
        """A good sign-in clears that student's count."""
        self._fails.pop(("student", student_id), None)
