"""What the tutor's full screens share: the app's exam and study store, and an escape key
that first leaves an answer input (so letter keys work) and only then goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.screen import Screen
from textual.widgets import Input, SelectionList, TextArea

from tutor.ui.app import TutorApp
from tutor.ui.clock import countdown
from tutor.ui.mock_runner import runner_for

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.mock import MockSession
    from tutor.study.store import Store

TYPING = (Input, TextArea, SelectionList)


class TutorScreen(Screen[None]):
    """A screen over the app's exam and study store.

    Bind escape to both `leave_input` ("Keys") and `back`: `check_action` enables exactly one
    of them, depending on whether focus is in an input (`_in_input`), and the footer follows
    focus. Subclasses answer their own actions in `check_action` and defer to this one.
    """

    app = getters.app(TutorApp)

    @property
    def exam(self) -> Exam:
        """The exam on screen: the app's current exam when the screen first asked, kept for
        the screen's life (choosing another exam later does not change an open screen)."""
        bound: Exam | None = self.__dict__.get("_bound_exam")
        if bound is None:
            bound = self.__dict__["_bound_exam"] = self.app.exam
        return bound

    @property
    def store(self) -> Store:
        """The study store behind the app's study link."""
        return self.app.store

    def _in_input(self) -> bool:
        """Whether focus is in an answer input (where letter keys type)."""
        focused = self.focused
        return isinstance(focused, TYPING) or (focused is not None and focused.has_class("choice-input"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape leaves an input first (shown as "Keys"), and goes back otherwise."""
        if action == "leave_input":
            return self._in_input()
        if action == "back":
            return not self._in_input()
        return True

    def on_descendant_focus(self) -> None:
        """Switch the footer's escape between "Keys" and going back."""
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back to where the learner came from."""
        self.app.pop_screen()

    def exam_conditions(self, session: MockSession) -> None:
        """Say that a mock of this exam is running, so nothing is checked or revealed."""
        runner = runner_for(self.app)
        left = runner.remaining() if runner is not None else session.remaining(self.store.now()).total_seconds()
        self.notify(f"Mock running — {countdown(left)} left. Practice, review, hints and solutions "
                    "of this exam are closed until it is submitted.", severity="warning", timeout=6)
