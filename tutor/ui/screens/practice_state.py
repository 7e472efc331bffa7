"""What the practice screen remembers per part during one visit."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PartState:
    """What the learner did on one part during this visit to the screen."""

    opened: float = field(default_factory=time.monotonic)
    variant: int = 0                  # 0: the exam's own numbers
    hints: int = 0
    steps: int = 0
    drafts: dict[str, str] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)  # field id -> the text last checked
    results: dict[str, tuple[Any, int | None]] = field(default_factory=dict)
    last_submit: dict[str, float] = field(default_factory=dict)

    def unchecked(self) -> dict[str, str]:
        """The drafts that differ from what was last checked (what would be lost on quit)."""
        return {k: v for k, v in self.drafts.items() if v != self.checked.get(k)}
