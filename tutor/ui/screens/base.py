"""What the tutor's full screens share: the app's exam and study store, and an escape key
that first leaves an answer input (so letter keys work) and only then goes back."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from textual import events, getters, on
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, SelectionList, TextArea

from tutor.ui.app import TutorApp

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.mock import MockSession
    from tutor.study.store import Store

TYPING = (Input, TextArea, SelectionList)
EXAM_POLL_S = 1.0  # how soon a mock started in another terminal closes practice and review


class TutorScreen(Screen[None]):
    """A screen over the app's exam and study store.

    Bind escape to both `leave_input` ("Keys") and `back`: `check_action` enables exactly one
    of them, depending on whether focus is in an input (`_in_input`), and the footer follows
    focus. Subclasses answer their own actions in `check_action` and defer to this one.
    """

    app = getters.app(TutorApp)
    _resumed = False  # has come to the front at least once

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

    def after_typing(self, callback: Any, *args: Any) -> None:
        """Run `callback` once the focused widget has handled every key that came before.

        Keys reach the focused input through its own message queue, while a priority binding
        (ctrl+s) runs as soon as its key arrives; a burst of keys (a paste, a fast typist, a
        browser) can therefore still be on its way into the box. Queuing the callback behind
        them makes it see exactly what the box holds when the key arrived.
        """
        focused = self.focused
        if focused is None:
            self.call_later(callback, *args)
        else:
            # hop back to the screen to run it: the callback may remove the focused widget,
            # which must not wait on its own message queue
            focused.call_later(self.call_later, callback, *args)

    def on_descendant_focus(self) -> None:
        """Switch the footer's escape between "Keys" and going back."""
        self.refresh_bindings()

    # -- one layout per new screen --------------------------------------------------------
    def on_compose(self) -> None:
        """Take the breakpoint classes for the terminal's size before anything is styled.
        Textual adds them when the screen's first layout reports its size, which restyles and
        lays out the whole screen a second time, and draws its first frame without them."""
        self.update_classes(self.breakpoint_classes(self.app.size))

    @on(events.Resize)
    def _skip_repeated_layout(self, event: events.Resize) -> None:
        """Skip Textual's second layout of a new screen: its first layout reports the size it
        was just laid out at, and Textual lays the screen out again (and repaints all of it)."""
        if event.size == self._compositor.size and all(
                self.has_class(name) == on for name, on in self.breakpoint_classes(event.size).items()):
            event.stop()
            event.prevent_default()

    @on(events.ScreenResume)
    def _styled_at_mount(self, event: events.ScreenResume) -> None:
        """Textual restyles a screen and everything on it each time it comes to the front; the
        first time, it was styled as it mounted, a moment before (restyling it again was a
        third of the work of opening practice)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _on_timer_update(self) -> None:
        """Draw a frame that both lays out and repaints the whole screen once. Textual draws
        the layout and then, in the same instant, the whole screen again (a new screen's
        first moments ask for both)."""
        if self._layout_required and self._repaint_required and self.is_current and not self.app._batch_count:
            self._dirty_widgets.add(self)  # the layout's frame covers the whole screen
            self._repaint_required = False
        super()._on_timer_update()

    def breakpoint_classes(self, size: Size) -> dict[str, bool]:
        """Each breakpoint class of this screen, and whether it applies at `size` (Textual's
        rule: the largest breakpoint the width, or height, reaches)."""
        classes: dict[str, bool] = {}
        for own, app, dimension in ((self.HORIZONTAL_BREAKPOINTS, self.app.HORIZONTAL_BREAKPOINTS, size.width),
                                    (self.VERTICAL_BREAKPOINTS, self.app.VERTICAL_BREAKPOINTS, size.height)):
            points = sorted((app if own is None else own) or [], reverse=True)
            chosen = next((name for at, name in points if dimension >= at), None)
            for _, name in points:
                classes[name] = classes.get(name, False) or name == chosen
        return classes

    def action_back(self) -> None:
        """Back to where the learner came from."""
        self.app.pop_screen()

    # -- exam conditions ------------------------------------------------------------------
    def running_mock(self) -> MockSession | None:
        """The exam's mock if it runs now (in this process or another), else None."""
        try:
            return self.store.running_mock(self.exam.id)
        except (OSError, sqlite3.Error):  # a failing store cannot hold a mock open either
            return None

    def closed_for_mock(self) -> bool:
        """True (and the exam-closed screen shown) while a mock of this exam runs."""
        session = self.running_mock()
        if session is not None:
            self.exam_conditions(session)
        return session is not None

    def exam_conditions(self, session: MockSession) -> None:
        """Cover this screen with the exam-closed one (time left, a key back to the mock)."""
        from tutor.ui.screens.exam_closed import ExamClosedScreen

        if self.app.screen is self:
            self.app.push_screen(ExamClosedScreen(session))

    def guard_exam_conditions(self) -> None:
        """Close this screen whenever a mock of its exam starts, here or in another terminal."""
        self.closed_for_mock()
        self.set_interval(EXAM_POLL_S, self.closed_for_mock, name="exam-conditions")
