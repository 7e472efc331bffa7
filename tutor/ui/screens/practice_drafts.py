"""The practice screen's side of drafts (see `tutor.study.drafts`): per-part state seeded from
earlier sessions, and saving when typing pauses, on leaving a part and on closing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from tutor.study.drafts import SavedDrafts
from tutor.ui.debounce import Debounce
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.practice_state import PartState

if TYPE_CHECKING:
    from tutor.ui.widgets.field_base import FieldWidget
    from tutor.ui.widgets.part_view import PartView

DRAFT_SAVE_DELAY = 1.0  # seconds after the last change to an answer


class KeepsDrafts(TutorScreen):
    """The practice screen's side of drafts: per-part state seeded from earlier sessions, and
    saving. The screen provides `states`, `part_id`, `view` and `_refresh_marks`."""

    states: dict[str, PartState]
    part_id: str
    _saved: SavedDrafts | None = None
    _draft_saver: Debounce | None = None

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

    @property
    def draft_saver(self) -> Debounce:
        """Stores the drafts once typing pauses."""
        if self._draft_saver is None:
            self._draft_saver = Debounce(self, DRAFT_SAVE_DELAY, self._save_drafts, name="draft-save")
        return self._draft_saver

    def _save_drafts(self) -> None:
        """Keep what the fields hold, in this visit and in the store."""
        self.draft_saver.cancel()
        view = self.view
        if view is None or not self.part_id:
            return
        state = self._state(self.part_id)
        for widget in view.fields:
            if widget.variant != state.variant:  # the old numbers' field, on its way out
                continue
            try:
                state.drafts[widget.field.id] = widget.value()
            except NoMatches:  # a field not composed yet has no answer to keep
                continue
        before = self.saved.drafted()
        self.saved.put(self.part_id, state.variant, state.unchecked())
        if self.saved.drafted() != before:
            self._refresh_marks()  # a ✎ came or went

    @property
    def saved(self) -> SavedDrafts:
        """This exam's drafts from earlier sessions (read from the store once)."""
        if self._saved is None:
            self._saved = SavedDrafts(self.store, self.exam.id)
        return self._saved

    def on_field_widget_edited(self, event: FieldWidget.Edited) -> None:
        """An answer changed: note it at once, store it once typing pauses.

        A late message from a field of another part, or of other numbers for this part (the
        learner pressed `v` meanwhile), is dropped: its answer belongs to what is gone.
        """
        if not self.part_id or event.widget.field.part_id != self.part_id:
            return
        state = self._state(self.part_id)
        if event.variant != state.variant or not event.widget.is_attached:
            return
        try:
            state.drafts[event.widget.field.id] = event.widget.value()
        except NoMatches:  # a field not composed yet has no answer to keep
            return
        self.draft_saver.poke()

    def on_screen_suspend(self) -> None:
        """Leaving for another screen: keep the drafts."""
        self._save_drafts()

    def on_unmount(self) -> None:
        """Closing (the fields may already be gone): store what was last noted."""
        state = self.states.get(self.part_id) if self.part_id else None
        if state is not None:
            self.saved.put(self.part_id, state.variant, state.unchecked())

