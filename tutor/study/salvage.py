"""Copying every readable row out of a damaged database into a fresh one.

A damaged page loses the rows stored on it, not the whole file. Each table is read in
rowid order; when the scan hits an unreadable page, the reader probes ahead (doubling the
step, then narrowing back) for the first rowid it can seek to, and goes on from there. Rows
the new schema refuses (a broken value, a duplicate) are skipped and counted. The work is
bounded: a fixed number of probes per table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROBES_PER_TABLE = 4000
_MAX_ROWID = 2**63 - 1


@dataclass
class Salvage:
    """What was copied: rows per table, rows lost to unreadable pages or refused."""

    copied: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    unreadable_regions: int = 0

    @property
    def answers(self) -> int:
        """Answers kept: practice/review/critique attempts and saved mock answers."""
        return self.copied.get("attempts", 0) + self.copied.get("mock_answers", 0)

    @property
    def rows(self) -> int:
        """Every row copied, of every table."""
        return sum(self.copied.values())


def open_damaged(path: Path) -> sqlite3.Connection:
    """A read-only connection to a damaged file. Without a -wal file beside it the file is
    opened as immutable (nothing is written next to it); with one, read-only, so the commits
    still in the WAL are read too."""
    uri = path.resolve().as_uri()
    if path.with_name(path.name + "-wal").exists():
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError:
            pass
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def copy_readable(source: sqlite3.Connection, target: sqlite3.Connection) -> Salvage:
    """Copy every readable row of every table `target` has (except the migration log) from
    `source`, in one transaction on `target`; returns the counts."""
    result = Salvage()
    tables = [r[0] for r in target.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'migrations'")]
    target.execute("PRAGMA foreign_keys = OFF")  # rows whose parent was on a lost page are kept
    target.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            result.copied[table] = _copy_table(source, target, table, result)
        target.execute("COMMIT")
    finally:
        if target.in_transaction:  # only when copying or the commit failed
            target.execute("ROLLBACK")
        target.execute("PRAGMA foreign_keys = ON")
    return result


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str, result: Salvage) -> int:
    """Copy one table's readable rows (the columns both schemas have); returns how many."""
    wanted = [r[1] for r in target.execute(f'PRAGMA table_info("{table}")')]
    try:
        present = {r[1] for r in source.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        return 0
    columns = [c for c in wanted if c in present]
    if not columns:
        return 0
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    copied = 0
    for row in _readable_rows(source, table, names, result):
        try:
            target.execute(insert, row)
            copied += 1
        except sqlite3.DatabaseError:  # NOT NULL, CHECK or UNIQUE refused a damaged value
            result.skipped += 1
    return copied


def _readable_rows(source: sqlite3.Connection, table: str, names: str,
                   result: Salvage) -> Iterator[tuple[object, ...]]:
    """The table's rows in rowid order, stepping over unreadable pages."""
    scan = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    one = scan + " LIMIT 1"  # stops after its row, without stepping onto the next page
    start: int | None = -_MAX_ROWID - 1
    probes = [PROBES_PER_TABLE]
    while start is not None:
        last = None
        try:
            for row in source.execute(scan, (start,)):
                last = row[0]
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            pass
        # The failed step may have read the next row before the error discarded it: read
        # that one alone, then scan on; if it cannot be read, probe past the damage.
        at = start if last is None else last + 1
        try:
            row = source.execute(one, (at,)).fetchone()
        except sqlite3.DatabaseError:
            result.unreadable_regions += 1
            start = _next_readable(source, table, at, probes)
            continue
        if row is None:
            return
        yield tuple(row[1:])
        start = int(row[0]) + 1


def _seek(source: sqlite3.Connection, table: str, rowid: int) -> int | None:
    """The first rowid >= `rowid` (None: there is none); DatabaseError if unreadable."""
    row = source.execute(f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1',
                         (rowid,)).fetchone()
    return None if row is None else int(row[0])


def _next_readable(source: sqlite3.Connection, table: str, bad: int, probes: list[int]) -> int | None:
    """The smallest rowid after `bad` from which a seek succeeds (None: nothing more to read)."""

    def ok(rowid: int) -> int | bool | None:
        probes[0] -= 1
        try:
            return _seek(source, table, rowid)
        except sqlite3.DatabaseError:
            return False

    step, low = 1, bad  # `low`: a start known to fail
    while True:
        if probes[0] <= 0 or low >= _MAX_ROWID:
            return None
        candidate = min(low + step, _MAX_ROWID)
        found = ok(candidate)
        if found is not False:
            break
        low, step = candidate, step * 2
    if found is None:
        return None
    high = candidate  # a start known to succeed; narrow (low, high] to the first good start
    while high - low > 1 and probes[0] > 0:
        middle = (low + high) // 2
        if ok(middle) is False:
            low = middle
        else:
            high = middle
    return high
