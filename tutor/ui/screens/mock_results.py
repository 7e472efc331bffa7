"""Mock results: score per problem, total and bonus, time used, a verdict per part; then the
written answers to grade against the rubric, then "review what you missed"."""

from __future__ import annotations

from typing import Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, Static

from tutor.ui.app import TutorApp
from tutor.ui.clock import countdown
from tutor.ui.widgets.math_text import MathText
from tutor.ui.widgets.self_grade import SelfGrade
from tutor.ui.widgets.tutor_footer import TutorFooter

MARKS = {
    "correct": ("✓", "$text-success"), "partial": ("◐", "$text-warning"),
    "incorrect": ("✗", "$text-error"), "blank": ("—", "$text-muted"),
    "pending": ("✎", "$text-accent"), "invalid": ("⚠", "$text-warning"),
}
PER_LINE = 5  # part cells per line: 3 + 5 * 13 columns fits 80
REASONS = {
    "manual": "Submitted",
    "timeout": "Time is up: submitted automatically at 0:00",
    "expired": "Time ran out while tutor was closed: submitted with your saved answers",
}


def _n(x: float | None) -> str:
    return f"{round(x or 0.0, 2):g}"


def _bar(score: float, top: float, width: int = 10) -> str:
    full = round(width * (score / top)) if top > 0 else 0
    return "█" * full + "░" * (width - full)


