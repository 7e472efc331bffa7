"""The practice screen's side of checking: an answer is checked and recorded in a worker (the
attempt is committed before its feedback shows), then its verdict is shown, the next box
focused, and the parts list's marks redrawn; a written answer's self-grade is recorded."""

from __future__ import annotations

import time
from typing import Any

from textual import on, work

from tutor.ui.screens.practice_drafts import KeepsDrafts
from tutor.ui.screens.practice_state import PartState
from tutor.ui.widgets.field_base import FieldWidget
from tutor.ui.widgets.parts_list import PartsList
from tutor.ui.widgets.self_grade import SelfGrade
from tutor.ui.widgets.text_field import TextField


class ChecksAnswers(KeepsDrafts):
    """Checking answers on the practice screen. The screen provides `states`, `part_id` and
    `view` (see `KeepsDrafts`)."""

    @on(FieldWidget.Submitted)
    def _field_submitted(self, event: FieldWidget.Submitted) -> None:
        event.stop()
        widget, raw = event.widget, event.raw
        if not raw.strip():
            widget.feedback.show_message("invalid", "Type or pick an answer first (not counted).")
            return
        part = self.view.part if self.view is not None else self.exam.part(self.part_id)
        state = self.states[self.part_id]
        now = time.monotonic()
        since = max(state.opened, state.last_submit.get(widget.field.id, 0.0))
        state.last_submit[widget.field.id] = now
        widget.feedback.show_pending()
        self._check(widget, part, widget.field, raw, state.hints, state.steps > 0,
                    round(now - since, 3), state.variant)

    @work(thread=True, group="check", exit_on_error=False)
    def _check(self, widget: FieldWidget, part: Any, field: Any, raw: str, hints: int,
               solution_seen: bool, duration: float, variant: int) -> None:
        """Check and record in a thread (the attempt is committed BEFORE its feedback shows)."""
        from tutor.study.answering import check_and_record

        try:
            checked = check_and_record(self.store, self.exam, part, field, raw, mode="practice",
                                       variant=variant, hints_used=hints,
                                       solution_seen=solution_seen, duration_s=duration)
        except Exception as exc:  # noqa: BLE001 - a worker's top: say what failed, keep the answer
            self.app.call_from_thread(widget.feedback.show_message, "invalid",
                                      f"Could not check or save this answer: {exc}")
            return
        self.app.call_from_thread(self._show_result, widget, part.id, field.id, raw, checked)

    def _show_result(self, widget: FieldWidget, part_id: str, field_id: str, raw: str,
                     checked: Any) -> None:
        state = self.states.setdefault(part_id, PartState())
        result, attempt_id = checked.result, checked.attempt_id
        if result is None:  # a mock of this exam is running
            widget.feedback.cancel_pending()
            self.exam_conditions(checked.closed)
            return
        if result.verdict == "invalid":
            if widget.is_attached:
                widget.show_invalid(result)
                self.call_after_refresh(widget.feedback.scroll_visible, immediate=True)
            return
        state.results[field_id] = (result, attempt_id)
        state.drafts[field_id] = state.checked[field_id] = raw
        self.saved.put(part_id, state.variant, state.unchecked())  # checked: no longer a draft
        if widget.is_attached and part_id == self.part_id:
            widget.show_result(result, attempt_id)
            if result.verdict == "correct" and self.view is not None:
                self._after_correct(widget)
            else:
                self.call_after_refresh(widget.feedback.scroll_visible, immediate=True)
        self._refresh_marks()
        if checked.not_saved:
            self.notify(f"Not saved: {checked.not_saved}", severity="warning", timeout=8)
        self._warn_if_not_saving()

    def _after_correct(self, widget: FieldWidget) -> None:
        """Move on to the next unanswered field, or free the letter keys when all are done."""
        view = self.view
        assert view is not None
        state = self.states[self.part_id]
        fields = view.fields
        after = fields[fields.index(widget) + 1:] if widget in fields else []
        pending = [w for w in after if w.field.id not in state.results]
        if pending:
            pending[0].focus_input()   # still in a box: the next one waiting for an answer
        else:
            self.call_after_refresh(widget.feedback.scroll_visible, immediate=True)  # focus stays in the box

    @on(SelfGrade.Graded)
    def _self_graded(self, event: SelfGrade.Graded) -> None:
        event.stop()
        node = event.panel.parent
        if not isinstance(node, TextField):
            return
        from tutor.study.answering import self_grade

        field = node.field
        state = self.states[self.part_id]
        _result, attempt_id = state.results.get(field.id, (None, None))
        graded = self_grade(self.store, attempt_id, event.score, field.points)
        node.feedback.show_message(graded.verdict, f"you gave yourself {graded.score:g}/"
                                   f"{graded.max:g} points")
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        lists = self.query(PartsList)
        if lists:
            lists.first().set_status(self.store.part_status(self.exam.id, self.exam), set(self.saved.drafted()))

    def _warn_if_not_saving(self) -> None:
        warning = self.store.warning
        if warning and not getattr(self, "_warned", False):
            self._warned = True
            self.notify(warning, severity="warning", timeout=8)
