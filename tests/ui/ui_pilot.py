"""Helpers for the Pilot tests: run async bodies, let workers settle, type like a learner."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any


async def settle(pilot) -> None:
    """Let workers (checks, previews) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as a learner would."""
    names = {" ": "space"}
    for ch in text:
        await pilot.press(names.get(ch, ch))


def pilot_test(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test body with asyncio (no async pytest plugin needed); fixtures still work."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run
