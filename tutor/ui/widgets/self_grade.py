"""The honest self-grade of a written answer: any misconception first, then each rubric idea
with the words that showed it (or "not found"), the model answer, and a checklist.

The checklist starts with the ideas the rubric found ticked (an idea a misconception
contradicts stays unticked); the learner ticks what they really wrote: number keys 1–9 or a
click toggle an idea, Enter or the Confirm button records the checklist's score. The score
is the core's (`tutor.engine.judge.score_of`); this widget only renders and routes.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from tutor.mathtext import render_text

MAX_KEYS = 9


def _n(x: float) -> str:
    return f"{round(x, 2):g}"


class IdeaBox(Static, can_focus=False):
    """One idea of the checklist, `[✓] 2 idea (2 pts)`: toggled by its number key or a click
    (never focused, so the checklist keeps the keys)."""

    DEFAULT_CSS = """
    IdeaBox { height: auto; width: 1fr; }
    IdeaBox:hover { background: $boost; }
    IdeaBox.-on { text-style: bold; }
    IdeaBox:disabled { color: $text-muted; }
    """

    value: reactive[bool] = reactive(False)

    class Changed(Message):
        """The idea was ticked or unticked."""

        def __init__(self, box: IdeaBox) -> None:
            super().__init__()
            self.box = box

    def __init__(self, label: str, *, value: bool, id: str) -> None:
        super().__init__(markup=False, id=id, classes="sg-idea")
        self.label = label
        self.set_reactive(IdeaBox.value, value)

    def render(self) -> Content:
        """The box, the key and the idea."""
        return Content.assemble(("[✓] " if self.value else "[ ] ", "bold"), self.label)

    def watch_value(self, value: bool) -> None:
        """Restyle and tell the checklist."""
        self.set_class(value, "-on")
        self.post_message(self.Changed(self))

    def toggle(self) -> None:
        """Tick or untick."""
        self.value = not self.value

    def on_click(self) -> None:
        """A click toggles."""
        if not self.disabled:
            self.toggle()


class SelfGrade(Vertical, can_focus=True):
    """Tick the ideas your answer really makes, then confirm: the recorded score."""

    DEFAULT_CSS = """
    SelfGrade { height: auto; margin-top: 1; border: round $secondary; padding: 0 1; }
    SelfGrade:focus-within, SelfGrade:focus { border: round $accent; }
    SelfGrade .sg-title { text-style: bold; }
    SelfGrade .sg-misconception { color: $text-error; margin-bottom: 1; }
    SelfGrade .sg-evidence { color: $text-muted; padding-left: 4; }
    SelfGrade .sg-evidence.-against { color: $text-error; }
    SelfGrade .sg-model { margin-top: 1; }
    SelfGrade .sg-hint { color: $text-muted; margin-top: 1; }
    SelfGrade .sg-score { margin-top: 1; text-style: bold; }
    SelfGrade.-done IdeaBox { color: $text-muted; }
    """

    BINDINGS = [
        *[Binding(str(k), f"tick({k})", f"Tick {k}", show=False) for k in range(1, MAX_KEYS + 1)],
        Binding("enter", "confirm", "Confirm grade", tooltip="Record the score of the ticked ideas"),
        Binding("up", "scroll(-1)", "Up", show=False),
        Binding("down", "scroll(1)", "Down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
        Binding("pagedown", "scroll(10)", "Page down", show=False),
    ]

    class Graded(Message):
        """The learner confirmed the checklist: `score` points for the ideas in `ticked`."""

        def __init__(self, panel: SelfGrade, score: float, ticked: tuple[str, ...]) -> None:
            super().__init__()
            self.panel = panel
            self.score = score
            self.ticked = ticked

    def __init__(self, field: Any, result: Any, *, raw_latex: bool = False, id: str | None = None) -> None:
        super().__init__(classes="rubric self-grade", id=id)
        self.field = field
        self.result = result
        self.raw_latex = raw_latex
        self.confirmed = False

    def _r(self, text: str) -> str:
        return text if self.raw_latex else render_text(text)

    def compose(self) -> ComposeResult:
        """Misconceptions, ideas with evidence, the model answer, the score and Confirm."""
        for hit in getattr(self.result, "misconceptions", ()) or ():
            yield Static(Content.assemble(("✗ Misconception: ", "bold"), self._r(hit.feedback)),
                         markup=False, classes="sg-misconception")
        yield Static(f"Your checklist: tick the ideas your answer really makes "
                     f"(1–{min(len(self.field.rubric), MAX_KEYS)} toggles, Enter confirms)",
                     markup=False, classes="sg-title")
        evidence = {e.item.id: e for e in getattr(self.result, "evidence", ()) or ()}
        for n, item in enumerate(self.field.rubric, 1):
            ev = evidence.get(item.id)
            key = f"{n} " if n <= MAX_KEYS else "  "
            yield IdeaBox(f"{key}{self._r(item.idea)} ({_n(item.points)} pt{'s' if item.points != 1 else ''})",
                          value=bool(ev and ev.found), id=f"idea-{self.field.id}-{item.id}")
            if ev is not None and ev.contradicted:
                line, against = "✗ your answer says the opposite (see the misconception above)", True
            elif ev is not None and ev.found and ev.matched:
                line, against = f"found: “{ev.matched[0]}”", False
            else:
                line, against = "not found in your answer", False
            yield Static(line, markup=False, classes="sg-evidence" + (" -against" if against else ""))
        if self.field.model_answer:
            yield Static(Content.assemble(("Model answer: ", "bold"), self._r(self.field.model_answer)),
                         markup=False, classes="sg-model")
        yield Static("", markup=False, classes="sg-score")
        yield Button("Confirm", id=f"grade-{self.field.id}", compact=True, variant="primary",
                     classes="grade-button")

    def on_mount(self) -> None:
        """Show the score of the pre-ticked ideas."""
        self._show_score()

    def on_click(self) -> None:
        """A click anywhere in the checklist gives it the keys."""
        if not self.confirmed:
            self.focus()

    def ticked(self) -> tuple[str, ...]:
        """The ids of the ticked ideas, in rubric order."""
        boxes = {b.id: b.value for b in self.query(IdeaBox)}
        return tuple(i.id for i in self.field.rubric if boxes.get(f"idea-{self.field.id}-{i.id}"))

    def score(self) -> float:
        """What the ticked ideas are worth (the core's rule)."""
        from tutor.engine.judge import score_of

        return round(score_of(self.field, self.ticked()), 2)

    def _show_score(self) -> None:
        suggested = getattr(self.result, "score", None)
        text = f"Your score: {_n(self.score())}/{_n(self.field.points)}"
        if suggested is not None and abs(suggested - self.score()) > 1e-6:
            text += f"  (the rubric suggested {_n(suggested)})"
        self.query_one(".sg-score", Static).update(text)
        self.query_one(Button).label = f"Confirm {_n(self.score())}/{_n(self.field.points)}"

    @on(IdeaBox.Changed)
    def _ticked(self, event: IdeaBox.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self._show_score()

    def action_tick(self, number: int) -> None:
        """Toggle idea `number` (1-based)."""
        boxes = list(self.query(IdeaBox))
        if not self.confirmed and 1 <= number <= len(boxes):
            boxes[number - 1].toggle()

    def action_confirm(self) -> None:
        """Record the checklist's score."""
        if self.confirmed:
            return
        self.confirmed = True
        self.add_class("-done")
        for box in self.query(IdeaBox):
            box.disabled = True
        self.query_one(Button).disabled = True
        self.post_message(self.Graded(self, self.score(), self.ticked()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys are spent once the grade is confirmed."""
        if action in ("tick", "confirm") and self.confirmed:
            return False
        if action == "tick" and parameters and int(str(parameters[0])) > len(self.field.rubric):
            return None
        return True

    def action_scroll(self, lines: int) -> None:
        """Scroll what holds the checklist (it keeps the keys, so it scrolls for the arrows)."""
        for node in self.ancestors:
            if isinstance(node, ScrollableContainer):
                node.scroll_relative(y=lines, animate=False)
                return

    @on(Button.Pressed, ".grade-button")
    def _confirm_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_confirm()
