"""Reading a study database that may hold damage SQLite's checks let through.

A row with a value of the wrong kind (a date that is not a date, a score that is text, a
card that is not JSON) or a table that is gone must not stop the statistics: such a row is
skipped, a missing table reads as empty, and both are counted in a `Problems`, whose
`summary()` is the one-line warning shown to the learner.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What parsing a damaged row raises: bad dates and numbers, missing keys, broken JSON.
ROW_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError, IndexError, AttributeError,
                                           OverflowError, json.JSONDecodeError)
# What reading a damaged database raises anywhere: SQLite's own errors, or a damaged row.
DAMAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, *ROW_ERRORS)


class Problems:
    """Rows skipped and tables missing while reading, counted per table."""

    def __init__(self) -> None:
        self.skipped: Counter[str] = Counter()
        self.missing: set[str] = set()
        self._seen: set[tuple[str, object]] = set()

    def skip(self, table: str, row: object) -> None:
        """Count a damaged row once, however many queries read it."""
        identity: tuple[str, object]
        try:
            identity = (table, tuple(row) if isinstance(row, Iterable) else id(row))
            hash(identity)
        except TypeError:
            identity = (table, id(row))
        if identity not in self._seen:
            self._seen.add(identity)
            self.skipped[table] += 1

    def __bool__(self) -> bool:
        return bool(self.skipped or self.missing)

    def summary(self) -> str | None:
        """One line for the learner (None when nothing was wrong)."""
        if not self:
            return None
        said = []
        total = sum(self.skipped.values())
        if total:
            tables = ", ".join(f"{table} {n}" for table, n in sorted(self.skipped.items()))
            said.append(f"skipped {total} unreadable record{'s' if total != 1 else ''} ({tables})")
        if self.missing:
            said.append(f"found no table {', '.join(sorted(self.missing))}")
        return f"The study database is damaged: {' and '.join(said)}; the rest is shown."


def parse_rows(rows: Iterable[R], parse: Callable[[R], T], table: str, problems: Problems | None) -> list[T]:
    """`parse` each row; without `problems` an error propagates, with it the row is skipped and counted."""
    if problems is None:
        return [parse(row) for row in rows]
    out = []
    for row in rows:
        try:
            out.append(parse(row))
        except ROW_ERRORS:
            problems.skip(table, row)
    return out


def section(problems: Problems | None, table: str, read: Callable[[], T], empty: T) -> T:
    """`read()`; with `problems`, a missing table or column gives `empty` and is noted."""
    if problems is None:
        return read()
    try:
        return read()
    except sqlite3.OperationalError as error:
        if "no such" not in str(error):
            raise
        problems.missing.add(table)
        return empty
    except ROW_ERRORS:
        problems.skipped[table] += 1
        return empty
