"""Free-text answers: a TextArea with a live sentence counter, then the rubric to self-grade."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Static, TextArea

from tutor.ui.widgets.field_base import FieldWidget
from tutor.ui.widgets.latest_only import LatestOnly
from tutor.ui.widgets.self_grade import SelfGrade


class AnswerArea(TextArea):
    """Textual's TextArea, drawn afresh whenever its width changes.

    The TextArea re-wraps its text on a resize but keeps the lines it painted at the new width
    with the old wrapping (e.g. when feedback below brings in the part's scrollbar), so a
    word showed on two rows until focus left the box.
    """

    def on_resize(self, event: events.Resize) -> None:
        """Redraw every row with the new wrapping."""
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The box's rows; blank once it has left the screen.

        A screen's refresh timer can still paint the frame it laid out before this box was
        removed (a part changed in the mock), and a removed TextArea has lost the component
        styles its theme reads: drawing it raised KeyError and ended the app.
        """
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class TextField(FieldWidget):
    """Write an explanation; ctrl+s or the Check button compares it with the rubric."""

    def compose(self) -> ComposeResult:
        """Label, text area, sentence counter, check button, feedback, rubric slot."""
        if self.show_label:
            yield self.label_widget()
        limit = self.field.max_sentences
        yield AnswerArea(id=f"input-{self.field.id}", soft_wrap=True, tab_behavior="focus",
                       placeholder=f"Explain in at most {limit} sentences…" if limit
                       else "Explain…", classes="text-input")
        yield Static(self._count_text(0), markup=False, classes="counter",
                     id=f"counter-{self.field.id}")
        check = Button("Check", id=f"check-{self.field.id}", compact=True, classes="check-button")
        check.can_focus = False  # ctrl+s checks; Tab goes straight on to the self-grade checklist
        yield check
        yield self.feedback_widget()

    @property
    def text_area(self) -> TextArea:
        """The text input."""
        return self.query_one(TextArea)

    def value(self) -> str:
        """The written answer."""
        return self.text_area.text

    def set_value(self, raw: str) -> None:
        """Restore a draft, the cursor at its end (so new typing continues it)."""
        area = self.text_area
        area.load_text(raw)
        area.move_cursor(area.document.end)

    def input_widget(self) -> Widget:
        """The text area."""
        return self.text_area

    def _count_text(self, n: int) -> str:
        limit = self.field.max_sentences
        words = f"{n} sentence" + ("" if n == 1 else "s")
        if limit:
            return f"{words} of at most {limit}" + ("  — too many" if n > limit else "")
        return words

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self))
        self.counter.request(self.text_area.text)

    @property
    def counter(self) -> LatestOnly[str, str]:
        """The live sentence count: the latest text only, one worker at a time."""
        if getattr(self, "_counter", None) is None:
            self._counter: LatestOnly[str, str] = LatestOnly(
                self, self._count, lambda _text, line: self._show_count(line), "count",
                failed=lambda _exc: "")   # the counter is a convenience: blank, never a crash
        return self._counter

    def _count(self, text: str) -> str:
        """Worker: "2 sentences of at most 3" for `text`."""
        from tutor.engine import preview

        shown = preview(self.field, text)
        return str(shown.text) if shown.text else self._count_text(0)

    def _show_count(self, line: str) -> None:
        counter = self.query_one(".counter", Static)
        counter.update(line)
        limit = self.field.max_sentences
        n = int(line.split()[0]) if line[:1].isdigit() else 0
        counter.set_class(bool(limit and n > limit), "-over")

    @on(Button.Pressed, ".check-button")
    def _check_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def show_result(self, result: Any, attempt_id: int | None = None) -> None:
        """Show the verdict, then the self-grade checklist (focused: number keys tick ideas)."""
        super().show_result(result, attempt_id)
        self.attempt_id = attempt_id
        for old in self.query(SelfGrade):
            old.remove()
        if str(result.verdict) != "invalid":
            panel = SelfGrade(self.field, result, raw_latex=self.raw_latex)
            self.mount(panel)
            self.call_after_refresh(panel.focus, False)  # number keys tick, Enter confirms (no jump)
