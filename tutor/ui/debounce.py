"""One debounce for the shell: run something once a burst of events has paused."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debounce:
    """Call `callback` once `delay` seconds pass without another `poke()`.

    The timer belongs to `owner` (a widget or screen), so it stops with it. Used for saving
    drafts when typing pauses, recomputing a demo when a number box settles, hiding a
    status message, and saying "checking…" only when a check is slow.
    """

    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object], *,
                 name: str = "debounce") -> None:
        self.owner = owner
        self.delay = delay
        self.callback = callback
        self.name = name
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """Whether a call is waiting for the pause."""
        return self._timer is not None

    def poke(self, delay: float | None = None) -> None:
        """Something happened: (re)start the wait (`delay` overrides the usual one)."""
        self.cancel()
        self._timer = self.owner.set_timer(self.delay if delay is None else delay, self._fire, name=self.name)

    def cancel(self) -> None:
        """Forget the waiting call (what it would do no longer applies)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Make the waiting call now, if there is one."""
        if self._timer is not None:
            self.cancel()
            self.callback()

    def _fire(self) -> None:
        self._timer = None
        self.callback()
