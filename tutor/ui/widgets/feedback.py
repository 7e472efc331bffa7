"""The feedback panel under a field: verdict, score/max, how the input was read, and why."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from tutor.mathtext import render_text
from tutor.ui.debounce import Debounce

VERDICTS = {
    "correct": ("✓", "Correct"),
    "partial": ("◐", "Partly right"),
    "incorrect": ("✗", "Not right"),
    "self-grade": ("✎", "Grade yourself against the rubric"),
    "invalid": ("⚠", "Could not read that"),
    "pending": ("…", "Checking"),
}


PENDING_AFTER_S = 0.3  # a check answered sooner shows its result with no frame in between


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
        self._checking = Debounce(self, PENDING_AFTER_S, self._still_checking, name="checking")
        self._checking_text = ""

    def show_pending(self, text: str = "checking…") -> None:
        """Say an answer is being checked, once the check has taken long enough to notice.
        Anything shown meanwhile (the result, an error) cancels it: a quick check is one
        redraw instead of two, which a class sharing a server pays for in every tab."""
        self._checking_text = text
        self._checking.poke()

    def cancel_pending(self) -> None:
        """The check ended without anything to show here: no "checking…" after all."""
        self._checking.cancel()

    def _still_checking(self) -> None:
        self.show_message("pending", self._checking_text)

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
        self._checking.cancel()
        self.verdict = verdict
        self.set_classes(f"-shown -{verdict}")
        self.update(Content("\n").join(lines))

    def show_message(self, verdict: str, text: str) -> None:
        """Display a one-off message styled like a verdict (e.g. the learner's self-grade)."""
        mark, word = VERDICTS.get(verdict, ("•", verdict))
        self._checking.cancel()
        self.verdict = verdict
        self.set_classes(f"-shown -{verdict}")
        self.update(Content.assemble((f"{mark} {word}", "bold"), f"   {text}"))

    def clear(self) -> None:
        """Hide the panel."""
        self._checking.cancel()
        self.verdict = None
        self.set_classes("")
        self.update("")
