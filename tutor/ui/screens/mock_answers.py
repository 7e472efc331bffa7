"""The answers of a mock as typed, and what is saved of them: debounced autosave.

An answer is written once typing has paused for `DEBOUNCE_S`, or at once on `save(settled
only=False)` (leaving a part, submitting, leaving the screen). Kept free of widgets so the
debounce can be tested with a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

DEBOUNCE_S = 0.8


class AnswerBook:
    """Typed answers (full field id -> raw), the saved copy, and when each last changed."""

    def __init__(self, write: Callable[[str, str], object], saved: Mapping[str, str], *,
                 debounce_s: float = DEBOUNCE_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.write = write
        self.saved = dict(saved)
        self.answers = dict(saved)
        self.changed_at: dict[str, float] = {}
        self.debounce_s = debounce_s
        self.clock = clock

    def get(self, field_id: str) -> str:
        """The answer typed for a field ("" if none)."""
        return self.answers.get(field_id, "")

    def answered(self, part: Any) -> bool:
        """Whether any field of the part has a non-blank answer."""
        return any(self.get(f.full_id).strip() for f in part.fields)

    def note(self, field_id: str, value: str) -> bool:
        """Record what an input holds now; True if the field went from blank to answered or back."""
        old = self.get(field_id)
        if value == old:
            return False
        self.answers[field_id] = value
        self.changed_at[field_id] = self.clock()
        return bool(old.strip()) != bool(value.strip())

    def dirty(self) -> list[str]:
        """Fields whose typed answer differs from the saved one."""
        return [fid for fid, value in self.answers.items() if value != self.saved.get(fid, "")]

    def save(self, settled_only: bool) -> list[str]:
        """Write changed answers (only those not edited for `debounce_s` if `settled_only`)."""
        now = self.clock()
        written = []
        for fid in self.dirty():
            if settled_only and now - self.changed_at.get(fid, float("-inf")) < self.debounce_s:
                continue
            value = self.answers[fid]
            self.write(fid, value)
            self.saved[fid] = value
            written.append(fid)
        return written
