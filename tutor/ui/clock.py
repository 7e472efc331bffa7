"""How the mock's clock reads: time left as m:ss, and when it turns to a warning."""

from __future__ import annotations

import math

WARN_S = 10 * 60
URGENT_S = 2 * 60


def countdown(seconds: float) -> str:
    """Time left as m:ss (minutes may exceed 59: `110:00`), rounded up so 0:00 means zero."""
    total = max(math.ceil(seconds - 1e-9), 0)
    return f"{total // 60}:{total % 60:02d}"


def level(seconds: float) -> str:
    """"" | "-warn" (10 minutes or less) | "-urgent" (2 minutes or less)."""
    if seconds <= URGENT_S:
        return "-urgent"
    if seconds <= WARN_S:
        return "-warn"
    return ""
