"""The rubric of a text answer after checking: evidence per idea, the model answer, and
self-grading (tick the ideas you covered, then grade)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, SelectionList, Static

from tutor.model.mathtext import render_text


class RubricPanel(Vertical):
    """Evidence found for each rubric idea; the learner confirms their own score."""

    DEFAULT_CSS = """
    RubricPanel { height: auto; margin-top: 1; border: round $secondary; padding: 0 1; }
    RubricPanel .model-answer { margin-top: 1; }
    RubricPanel .rubric-prompt { margin-top: 1; color: $text-muted; }
    RubricPanel SelectionList { height: auto; max-height: 8; }
    """

    class Graded(Message):
        """The learner graded their own answer: `score` of `max` points."""

        def __init__(self, panel: RubricPanel, score: float) -> None:
            super().__init__()
            self.panel = panel
            self.score = score

    def __init__(self, field: Any, result: Any, *, raw_latex: bool = False) -> None:
        super().__init__(classes="rubric")
        self.field = field
        self.result = result
        self.raw_latex = raw_latex

    def _r(self, text: str) -> str:
        return text if self.raw_latex else render_text(text)

    def compose(self) -> ComposeResult:
        """Evidence, model answer, the idea checklist and the grade button."""
        lines = [Content.styled("Rubric: what a grader looks for", "bold")]
        evidence = {e.item.id: e for e in getattr(self.result, "evidence", ()) or ()}
        for item in self.field.rubric:
            ev = evidence.get(item.id)
            found = bool(ev and ev.found)
            mark = "✓" if found else "·"
            seen = f"  (found: {', '.join(ev.matched)})" if ev is not None and found and ev.matched else ""
            lines.append(Content(f"{mark} {self._r(item.idea)}{seen}"))
        sentences = getattr(self.result, "sentences", None)
        if sentences is not None and self.field.max_sentences:
            over = sentences > self.field.max_sentences
            lines.append(Content.styled(
                f"{sentences} of at most {self.field.max_sentences} sentences"
                + (" — too long for the exam" if over else ""), "bold" if over else "dim"))
        yield Static(Content("\n").join(lines), markup=False, classes="evidence")
        if self.field.model_answer:
            yield Static(Content.assemble(("Model answer: ", "bold"),
                                          self._r(self.field.model_answer)),
                         markup=False, classes="model-answer")
        yield Static("Tick the ideas your answer really makes, then grade yourself:",
                     markup=False, classes="rubric-prompt")
        yield SelectionList[str](
            *[(Content(self._r(item.idea)), item.id, bool(evidence.get(item.id)
                                                 and evidence[item.id].found))
              for item in self.field.rubric],
            classes="rubric-items", id=f"rubric-{self.field.id}")
        yield Button(self._grade_label(), id=f"grade-{self.field.id}", compact=True,
                     classes="grade-button")

    def _weights(self) -> dict[str, float]:
        total = sum(item.points for item in self.field.rubric) or 1.0
        return {item.id: item.points / total * self.field.points for item in self.field.rubric}

    def score(self) -> float:
        """The score the ticked ideas are worth (rubric weights scaled to the field)."""
        ticked = set(self.query_one(SelectionList).selected)
        weights = self._weights()
        return round(sum(weights[i] for i in ticked if i in weights), 2)

    def _grade_label(self, score: float | None = None) -> str:
        if score is None:
            return "Grade myself"
        return f"Grade myself: {score:g}/{self.field.points:g}"

    def on_mount(self) -> None:
        """Show the score the pre-ticked ideas are worth."""
        self.query_one(Button).label = self._grade_label(self.score())

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.query_one(Button).label = self._grade_label(self.score())

    @on(Button.Pressed, ".grade-button")
    def _grade(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Graded(self, self.score()))
