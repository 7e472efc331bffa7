"""Mock results: score per problem, total and bonus, time used, a verdict per part; then each
part to learn from (your answer, the reference, the verdict with the mistake feedback, the
worked solution on request; written answers self-graded in place), then "review what you
missed"."""

from __future__ import annotations

import sqlite3
from typing import Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from tutor.ui.app import TutorApp
from tutor.ui.clock import countdown
from tutor.ui.widgets.part_result import MARKS, FieldShown, PartResult
from tutor.ui.widgets.self_grade import SelfGrade
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

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
        Binding("r", "review", "Review missed", id="mock-results.review",
                tooltip="Review the concepts of the parts you missed"),
        Binding("escape", "home", "Home", id="mock-results.home"),
    ]

    def __init__(self, exam: Any, result: Any, reason: str | None = None) -> None:
        super().__init__()
        self.exam = exam
        self.result = result
        self.grade = result.grade
        self.reason = reason or result.session.submit_reason or "manual"

    def compose(self) -> ComposeResult:
        """Summary, problems, each part, missed concepts, review."""
        yield TutorHeader()
        with VerticalScroll(id="results-body"):
            yield Static("", markup=False, id="results-summary")
            yield Static("", markup=False, id="results-problems")
            yield Static(Content.styled("Part by part: your answer, the reference, the feedback", "bold"),
                         markup=False, classes="results-heading")
            yield Vertical(Static("Reading your answers…", markup=False), id="results-parts")
            yield Static("", markup=False, id="results-missed")
            yield Button("Review what you missed (r)", id="results-review", variant="primary")
        yield TutorFooter()

    def on_mount(self) -> None:
        """Fill in the grade; read each answer and its reference with the engine, off-thread."""
        self.sub_title = "Mock results"
        self._show_grade()
        self._read_answers()
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
        """Concepts of the parts answered and missed (a blank part is no answer: it rates nothing)."""
        missed: dict[str, None] = {}
        for part in self.grade.parts:
            if part.verdict in ("incorrect", "partial"):
                for concept in self.exam.part(part.part_id).concepts:
                    missed[concept] = None
        return list(missed)

    # -- part by part ------------------------------------------------------------------
    @work(thread=True, group="results-read", exit_on_error=False)
    def _read_answers(self) -> None:
        """Worker: each answer's reading and reference (and a written answer's rubric evidence)."""
        from tutor.engine.exam_numbers import check_exam_answer, exam_part
        from tutor.engine.reference import reading, reference_text

        blocks = []
        for part_grade in self.grade.parts:
            part = exam_part(self.exam.part(part_grade.part_id))
            shown = []
            for field in part.fields:
                try:
                    grade = self.grade.field(field.full_id)
                except KeyError:
                    continue
                result = None
                if grade.pending:
                    result = check_exam_answer(field, grade.raw, part)
                shown.append(FieldShown(field, grade, reading(field, grade.raw), reference_text(field), result))
            blocks.append((part, part_grade, shown))
        self.app.call_from_thread(self._show_parts, blocks)

    def _show_parts(self, blocks: list[tuple[Any, Any, list[FieldShown]]]) -> None:
        """Main thread: build the part-by-part list (mounting runs as its own task)."""
        self.run_worker(self._mount_parts(blocks), group="results-mount", exit_on_error=False)

    async def _mount_parts(self, blocks: list[tuple[Any, Any, list[FieldShown]]]) -> None:
        box = self.query_one("#results-parts", Vertical)
        await box.remove_children()
        await box.mount(*[PartResult(part, grade, shown, id=f"result-{part.id}") for part, grade, shown in blocks])
        for _part, _grade, shown in blocks:
            for item in shown:
                if item.grade.pending:
                    slot = self.query_one(f"#slot-{item.field.part_id}-{item.field.id}", Vertical)
                    await slot.mount(self.self_grade_widget(item.field, item.result))

    def self_grade_widget(self, field: Any, result: Any) -> Any:
        """The widget that grades a written answer: the self-grade checklist (posts
        `SelfGrade.Graded` with a score)."""
        return SelfGrade(field, result)

    @on(SelfGrade.Graded)
    async def _graded(self, event: SelfGrade.Graded) -> None:
        event.stop()
        field = event.panel.field
        store = self.app.store
        try:
            self.grade = store.self_grade_mock(self.exam, self.result.session.id, field.full_id, event.score)
        except (sqlite3.Error, OSError, ValueError, KeyError) as exc:  # keep the screen, say what failed
            self.notify(f"Could not save the grade: {exc}", severity="error")
            return
        slot = event.panel.parent
        await event.panel.remove()
        if isinstance(slot, Vertical):
            await slot.mount(Static(f"You gave yourself {_n(event.score)}/{_n(field.points)}.",
                                    markup=False, classes="self-graded"))
        block = self.query(f"#result-{field.part_id}")
        if block:
            result = block.first(PartResult)
            result.part_grade = self.grade.part(field.part_id)
            result.query_one(".part-result-title", Static).update(result.heading())
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
