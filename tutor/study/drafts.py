"""Practice answers typed but not checked, kept in the study store so quitting loses none.

One setting per exam maps each part to the variant it was on and the text of each field.
Reads happen once per `SavedDrafts`; a write happens only when a part's drafts changed. The
practice screen saves when typing pauses, when it shows another part or variant, and when
it is left or closed; the home screen lists the parts with drafts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tutor.model import Exam


class Settings(Protocol):
    """What drafts need from the store: its JSON settings."""

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A stored setting, or `default`."""

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting."""

MAX_DRAFT_CHARS = 4000  # as long as the engine reads an answer


class SavedDrafts:
    """The drafts of one exam's practice parts, read from and written to the store."""

    def __init__(self, study: Settings, exam_id: str) -> None:
        self.study = study
        self.key = f"practice-drafts:{exam_id}"
        self._parts: dict[str, Any] | None = None

    def _all(self) -> dict[str, Any]:
        if self._parts is None:
            stored = self.study.get_setting(self.key, {})
            self._parts = stored if isinstance(stored, dict) else {}
        return self._parts

    def get(self, part_id: str) -> tuple[int, dict[str, str]] | None:
        """(variant, {field id: text}) saved for a part, or None."""
        saved = self._all().get(part_id)
        if not isinstance(saved, dict) or not isinstance(saved.get("fields"), dict):
            return None
        fields = {str(k): v for k, v in saved["fields"].items() if isinstance(v, str) and v}
        variant = saved.get("variant", 0)
        return (variant if isinstance(variant, int) and variant >= 0 else 0), fields

    def drafted(self, exam: Exam | None = None) -> list[str]:
        """The parts with a saved draft (in the exam's order, given the exam)."""
        parts = [part_id for part_id, saved in self._all().items()
                 if isinstance(saved, dict) and saved.get("fields")]
        if exam is None:
            return parts
        return [p.id for p in exam.parts if p.id in parts]

    def put(self, part_id: str, variant: int, fields: dict[str, str]) -> None:
        """Remember a part's drafts (empty fields dropped); writes only when they changed."""
        kept = {k: v[:MAX_DRAFT_CHARS] for k, v in fields.items() if isinstance(v, str) and v.strip()}
        entry = {"variant": variant, "fields": kept} if kept else None
        parts = self._all()
        if parts.get(part_id) == entry:
            return
        if entry is None:
            parts.pop(part_id, None)
        else:
            parts[part_id] = entry
        self.study.set_setting(self.key, parts)