class MockResultsScreen(Screen[None]):
    """What the mock earned, and what to do about what it missed."""

    app = getters.app(TutorApp)

    CSS_PATH = "mock_results.tcss"
    BINDINGS = [
        Binding("r", "review", "Review missed", tooltip="Review the concepts of the parts you missed"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, exam: Any, result: Any, reason: str | None = None) -> None:
        super().__init__()
        self.exam = exam
        self.result = result
        self.grade = result.grade
        self.reason = reason or result.session.submit_reason or "manual"

    def compose(self) -> ComposeResult:
        """Summary, problems, parts, written answers, review."""
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static("", markup=False, id="results-summary")
            yield Static("", markup=False, id="results-problems")
            yield Vertical(id="results-text")
            yield Static("", markup=False, id="results-missed")
            yield Button("Review what you missed (r)", id="results-review", variant="primary")
        yield TutorFooter()

    def on_mount(self) -> None:
        """Fill in the grade; fetch the rubric evidence for the written answers."""
        self.sub_title = "Mock results"
        self._show_grade()
        written = [f for f in self.grade.fields if f.verdict == "self-grade"]
        text = self.query_one("#results-text", Vertical)
        if written:
            text.mount(Static(Content.styled(
                f"Your written answers ({len(written)}): their points are pending until you tick, for each, "
                "the ideas you really made (number keys or a click, Enter confirms).", "bold"),
                markup=False, classes="results-heading"))
            self._evidence(written)
        self.query_one("#results-review", Button).focus(scroll_visible=False)
        self.query_one("#results-body").scroll_home(animate=False)

    # -- the numbers -------------------------------------------------------------------
    def _show_grade(self) -> None:
        grade, session = self.grade, self.result.session
        bonus = (f" + {_n(grade.bonus)}/{_n(grade.max_bonus)} bonus", "") if grade.max_bonus else ""
        allowed = (session.minutes or self.exam.minutes) * 60
        pending = len(grade.pending)
        lines = [
            Content.styled(REASONS.get(self.reason, "Submitted"), "bold"),
            Content.assemble(("Score ", "bold"), (f"{_n(grade.score)}/{_n(grade.max_score)}", "bold $accent"), bonus),
            Content(f"Time used {countdown(grade.time_used_s)} of {countdown(allowed)}"),
        ]
        if pending:
            waiting = sum(f.max for f in grade.pending)
            lines[1] = lines[1] + Content.styled(f"  + {_n(waiting)} pending", "$text-warning")
            lines.append(Content.styled(f"{pending} written answer{'s' if pending != 1 else ''} ({_n(waiting)} pts) "
                                        "pending: grade each with its checklist below.", "$text-warning"))
        self.query_one("#results-summary", Static).update(Content("\n").join(lines))

        width = min(max(len(f"{p.problem_id} {p.title} (bonus)") for p in grade.problems), 40)
        rows = [Content.styled("By problem and part", "bold"),
                Content.styled("✓ right  ◐ partly  ✗ wrong  — blank  ✎ to grade yourself", "dim")]
        for p in grade.problems:
            name = f"{p.problem_id} {p.title}" + (" (bonus)" if p.bonus else "")
            name = name if len(name) <= width else name[: width - 1] + "…"
            waiting = sum(f.max for f in grade.pending if self.exam.part(f.part_id).problem_id == p.problem_id)
            rows.append(Content.assemble((f"{name:<{width}}", "bold"),
                                         f"  {_n(p.score):>5}/{_n(p.max):<3} {_bar(p.score, p.max)}",
                                         (f" +{_n(waiting)} pending" if waiting else "", "$text-warning")))
            cells = [self._part_cell(part) for part in grade.parts if part.problem_id == p.problem_id]
            for i in range(0, len(cells), PER_LINE):
                rows.append(Content("   ").join([Content(""), *cells[i:i + PER_LINE]]))
        self.query_one("#results-problems", Static).update(Content("\n").join(rows))

        missed = self._missed_concepts()
        if missed:
            names = ", ".join(self.exam.concepts[c].title if c in self.exam.concepts else c for c in missed)
            text = Content.assemble(("Missed concepts: ", "bold"), names,
                                    ("\nThey are due for review now.", "dim"))
        else:
            text = Content("Nothing missed so far.")
        self.query_one("#results-missed", Static).update(text)

    @staticmethod
    def _part_cell(part: Any) -> Content:
        """`✓ 1a 5/5`, coloured by verdict."""
        mark, style = MARKS.get(part.verdict, ("?", ""))
        points = "pending" if part.verdict == "pending" else f"{_n(part.score)}/{_n(part.max)}"
        return Content.assemble((f"{mark} ", f"bold {style}"), (f"{part.part_id} ", "bold"), points.ljust(7))

    def _missed_concepts(self) -> list[str]:
        missed: dict[str, None] = {}
        for part in self.grade.parts:
            if part.verdict in ("incorrect", "blank", "partial"):
                for concept in self.exam.part(part.part_id).concepts:
                    missed[concept] = None
        return list(missed)

    # -- self-grading ------------------------------------------------------------------
    @work(thread=True, group="evidence")
    def _evidence(self, written: list[Any]) -> None:
        """Re-read each written answer with the engine to show its rubric evidence."""
        from tutor.engine.exam_numbers import check_exam_answer, exam_part

        checked = []
        for field_grade in written:
            part = exam_part(self.exam.part(field_grade.part_id))
            field = next(f for f in part.fields if f.full_id == field_grade.field_id)
            checked.append((field_grade, field, check_exam_answer(field, field_grade.raw, part)))
        self.app.call_from_thread(self._show_rubrics, checked)

    def _show_rubrics(self, checked: list[tuple[Any, Any, Any]]) -> None:
        box = self.query_one("#results-text", Vertical)
        from tutor.engine.exam_numbers import exam_part

        for field_grade, field, result in checked:
            part = exam_part(self.exam.part(field.part_id))
            head = Content.assemble((f"Part {part.id}", "bold"), f" · {field.label or field.id}"
                                    f" · {_n(field.points)} pts")
            children: list[Widget] = [Static(head, markup=False, classes="written-title"),
                        MathText(part.prompt, classes="written-prompt"),
                        Static(Content.assemble(("Your answer: ", "bold"), field_grade.raw),
                               markup=False, classes="written-answer")]
            if field_grade.self_graded:
                children.append(Static(f"You gave yourself {_n(field_grade.score)}/{_n(field.points)}.",
                                       markup=False, classes="written-done"))
            else:
                children.append(SelfGrade(field, result))
            box.mount(Vertical(*children, classes="written", id=f"written-{field.part_id}-{field.id}"))

    @on(SelfGrade.Graded)
    def _graded(self, event: SelfGrade.Graded) -> None:
        event.stop()
        field = event.panel.field
        store = self.app.store
        try:
            self.grade = store.self_grade_mock(self.exam, self.result.session.id, field.full_id, event.score)
        except Exception as exc:  # noqa: BLE001 - keep the screen, say what failed
            self.notify(f"Could not save the grade: {exc}", severity="error")
            return
        block = event.panel.parent
        if isinstance(block, Widget):
            block.mount(Static(f"You gave yourself {_n(event.score)}/{_n(field.points)}.",
                               markup=False, classes="written-done"))
        self._show_grade()
        left = len(self.grade.pending)
        self.notify(f"Saved. {left} written answer{'s' if left != 1 else ''} left to grade." if left
                    else f"All graded: {_n(self.grade.score)}/{_n(self.grade.max_score)}.", timeout=4)

    # -- actions -----------------------------------------------------------------------
    @on(Button.Pressed, "#results-review")
    def _review_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_review()

    def action_review(self) -> None:
        """Review the concepts that are due (the missed ones first)."""
        self.app.open_screen("review")

    def action_home(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
