"""Helpers for the study screens' Pilot tests: run async bodies, wait for a condition."""

from __future__ import annotations

import asyncio
import functools


def sync(fn):
    """Run an async test body in a fresh event loop (no asyncio plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def until(pilot, condition, what: str, *, tries: int = 100, step: float = 0.05) -> None:
    """Let the app run until `condition()` holds: up to `tries` pauses of `step` seconds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(step)
    raise AssertionError(f"timed out waiting for {what}")
