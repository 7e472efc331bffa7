"""Practice answers typed but not checked, kept in the study store so quitting loses none.

One setting per exam maps each part to the variant it was on and the text of each field.
Reads happen once per screen; a write happens only when a part's drafts changed. The
practice screen saves when typing pauses, when it shows another part or variant, and when
it is left or closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.practice_state import PartState

if TYPE_CHECKING:  # the home screen reads drafts too, and must not load the field widgets
    from textual.timer import Timer

    from tutor.ui.widgets.field_base import FieldWidget
    from tutor.ui.widgets.part_view import PartView

MAX_DRAFT_CHARS = 4000  # as long as the engine reads an answer
DRAFT_SAVE_DELAY = 1.0  # seconds after the last change to an answer


class SavedDrafts:
    """The drafts of one exam's practice parts, read from and written to the store."""

    def __init__(self, study: Any, exam_id: str) -> None:
        self.study = study
        self.key = f"practice-drafts:{exam_id}"
        self._parts: dict[str, dict] | None = None

    def _all(self) -> dict[str, dict]:
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

    def drafted(self, exam: Any = None) -> list[str]:
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


class KeepsDrafts(TutorScreen):
    """The practice screen's side of drafts: per-part state seeded from earlier sessions, and
    saving. The screen provides `states`, `part_id`, `view` and `_refresh_marks`."""

    states: dict[str, PartState]
    part_id: str
    _draft_timer: Timer | None = None
    _saved: SavedDrafts | None = None

    @property
    def view(self) -> PartView | None:
        """The part on screen (the practice screen finds it)."""
        raise NotImplementedError

    def _refresh_marks(self) -> None:
        """Redraw the parts list's marks (the practice screen knows its list)."""
        raise NotImplementedError

    def _state(self, part_id: str) -> PartState:
        """This visit's state of a part; the first time, what was typed in an earlier session."""
        state = self.states.get(part_id)
        if state is None:
            state = self.states[part_id] = PartState()
            saved = self.saved.get(part_id)
            if saved is not None and (saved[0] == 0 or self.exam.part(part_id).params):
                state.variant, state.drafts = saved
        return state

    def _save_drafts(self) -> None:
        """Keep what the fields hold, in this visit and in the store."""
        self._draft_timer = None
        view = self.view
        if view is None or not self.part_id:
            return
        state = self._state(self.part_id)
        for widget in view.fields:
            try:
                state.drafts[widget.field.id] = widget.value()
            except Exception:  # noqa: BLE001 - a half-built widget has no value yet
                continue
        before = self.saved.drafted()
        self.saved.put(self.part_id, state.variant, state.unchecked())
        if self.saved.drafted() != before:
            self._refresh_marks()  # a ✎ came or went

    @property
    def saved(self) -> SavedDrafts:
        """This exam's drafts from earlier sessions (read from the store once)."""
        if self._saved is None:
            self._saved = SavedDrafts(self.app.study, self.exam.id)
        return self._saved

    def on_field_widget_edited(self, event: FieldWidget.Edited) -> None:
        """An answer changed: note it at once, store it once typing pauses."""
        if self.part_id and event.widget.field.part_id == self.part_id:
            try:
                self._state(self.part_id).drafts[event.widget.field.id] = event.widget.value()
            except Exception:  # noqa: BLE001 - a half-built widget has no value yet
                pass
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_DELAY, self._save_drafts)

    def on_screen_suspend(self) -> None:
        """Leaving for another screen: keep the drafts."""
        self._save_drafts()

    def on_unmount(self) -> None:
        """Closing (the fields may already be gone): store what was last noted."""
        state = self.states.get(self.part_id) if self.part_id else None
        if state is not None:
            self.saved.put(self.part_id, state.variant, state.unchecked())

