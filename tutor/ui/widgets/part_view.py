"""The right-hand pane of practice: the problem's setup, the part's prompt, one input per
field, and the hint and solution panels."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Collapsible, Static

from tutor.ui.keys import is_in_box
from tutor.ui.widgets.choice_field import ChoiceField
from tutor.ui.widgets.field_base import FieldWidget, points_text
from tutor.ui.widgets.figure import FigureView
from tutor.ui.widgets.line_field import LineField
from tutor.ui.widgets.math_text import MathText
from tutor.ui.widgets.reveal import RevealPanel
from tutor.ui.widgets.text_field import TextField

WIDGETS: dict[str, type[FieldWidget]] = {
    "number": LineField, "formula": LineField, "shape": LineField, "graph": LineField,
    "choice": ChoiceField, "text": TextField,
}


def field_widget(field: Any, *, raw_latex: bool, show_label: bool, variant: int = 0) -> FieldWidget:
    """The input widget for a field of any kind, asking about the part's `variant` numbers."""
    return WIDGETS.get(field.kind, LineField)(field, raw_latex=raw_latex, show_label=show_label,
                                               variant=variant)


class PartView(VerticalScroll):
    """Everything about one part; its contents are rebuilt when the learner moves to another
    part (`show`).

    The part's stage is reactive: `hints_shown` and `steps_shown` drive the hint and solution
    panels and bring a newly revealed item into view.
    """

    hints_shown: reactive[int] = reactive(0, init=False)
    steps_shown: reactive[int] = reactive(0, init=False)
    typing: reactive[bool] = reactive(False, init=False)  # focus is in an answer box

    def __init__(self, exam: Any, part: Any, *, raw_latex: bool = False,
                 context_open: bool = True, hints_shown: int = 0, steps_shown: int = 0,
                 variant: int = 0) -> None:
        super().__init__(id="part-view")
        self.exam = exam
        self.part = part
        self.raw_latex = raw_latex
        self.context_open = context_open
        self.set_reactive(PartView.hints_shown, hints_shown)
        self.set_reactive(PartView.steps_shown, steps_shown)
        self.variant = variant

    async def show(self, part: Any, *, raw_latex: bool = False, context_open: bool = True,
                   hints_shown: int = 0, steps_shown: int = 0, variant: int = 0) -> None:
        """Show another part in this same view: its contents are rebuilt, the view (and its
        focus and place in the screen's layout) stays."""
        self.part, self.raw_latex, self.context_open = part, raw_latex, context_open
        self.set_reactive(PartView.hints_shown, hints_shown)   # the new part's stage: no scrolling
        self.set_reactive(PartView.steps_shown, steps_shown)
        self.variant = variant
        await self.recompose()

    def compose(self) -> ComposeResult:
        """Setup, prompt, figure, fields, hints, solution, links."""
        part, raw = self.part, self.raw_latex
        problem = self.exam.problem_of(part.id)
        bonus = " (bonus)" if problem.bonus else ""
        heading = f"Problem {problem.id} · {problem.title}{bonus} · {points_text(problem.points)}"
        if problem.context.strip():
            with Collapsible(title=Content(heading),  # type: ignore[arg-type]  # plain text, not markup
                             collapsed=not self.context_open, id="context"):
                yield MathText(problem.context, raw=raw, classes="context")
        else:
            yield Static(heading, markup=False, classes="problem-title")
        variant = f" · variant {self.variant} (v: new numbers, V: the exam's)" if self.variant else ""
        yield Static(Content.assemble((f"Part {part.id}", "bold"),
                                      f" · {points_text(part.points)}{variant}"),
                     markup=False, classes="part-title", id="part-title")
        yield MathText(part.prompt, raw=raw, classes="prompt", id="prompt")
        if part.figure or part.figure_plot or part.figure_image:
            yield FigureView(part, raw_latex=raw, id="figure-view")
        single = len(part.fields) == 1
        for field in part.fields:
            yield field_widget(field, raw_latex=raw, show_label=not single or bool(field.label),
                               variant=self.variant)
        yield RevealPanel("Hint", part.hints, shown=self.hints_shown, raw_latex=raw, id="hints")
        yield RevealPanel("Worked solution, step", part.solution, shown=self.steps_shown,
                          raw_latex=raw, id="solution")
        yield Static(self._links(), markup=False, classes="links", id="links")

    def _links(self) -> Content:
        """What else the part offers, each with the key that works where focus is."""
        part = self.part
        bits = []
        if part.hints:
            bits.append(self._command("hint", f"hint ({len(part.hints)})"))
        if part.solution:
            steps = len(part.solution)
            bits.append(self._command("step", f"solution ({steps} step{'' if steps == 1 else 's'})"))
        if part.scan:
            scan = self.exam.word("scan") if hasattr(self.exam, "word") else "scanned answer"
            bits.append(self._command("critique", f"critique the {scan}"))
        if part.demo:
            bits.append(self._command("demo", f"demo: {part.demo}"))
        if part.params and not self.variant:
            bits.append(self._command("variant", "new numbers"))
        bits.append("esc leaves an input" if self.typing else self._command("answer", "answer"))
        return Content.styled(" · ".join(bits), "dim")

    def _command(self, action: str, what: str) -> str:
        """`what`, led by the key of the screen's binding for `action` that works where focus
        is: the in-box key while typing (a letter would type), else the letter; as remapped."""
        if not self.is_attached:
            return what
        overrides: dict[str, str] = getattr(self.app, "key_overrides", {})
        for binding in getattr(type(self.screen), "BINDINGS", ()):
            if (isinstance(binding, Binding) and is_in_box(binding) == self.typing
                    and binding.action in (action, f"after_typing('{action}')")):
                key = overrides.get(binding.id or "", binding.key).split(",")[0].strip()
                return f"{self.app.get_key_display(dataclasses.replace(binding, key=key))} {what}"
        return what

    def watch_typing(self) -> None:
        """Focus moved into or out of a box: the key line follows."""
        for links in self.query("#links").results(Static):
            links.update(self._links())

    def validate_hints_shown(self, shown: int) -> int:
        """No more hints than the part has."""
        return max(0, min(shown, len(self.part.hints)))

    def validate_steps_shown(self, shown: int) -> int:
        """No more steps than the worked solution has."""
        return max(0, min(shown, len(self.part.solution)))

    def watch_hints_shown(self, before: int, now: int) -> None:
        """A hint revealed: the panel shows it (its own watcher redraws) and comes into view."""
        self.hints.shown = now
        if now > before:
            self.call_after_refresh(self.hints.scroll_visible, immediate=True)

    def watch_steps_shown(self, before: int, now: int) -> None:
        """A solution step revealed: the panel shows it and comes into view."""
        self.solution.shown = now
        if now > before:
            self.call_after_refresh(self.solution.scroll_visible, immediate=True)

    @property
    def fields(self) -> list[FieldWidget]:
        """The field widgets, in order."""
        return list(self.query(FieldWidget))

    def field_widget(self, field_id: str) -> FieldWidget | None:
        """The widget of one field, if shown."""
        for widget in self.query(FieldWidget):
            if widget.field.id == field_id:
                return widget
        return None

    @property
    def hints(self) -> RevealPanel:
        """The hints panel."""
        return self.query_one("#hints", RevealPanel)

    @property
    def solution(self) -> RevealPanel:
        """The worked-solution panel."""
        return self.query_one("#solution", RevealPanel)
