"""Which numbers the learner has seen for each part, so "new numbers" never repeats the last.

One setting maps each part to the highest variant shown; practice (`v`) and review (a fresh
question) both continue from it, across sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.model import Part
    from tutor.study.drafts import Settings

KEY = "variants"


def next_variant(settings: Settings, part: Part, current: int = 0) -> int:
    """A variant of the part not shown before (after `current` and the last one seen); remembered."""
    from tutor.engine.variants import fresh_variant

    stored = settings.get_setting(KEY, {})
    seen = dict(stored) if isinstance(stored, dict) else {}
    last = seen.get(part.id, 0)
    after = max(int(current), last if isinstance(last, int) else 0)
    variant = int(fresh_variant(part, after))
    seen[part.id] = variant
    settings.set_setting(KEY, seen)
    return variant
