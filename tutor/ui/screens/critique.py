"""Critique the scanned answer: read a real student's answer, judge it, then see the grader's
verdict and why."""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from tutor.ui.app import TutorApp
from tutor.ui.widgets.math_text import MathText
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

JUDGEMENTS = ("correct", "partial", "wrong", "unassessable")
# the grader's verdicts, as the judgements a learner can make ("unassessable" is offered
# only for a scan that did not come through)
AS_JUDGEMENT = {"correct": "correct", "partial": "partial", "wrong": "wrong", "blank": "wrong",
                "unreadable": "unassessable"}


class CritiqueScreen(Screen[str | None]):
    """Judge the scanned answer to one part; dismissed with the learner's judgement."""

    app = getters.app(TutorApp)

    CSS_PATH = "critique.tcss"
    BINDINGS = [
        Binding("1", "judge('correct')", "Correct", id="critique.correct"),
        Binding("2", "judge('partial')", "Partial", id="critique.partial"),
        Binding("3", "judge('wrong')", "Wrong", id="critique.wrong"),
        Binding("4", "judge('unassessable')", "Cannot be assessed", id="critique.unassessable"),
        Binding("escape", "back", "Back", id="critique.back"),
    ]

    def __init__(self, part: Any) -> None:
        super().__init__()
        self.part = part
        self.judgement: str | None = None

    def compose(self) -> ComposeResult:
        """Prompt, the scanned answer, three judgement buttons, the verdict slot."""
        part, scan = self.part, self.part.scan
        raw = self.app.raw_latex
        yield TutorHeader()
        with VerticalScroll(id="critique-body"):
            scan_word = self.app.exam.word("scan")
            yield Static(Content.assemble((f"Critique the {scan_word}", "bold"),
                                          f" · part {part.id}"), classes="title")
            yield MathText(_exam_prompt(part), raw=raw, classes="prompt")
            answer = scan.answer.strip() or "(the student left this blank)"
            box = MathText(answer, raw=raw, id="scan-answer")
            box.border_title = "The student wrote"
            yield box
            question = ("Is this answer correct, partly correct, or wrong — or can it not be assessed? "
                        if self._unreadable else "Is this answer correct, partly correct, or wrong? ")
            yield Static(question + "Judge it as a grader would.", classes="question")
            with Horizontal(id="judge-buttons", classes="-four" if self._unreadable else ""):
                yield Button("1 Correct", id="judge-correct", variant="success", compact=True)
                yield Button("2 Partial", id="judge-partial", variant="warning", compact=True)
                yield Button("3 Wrong", id="judge-wrong", variant="error", compact=True)
                if self._unreadable:
                    yield Button("4 Can't assess", id="judge-unassessable", compact=True,
                                 tooltip="The scan cannot be assessed")
            yield Static("", id="critique-verdict", markup=False)
        yield TutorFooter()

    @property
    def _unreadable(self) -> bool:
        return self.part.scan.verdict == "unreadable"

    def on_mount(self) -> None:
        """Title and focus."""
        self.sub_title = f"Critique · {self.part.id}"
        self.query_one("#judge-correct").focus()

    @on(Button.Pressed, "#judge-buttons Button")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_judge(str(event.button.id).removeprefix("judge-"))

    def action_judge(self, judgement: str) -> None:
        """Record the learner's judgement, then reveal the grader's verdict and why."""
        if self.judgement is not None or judgement not in JUDGEMENTS:
            return
        if judgement == "unassessable" and not self._unreadable:
            return
        session = self.app.store.running_mock(self.app.exam.id)
        if session is not None:  # exam conditions: the grader's verdict waits for the mock
            from tutor.ui.screens.exam_closed import ExamClosedScreen

            self.app.push_screen(ExamClosedScreen(session))
            return
        self.judgement = judgement
        scan = self.part.scan
        from tutor.engine.critique import judge_scan

        judged = judge_scan(self.part)  # the same checks and rubric a learner's answer gets
        graded_as = judged.verdict if judged is not None else scan.verdict
        expected = AS_JUDGEMENT.get(graded_as, "wrong")
        agreed = judgement == expected
        app = self.app
        from tutor.study.answering import record_critique

        record_critique(app.store, app.exam, self.part, judgement, expected)
        if self._unreadable:
            agreed = True  # nothing to disagree about: the scan cannot be judged
            mark = ("✓ Right: this scan cannot be assessed." if judgement == "unassessable"
                    else "This scan cannot be assessed, so your judgement is not recorded.")
        else:
            mark = "✓ You agree with the grader." if agreed else "✗ The grader sees it differently."
        said = "cannot be assessed" if judgement == "unassessable" else judgement
        graded = "cannot be assessed (unreadable)" if self._unreadable else graded_as
        why = scan.why if app.raw_latex else _render(scan.why)
        verdict = Content.assemble(
            (mark, "bold"), "\n",
            f"You said: {said}. The grader's verdict: {graded}.\n",
            _rubric_lines(judged, app.raw_latex), ("Why: ", "bold"),
            why, "\n", ("esc goes back to the part.", "dim"))
        panel = self.query_one("#critique-verdict", Static)
        panel.update(verdict)
        panel.set_classes("-agreed" if agreed else "-disagreed")
        for button in self.query("#judge-buttons Button"):
            button.disabled = True
        self.query_one("#critique-body").focus()
        self.call_after_refresh(panel.scroll_visible, top=True)  # once laid out at its new height

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The judgement keys are spent once the learner has judged."""
        if action == "judge" and self.judgement is not None:
            return False
        if action == "judge" and parameters == ("unassessable",) and not self._unreadable:
            return None  # only offered for a scan that did not come through
        return True

    def action_back(self) -> None:
        """Back to practice."""
        self.dismiss(self.judgement)


def _rubric_lines(judged: Any, raw: bool) -> Content:
    """What the rubric found in the scanned answer: its points, each idea, any misconception."""
    if judged is None or not judged.results:
        return Content("")
    lines = [Content.assemble(("The rubric gives it ", "bold"), f"{judged.score:g}/{judged.max:g}:")]
    for result in judged.results:
        for hit in getattr(result, "misconceptions", ()):
            lines.append(Content.styled(f"  ✗ {hit.feedback if raw else _render(hit.feedback)}", "$text-error"))
        for e in getattr(result, "evidence", ()):
            mark = "✗" if e.contradicted else "✓" if e.found else "·"
            lines.append(Content(f"  {mark} {e.item.idea if raw else _render(e.item.idea)}"))
        if not getattr(result, "evidence", ()):
            lines.append(Content(f"  {'✓' if result.verdict == 'correct' else '✗'} {result.field_id}: {result.verdict}"))
    return Content("\n").join(lines) + Content("\n")


def _render(text: str) -> str:
    from tutor.mathtext import render_text

    return render_text(text)


def _exam_prompt(part: Any) -> str:
    """The prompt with the exam's own numbers: the scanned answer answers those."""
    from tutor.engine.exam_numbers import render_variant

    return render_variant(part, 0)[0].prompt
