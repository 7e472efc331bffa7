"""One part of a submitted mock, to learn from: per answer box what you wrote, how it was
read, the reference answer, the verdict with the anticipated-mistake feedback; the worked
solution on request; and, for a written answer, the slot where it is self-graded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from tutor.mathtext import render_text
from tutor.ui.widgets.math_text import MathText

MARKS = {
    "correct": ("✓", "$text-success"), "partial": ("◐", "$text-warning"),
    "incorrect": ("✗", "$text-error"), "blank": ("—", "$text-muted"),
    "pending": ("✎", "$text-accent"), "invalid": ("⚠", "$text-warning"),
    "self-grade": ("✎", "$text-accent"),
}
VERDICT_WORDS = {"correct": "right", "partial": "partly right", "incorrect": "wrong", "blank": "left blank",
                 "pending": "to grade yourself", "invalid": "could not be read", "self-grade": "to grade yourself"}


def n(x: float | None) -> str:
    """A score without trailing zeros."""
    return f"{round(x or 0.0, 2):g}"


@dataclass(frozen=True)
class FieldShown:
    """What the results show of one answer box: its grade, how it read, its reference."""

    field: Any          # the field with the exam's numbers filled in
    grade: Any          # tutor.study.FieldGrade
    reading: str = ""   # how the answer was read ("" for text or unreadable)
    reference: str = ""
    result: Any = None  # the engine's result for a written answer (its rubric evidence)


class PartResult(Vertical):
    """A submitted part: heading with verdict and points, each answer box, the solution."""

    DEFAULT_CSS = """
    PartResult { height: auto; border: round $panel; padding: 0 1; margin-bottom: 1; }
    PartResult .part-result-title { text-style: bold; }
    PartResult .field-label { color: $text-muted; margin-top: 1; }
    PartResult .field-feedback { padding-left: 2; color: $text; }
    PartResult .self-grade-slot { height: auto; }
    PartResult .self-graded { color: $text-success; }
    PartResult Collapsible { margin: 1 0 0 0; padding: 0; border: none; }
    """

    def __init__(self, part: Any, part_grade: Any, shown: list[FieldShown], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="part-result")
        self.part = part
        self.part_grade = part_grade
        self.shown = shown

    def heading(self) -> Content:
        """`✗ Part 4a · 0/3 · wrong`."""
        grade = self.part_grade
        mark, style = MARKS.get(grade.verdict, ("?", ""))
        return Content.assemble((f"{mark} ", f"bold {style}"), (f"Part {grade.part_id}", "bold"),
                                f" · {n(grade.score)}/{n(grade.max)} · ",
                                (VERDICT_WORDS.get(grade.verdict, grade.verdict), style))

    def compose(self) -> ComposeResult:
        """The heading, each answer box, and the worked solution (collapsed)."""
        yield Static(self.heading(), markup=False, classes="part-result-title")
        several = len(self.shown) > 1
        for item in self.shown:
            yield from self._field(item, several)
        if self.part.solution:
            steps = "\n\n".join(f"{i}. {step.strip()}" for i, step in enumerate(self.part.solution, 1))
            yield Collapsible(MathText(steps), title="Worked solution (enter to open)", collapsed=True,
                              classes="part-solution")

    def _field(self, item: FieldShown, several: bool) -> ComposeResult:
        field, grade = item.field, item.grade
        if several:
            mark, style = MARKS.get(grade.verdict if not grade.self_graded else _own(grade), ("?", ""))
            label = render_text(field.label or field.id)
            yield Static(Content.assemble((f"{mark} ", style), f"{label} · {n(grade.score)}/{n(grade.max)}"),
                         markup=False, classes="field-label")
        if grade.verdict == "blank":
            answer = Content.styled("(left blank)", "dim")
        else:
            read = f"  → read as {item.reading}" if item.reading and item.reading != grade.raw else ""
            answer = Content.assemble(grade.raw, (read, "dim"))
        yield Static(Content.assemble(("Your answer  ", "bold"), answer), markup=False, classes="field-answer")
        if field.kind != "text" and item.reference:
            yield Static(Content.assemble(("Reference    ", "bold"), item.reference), markup=False,
                         classes="field-reference")
        if field.kind != "text":
            for line in grade.feedback:
                yield MathText(line, classes="field-feedback")
            return
        if grade.self_graded:
            yield Static(f"You gave yourself {n(grade.score)}/{n(grade.max)}.", markup=False,
                         classes="self-graded")
            if item.reference:
                yield MathText(f"Model answer: {item.reference}", classes="field-reference")
        elif grade.verdict == "blank":
            if item.reference:
                yield MathText(f"Model answer: {item.reference}", classes="field-reference")
        else:
            # the self-grade slot: the screen fills it (see MockResultsScreen.self_grade_widget)
            yield Vertical(classes="self-grade-slot", id=f"slot-{field.part_id}-{field.id}")


def _own(grade: Any) -> str:
    """The verdict a self-graded score earns (one rule, from the engine)."""
    from tutor.engine.result import verdict_for

    return verdict_for(grade.score, grade.max)
