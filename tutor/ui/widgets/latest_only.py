"""Background work where only the latest request matters (a live preview while typing).

At most one worker thread runs per helper; requests that arrive while it works replace each
other, and a result is shown only if no newer request came in meanwhile. So a burst of keys
(a paste of 480 characters) costs one or two previews, never one per key, and typing is never
kept waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual.widget import Widget

T = TypeVar("T")
R = TypeVar("R")


class LatestOnly(Generic[T, R]):
    """Compute `compute(value)` off the UI thread for the latest value; `show(value, result)`.

    If `compute` fails, `failed(error)` is shown instead (a preview never takes the screen down).
    """

    def __init__(self, owner: Widget, compute: Callable[[T], R], show: Callable[[T, R], Any],
                 name: str, failed: Callable[[Exception], R]) -> None:
        self.owner = owner
        self.compute = compute
        self.show = show
        self.name = name
        self.failed = failed
        self._lock = threading.Lock()
        self._pending: tuple[T] | None = None
        self._running = False
        self.computed = 0  # how many values were actually computed (for tests and benches)

    def request(self, value: T) -> None:
        """Ask for `value` (replacing any request not yet started)."""
        with self._lock:
            self._pending = (value,)
            if self._running:
                return
            self._running = True
        self.owner.run_worker(self._loop, thread=True, group=self.name, name=self.name,
                              exit_on_error=False)

    def cancel(self) -> None:
        """Forget a request not yet started (its result would be stale)."""
        with self._lock:
            self._pending = None

    def _loop(self) -> None:
        while True:
            with self._lock:
                if self._pending is None:
                    self._running = False
                    return
                (value,) = self._pending
                self._pending = None
            try:
                result = self.compute(value)
            except Exception as exc:  # noqa: BLE001 - the worker's top: shown as `failed(exc)`
                result = self.failed(exc)
            self.computed += 1
            with self._lock:
                stale = self._pending is not None
            if not stale and self.owner.is_attached:
                try:
                    self.owner.app.call_from_thread(self.show, value, result)
                except RuntimeError:  # the app closed meanwhile: nothing to show it on
                    return
