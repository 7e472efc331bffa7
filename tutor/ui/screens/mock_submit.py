"""The submit confirmation: what is unanswered or flagged, with the clock still running."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tutor.ui.clock import countdown, level


class SubmitModal(ModalScreen[bool]):
    """Submit now, or keep working. Dismissed with True to submit."""

    CSS_PATH = "mock_submit.tcss"
    BINDINGS = [
        Binding("escape", "keep", "Keep working", id="mock-submit.keep"),
        Binding("ctrl+s", "submit", "Submit", priority=True, id="mock-submit.submit"),
    ]

    def __init__(self, runner: Any, unanswered: list[str], flagged: list[str]) -> None:
        super().__init__()
        self.runner = runner
        self.unanswered = unanswered
        self.flagged = flagged

    def compose(self) -> ComposeResult:
        """The question, the lists, two buttons."""
        lines = [Content.styled("Submit the mock?", "bold")]
        if self.unanswered:
            lines.append(Content.assemble(("Unanswered: ", "bold $text-warning"), ", ".join(self.unanswered)))
        else:
            lines.append(Content("Every part has an answer."))
        if self.flagged:
            lines.append(Content.assemble(("Flagged for later: ", "bold $text-warning"), ", ".join(self.flagged)))
        lines.append(Content.styled("After submitting you see your score and can no longer change answers.", "dim"))
        with Vertical(id="submit-dialog"):
            yield Static("", markup=False, id="submit-clock")
            yield Static(Content("\n").join(lines), markup=False, id="submit-text")
            with Horizontal(id="submit-buttons"):
                yield Button("Submit now", id="submit-yes", variant="error")
                yield Button("Keep working", id="submit-no", variant="primary")

    def on_mount(self) -> None:
        """Follow the countdown; the safe choice has focus."""
        self.runner.listeners.append(self._on_clock)
        self._on_clock(self.runner.remaining())
        self.query_one("#submit-no", Button).focus()

    def on_unmount(self) -> None:
        """Stop following the countdown."""
        if self._on_clock in self.runner.listeners:
            self.runner.listeners.remove(self._on_clock)

    def _on_clock(self, left: float) -> None:
        clock = self.query_one("#submit-clock", Static)
        clock.update(f"⏱ {countdown(left)} left — at 0:00 the mock is submitted as it is")
        for name in ("-warn", "-urgent"):
            clock.set_class(level(left) == name, name)

    def action_submit(self) -> None:
        """Submit."""
        self.dismiss(True)

    def action_keep(self) -> None:
        """Back to the exam."""
        self.dismiss(False)

    @on(Button.Pressed, "#submit-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#submit-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_keep()


class LeaveModal(ModalScreen[bool]):
    """Leave a running mock? The clock keeps running. Dismissed with True to leave."""

    DEFAULT_CSS = """
    LeaveModal { align: center middle; }
    LeaveModal #leave-dialog {
        width: 60; max-width: 100%; height: auto; border: thick $warning; padding: 1 2;
        background: $surface;
    }
    LeaveModal #leave-buttons { height: auto; margin-top: 1; }
    LeaveModal #leave-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("escape,n", "stay", "Stay", id="mock-leave.stay"),
        Binding("y,enter", "leave", "Leave", id="mock-leave.leave"),
    ]

    def __init__(self, runner: Any) -> None:
        super().__init__()
        self.runner = runner

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="leave-dialog"):
            yield Static("", markup=False, id="leave-text")
            with Horizontal(id="leave-buttons"):
                yield Button("Stay (n)", id="leave-no", variant="primary")
                yield Button("Leave (y)", id="leave-yes")

    def on_mount(self) -> None:
        """Show the time left; staying has focus."""
        left = countdown(self.runner.remaining())
        self.query_one("#leave-text", Static).update(Content.assemble(
            ("Leave the mock?", "bold"), f"\nThe clock keeps running ({left} left). Your answers are "
            "saved; m on the home screen returns to the mock. Practice and review of this exam stay "
            "closed until it is submitted."))
        self.query_one("#leave-no", Button).focus()

    def action_stay(self) -> None:
        """Back to the exam."""
        self.dismiss(False)

    def action_leave(self) -> None:
        """Leave (the mock goes on)."""
        self.dismiss(True)

    @on(Button.Pressed, "#leave-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_leave()

    @on(Button.Pressed, "#leave-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_stay()
