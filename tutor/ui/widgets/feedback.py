"""The feedback panel under a field: verdict, score/max, how the input was read, and why."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from tutor.mathtext import render_text

VERDICTS = {
    "correct": ("✓", "Correct"),
    "partial": ("◐", "Partly right"),
    "incorrect": ("✗", "Not right"),
    "self-grade": ("✎", "Grade yourself against the rubric"),
    "invalid": ("⚠", "Could not read that"),
    "pending": ("…", "Checking"),
}


def _num(x: float) -> str:
    return f"{round(x, 2):g}"  # 11/3 points shows as 3.67


class FeedbackPanel(Static):
    """Shows one check result; hidden until there is one."""

    # Here rather than in a screen's .tcss: every screen that checks answers (practice,
    # review) shows verdicts the same way, whichever screen was opened first.
    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
        display: none;
        border-left: outer $primary;
        padding: 0 1;
        margin-top: 1;
    }
    FeedbackPanel.-shown { display: block; }
    FeedbackPanel.-correct { border-left: outer $success; }
    FeedbackPanel.-partial { border-left: outer $warning; }
    FeedbackPanel.-incorrect { border-left: outer $error; }
    FeedbackPanel.-invalid { border-left: outer $warning; color: $text-warning; }
    FeedbackPanel.-pending { border-left: outer $panel; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.verdict: str | None = None

    def show_result(self, result: Any, *, raw_latex: bool = False) -> None:
        """Display an engine `Result` (or anything with the same attributes)."""
        verdict = str(result.verdict)
        mark, word = VERDICTS.get(verdict, ("•", verdict))
        head = Content.assemble((f"{mark} {word}", "bold"))
        if verdict == "self-grade":
            head += Content(f"   evidence suggests {_num(result.score)}/{_num(result.max)}")
        elif verdict != "invalid":
            head += Content(f"   {_num(result.score)}/{_num(result.max)} points")
        feedback = [text if raw_latex else render_text(text)
                    for text in tuple(getattr(result, "feedback", ()) or ())]
        if verdict == "invalid" and feedback:
            # one line where it fits: the learner already saw this reading error as they typed
            head += Content(f": {feedback.pop(0)}")
        lines = [head]
        interpreted = getattr(result, "interpreted", "")
        if interpreted and verdict not in ("self-grade",):
            lines.append(Content(f"read as {interpreted}"))
        lines.extend(Content(text) for text in feedback)
        for text in tuple(getattr(result, "warnings", ()) or ()):
            lines.append(Content(f"note: {text}"))
        self.verdict = verdict
        self.set_classes(f"-shown -{verdict}")
        self.update(Content("\n").join(lines))

    def show_message(self, verdict: str, text: str) -> None:
        """Display a one-off message styled like a verdict (e.g. the learner's self-grade)."""
        mark, word = VERDICTS.get(verdict, ("•", verdict))
        self.verdict = verdict
        self.set_classes(f"-shown -{verdict}")
        self.update(Content.assemble((f"{mark} {word}", "bold"), f"   {text}"))

    def clear(self) -> None:
        """Hide the panel."""
        self.verdict = None
        self.set_classes("")
        self.update("")
