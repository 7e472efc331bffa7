"""UTC time helpers: one clock type, one storage format for every timestamp in the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import overload

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC (the default clock)."""
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    """The storage form of a time: fixed-width ISO-8601 in UTC, so text order is time order."""
    return to_utc(moment).isoformat(timespec="microseconds")


@overload
def from_iso(text: str) -> datetime: ...
@overload
def from_iso(text: None) -> None: ...
@overload
def from_iso(text: str | None) -> datetime | None: ...
def from_iso(text: str | None) -> datetime | None:
    """Parse a stored time back to an aware UTC datetime (None stays None)."""
    if text is None:
        return None
    return to_utc(datetime.fromisoformat(text))


def stamp(moment: datetime) -> str:
    """A compact UTC timestamp for file names, e.g. `20250218T120000Z`."""
    return to_utc(moment).strftime("%Y%m%dT%H%M%SZ")


def until(moment: datetime, now: datetime) -> str:
    """How far ahead a time is, in words: "now", "in 12 min", "in 5 h", "in 3 days"."""
    seconds = (to_utc(moment) - to_utc(now)).total_seconds()
    if seconds <= 60:
        return "now"
    if seconds < 3600:
        return f"in {round(seconds / 60)} min"
    if seconds < 36 * 3600:
        return f"in {round(seconds / 3600)} h"
    days = round(seconds / 86400)
    return f"in {days} days"


def clock_time(seconds: float) -> str:
    """A duration as m:ss (or h:mm:ss past an hour), for countdowns and time used."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
