"""The running mock, owned by the app rather than a screen: one countdown, one submission.

The countdown is an app-level timer (`app.set_interval`), so it keeps running whatever
screen or modal is on top, and at zero it submits exactly once: a state guard here, and a
guarded UPDATE in the store behind it. Time left comes from the store's countdown: the
stored deadline when this run joins the mock, then an elapsed clock that a wall-clock change
cannot move but a suspend does (tests inject both clocks and jump them instead of sleeping).
Grading runs in a worker, which reports with a `MockFinished` message to the app; the runner
then swaps the mock screens it was hosted on for the results (by registry name, so this
module imports no screen).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App, ScreenStackError
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import ModalScreen, Screen

from tutor.ui.screens import registry

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.mock import MockResult, MockSession
    from tutor.study.store import Store

TICK_S = 0.2

_RUNNERS: WeakKeyDictionary[App[Any], MockRunner] = WeakKeyDictionary()


@dataclass
class MockFinished(Message):
    """The grading worker is done: the result, or the error that stopped it."""

    runner: MockRunner
    result: MockResult | None
    error: Exception | None


def runner_for(app: App[Any]) -> MockRunner | None:
    """The app's mock in progress (or just finished), if any."""
    return _RUNNERS.get(app)


class MockRunner:
    """Counts down a stored mock session and submits it once, at zero or on request."""

    def __init__(self, app: App[Any], exam: Exam, store: Store, session: MockSession, *,
                 start_clock: bool = True) -> None:
        self.app = app
        self.exam = exam
        self.store = store
        self.session = session
        self.state = "running"  # running | submitting | done
        self.result: MockResult | None = None
        self.reason: str | None = None
        self.listeners: list[Callable[[float], None]] = []
        make = getattr(store, "countdown", None)
        self.countdown = make(session) if make is not None else None
        self.before_submit: list[Callable[[], None]] = []
        self.hosts: list[Screen[Any]] = []  # the mock screens showing this mock
        self.timer = app.set_interval(TICK_S, self.tick, name="mock-countdown") if start_clock else None
        _RUNNERS[app] = self

    # -- time --------------------------------------------------------------------------
    def remaining(self) -> float:
        """Seconds left (never negative)."""
        if self.countdown is not None:
            return float(self.countdown.remaining())
        return float(self.session.remaining(self.store.now()).total_seconds())

    def tick(self) -> None:
        """Tell the listeners the time left; submit at zero."""
        if self.state != "running":
            return
        left = self.remaining()
        for listener in list(self.listeners):
            try:
                listener(left)
            except NoMatches:  # a screen torn down meanwhile must not stop the clock
                self.listeners.remove(listener)
        if left <= 0:
            self.submit("timeout")

    # -- submission ----------------------------------------------------------------------
    def submit(self, reason: str) -> bool:
        """Submit once: save what is typed, grade in a thread, then show the results.

        Returns False (and does nothing) if a submission is already under way or done.
        """
        if self.state != "running":
            return False
        self.state = "submitting"
        self.reason = reason
        if self.timer is not None:
            self.timer.stop()
        for flush in list(self.before_submit):
            try:
                flush()
            except (NoMatches, sqlite3.Error, OSError):  # grading what was saved beats crashing
                pass
        self.app.run_worker(self._grade, thread=True, group="mock-submit", exit_on_error=False,
                            name="mock-submit")
        return True

    def _grade(self) -> None:
        """Worker: grade the saved answers and record the submission (exactly once)."""
        try:
            used = self.countdown.time_used() if self.countdown is not None else None
            result = self.store.finish_mock(self.exam, self.session.id, reason=self.reason or "manual",
                                            time_used_s=used)
            error = None
        except Exception as exc:  # noqa: BLE001 - the grading worker's top: said on screen, answers kept
            result, error = None, exc
        self.app.post_message(MockFinished(self, result, error))  # thread-safe

    async def finished(self, result: MockResult | None, error: Exception | None) -> None:
        """Main thread: close modals and the mock screen, open the results."""
        self.state = "done"
        self.result = result
        if _RUNNERS.get(self.app) is self:
            del _RUNNERS[self.app]
        if error is None and result is not None:
            try:
                await self._show(result)
                return
            except (ScreenStackError, NoMatches) as exc:  # say so rather than fail silently
                error = exc
        self.app.notify(f"The mock could not be graded: {error}. Your answers are saved; "
                        "m on the home screen tries again.", severity="error", timeout=10)

    async def _show(self, result: MockResult) -> None:
        """Replace the mock screen (and anything above it) with the results."""
        stack = self.app.screen_stack
        mock_screens = [s for s in stack if s in self.hosts]
        results = registry.build("mock-results", self.exam, result, reason=self.reason)
        if mock_screens:
            while self.app.screen is not mock_screens[-1]:
                await self.app.pop_screen()
            await self.app.switch_screen(results)
        else:
            while isinstance(self.app.screen, ModalScreen):
                await self.app.pop_screen()
            await self.app.push_screen(results)
