"""Exam conditions: while a mock of the exam runs, its practice, review, critique, hints and
solutions are closed. This screen stands in for them, with the time left and a key back to
the mock; it goes away by itself once the mock is over (submitted here, in another
terminal, or out of time)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tutor.ui.clock import countdown
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

POLL_S = 1.0


class ExamClosedScreen(Screen[None]):
    """"Mock running — 1:32 left": nothing of the exam is shown until the mock is over."""

    DEFAULT_CSS = """
    ExamClosedScreen #closed-box { padding: 1 2; height: auto; }
    ExamClosedScreen #closed-clock { text-style: bold; color: $text-warning; }
    ExamClosedScreen #closed-text { margin-top: 1; }
    """
    BINDINGS = [
        Binding("m", "mock", "Back to the mock", id="exam-closed.mock", tooltip="Return to the running mock"),
        Binding("escape", "home", "Home", id="exam-closed.home",
                tooltip="The home screen (the mock keeps running)"),
    ]

    def __init__(self, session: Any, then: tuple[Any, ...] | None = None) -> None:
        super().__init__()
        self.session = session
        self.then = then  # the screen asked for (name, *args): opened once the mock is over

    def compose(self) -> ComposeResult:
        """The clock, why, and the keys."""
        yield TutorHeader()
        with Vertical(id="closed-box"):
            yield Static("", markup=False, id="closed-clock")
            yield Static(Content.assemble(
                "Exam conditions: practice, review, critique, hints and solutions of this exam are "
                "closed until the mock is submitted.\n\n",
                ("m", "bold $accent"), " back to the mock · ", ("esc", "bold $accent"),
                " home (the clock keeps running)"), markup=False, id="closed-text")
        yield TutorFooter()

    def on_mount(self) -> None:
        """Follow the clock; leave once the mock is over."""
        self.sub_title = "Mock running"
        self._tick()
        self.set_interval(POLL_S, self._tick, name="exam-closed")

    def _store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    def _tick(self) -> None:
        store = self._store()
        running = store.running_mock(self.session.exam_id) if store is not None else None
        if running is None:
            if self.app.screen is self:
                if self.then:
                    from tutor.ui.screens import registry

                    self.app.switch_screen(registry.build(*self.then))
                else:
                    self.app.pop_screen()
                self.app.notify("The mock is over: practice and review are open again.", timeout=4)
            return
        self.session = running
        left = running.remaining(store.now()).total_seconds()
        self.query_one("#closed-clock", Static).update(f"Mock running — {countdown(left)} left")

    def action_mock(self) -> None:
        """Back to the mock (in another terminal's mock, this joins the same sitting)."""
        from tutor.ui.screens import registry

        self.app.switch_screen(registry.build("mock"))

    def action_home(self) -> None:
        """Home; the mock carries on."""
        self.app.open_screen("home")  # type: ignore[attr-defined]
