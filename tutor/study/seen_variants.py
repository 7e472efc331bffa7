"""Which numbers the learner has seen for each part, so "new numbers" never repeats the last.

One setting per exam (`variants:EXAM`) maps each of its parts to the highest variant shown;
practice (`v`) and review (a fresh question) both continue from it, across sessions. Two
exams with the same part id keep their own. The older setting `variants` (part → variant,
from before exams had their own keys) is read as a floor for every exam and never rewritten:
at worst another exam's part skips a few variants, and nothing the learner saw is shown again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.model import Part
    from tutor.study.drafts import Settings

LEGACY_KEY = "variants"


def key(exam_id: str) -> str:
    """The setting that holds one exam's seen variants."""
    return f"variants:{exam_id}"


def _whole(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _mapping(settings: Settings, name: str) -> dict[str, Any]:
    stored = settings.get_setting(name, {})
    return dict(stored) if isinstance(stored, dict) else {}


def seen_variant(settings: Settings, exam_id: str, part_id: str) -> int:
    """The highest variant of the part shown so far (0: only the exam's own numbers)."""
    legacy = _whole(_mapping(settings, LEGACY_KEY).get(part_id))
    return max(_whole(_mapping(settings, key(exam_id)).get(part_id)), legacy)


def next_variant(settings: Settings, exam_id: str, part: Part, current: int = 0) -> int:
    """A variant of the exam's part not shown before (after `current` and the last one seen);
    remembered under the exam."""
    from tutor.engine.variants import fresh_variant

    after = max(int(current), seen_variant(settings, exam_id, part.id))
    variant = int(fresh_variant(part, after))
    seen = _mapping(settings, key(exam_id))
    seen[part.id] = variant
    settings.set_setting(key(exam_id), seen)
    return variant
