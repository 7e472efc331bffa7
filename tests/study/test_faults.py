"""Faults: a damaged file is moved aside, a locked one reported, an unwritable dir not fatal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tutor.study import Attempt, open_store


def _attempt(raw: str = "2") -> Attempt:
    return Attempt("mini", "1b", "x", raw, "correct", 5, 5)


def test_garbage_file_is_moved_aside_and_a_fresh_store_started(tmp_path, clock):
    (tmp_path / "tutor.db").write_bytes(b"this is not sqlite at all\n" * 200)
    store = open_store(tmp_path, clock=clock)
    aside = tmp_path / "tutor.db.corrupt-20250218T120000Z"
    assert aside.read_bytes().startswith(b"this is not sqlite")
    assert store.saving and "damaged" in store.warning and aside.name in store.warning
    store.record_attempt(_attempt())
    store.close()
    reopened = open_store(tmp_path, clock=clock)
    assert reopened.warning is None and reopened.attempt_count() == 1


def _pages_holding(data: bytes, marker: bytes, page: int) -> dict[int, set[int]]:
    """Page number -> the answer numbers whose `marker` text it holds."""
    found: dict[int, set[int]] = {}
    at = data.find(marker)
    while at >= 0:
        number = int(data[at + len(marker): at + len(marker) + 4])
        found.setdefault(at // page, set()).add(number)
        at = data.find(marker, at + 1)
    return found


def damage(folder: Path, answers: int, smash: Callable[[list[int]], list[int]], exam_id: str = "mini",
           part_id: str = "1b", clock=None, with_mock: bool = True) -> set[int]:
    """A real store in `folder` with `answers` attempts, then the leaf pages `smash` picks
    (from the pages holding answers, in order) overwritten; returns the answer numbers lost."""
    store = open_store(folder, clock=clock)
    if with_mock:
        store.start_mock(exam_id, 30)
    store.set_setting("theme", "dark")
    for i in range(answers):
        store.record_attempt(Attempt(exam_id, part_id, "x", f"answer#{i:04d} " + "x" * 150, "correct", 5, 5),
                             concepts=())
    store.close()  # checkpoints the WAL into the main file
    db = folder / "tutor.db"
    data = bytearray(db.read_bytes())
    page = 4096
    holding = _pages_holding(bytes(data), b"answer#", page)
    smashed = smash(sorted(holding))
    for p in smashed:
        data[p * page:(p + 1) * page] = b"\xff" * page
    db.write_bytes(bytes(data))
    return set().union(*(holding[p] for p in smashed))


def test_damaged_pages_lose_only_their_own_rows_and_the_rest_is_salvaged(tmp_path, clock):
    # one run of two pages, two single pages
    lost = damage(tmp_path, 400, lambda leaves: [leaves[3], leaves[4], leaves[len(leaves) // 2], leaves[-2]],
                  clock=clock)
    damaged = (tmp_path / "tutor.db").read_bytes()

    again = open_store(tmp_path, clock=clock)
    (aside,) = tmp_path.glob("tutor.db.corrupt-*")
    assert aside.read_bytes() == damaged                    # the damaged file is kept as it was
    kept = [int(a.raw[7:11]) for a in again.attempts("mini")]
    assert sorted(kept) == sorted(set(range(400)) - lost)   # every row not on a smashed page is back
    assert len(kept) == 400 - len(lost) and len(lost) >= 40
    assert again.saving and f"{len(kept)} answers were kept" in again.warning and str(aside) in again.warning
    assert again.get_setting("theme") == "dark" and again.active_mock("mini") is not None
    assert again.read(lambda c: c.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
    again.record_attempt(_attempt("after"))
    again.close()
    reopened = open_store(tmp_path, clock=clock)
    assert reopened.warning is None and reopened.attempt_count() == len(kept) + 1


def test_data_dir_under_a_regular_file_gives_an_in_memory_store(tmp_path, clock):
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    store = open_store(blocker / "data", clock=clock)  # mkdir fails for real, even as root
    assert not store.saving and store.warning.startswith("Not saving")
    assert str(blocker / "data") in store.warning
    store.record_attempt(_attempt())  # the app keeps working, in memory
    assert store.attempt_count() == 1


def test_read_only_database_gives_an_in_memory_store_that_says_so(tmp_path, clock):
    def read_only_connect(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    store = open_store(tmp_path, clock=clock, connect=read_only_connect)
    assert not store.saving
    assert store.warning.startswith("Not saving") and "readonly" in store.warning
    assert store.record_attempt(_attempt()) == 1
    assert not (tmp_path / "tutor.db").exists()


def test_read_only_existing_database_still_shows_past_progress(tmp_path, clock):
    earlier = open_store(tmp_path, clock=clock)
    earlier.record_attempt(_attempt("from yesterday"))
    earlier.close()
    before = (tmp_path / "tutor.db").read_bytes()

    def read_only_connect(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    store = open_store(tmp_path, clock=clock, connect=read_only_connect)
    assert not store.saving and "Not saving" in store.warning
    store.record_attempt(_attempt("today"))
    assert [a.raw for a in store.attempts()] == ["from yesterday", "today"]
    assert (tmp_path / "tutor.db").read_bytes() == before  # the file was not touched


def test_locked_database_is_retried_then_reported(tmp_path, clock):
    open_store(tmp_path, clock=clock).close()
    holder = sqlite3.connect(tmp_path / "tutor.db", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    calls = []

    def counting_connect(*args, **kwargs):
        calls.append(1)
        return sqlite3.connect(*args, **kwargs)

    store = open_store(tmp_path, clock=clock, busy_timeout_ms=20, retries=2, connect=counting_connect)
    holder.execute("ROLLBACK")
    holder.close()
    assert len(calls) == 3  # first try + 2 retries
    assert not store.saving and "locked" in store.warning and "Not saving" in store.warning
    assert list(tmp_path.glob("tutor.db.corrupt-*")) == []  # a locked file is not "damaged"


def test_lock_taken_mid_session_keeps_the_data_in_memory_and_warns(tmp_path, clock):
    store = open_store(tmp_path, clock=clock, busy_timeout_ms=20)
    store.record_attempt(_attempt("first"))
    holder = sqlite3.connect(tmp_path / "tutor.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    second = store.record_attempt(_attempt("second"))
    holder.execute("ROLLBACK")
    holder.close()
    assert not store.saving and "locked" in store.warning
    assert [a.raw for a in store.attempts()] == ["first", "second"]  # the earlier data came along
    assert second == 2


def test_database_from_a_newer_tutor_is_left_alone(tmp_path, clock):
    conn = sqlite3.connect(tmp_path / "tutor.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    store = open_store(tmp_path, clock=clock)
    assert not store.saving and "newer tutor" in store.warning
    assert sqlite3.connect(tmp_path / "tutor.db").execute("PRAGMA user_version").fetchone()[0] == 99


class _WalSwitchDeadlock(sqlite3.Connection):
    """A connection whose first switches to WAL fail at once with SQLITE_BUSY, as SQLite does
    (without calling the busy handler) when two processes switch a fresh file together."""

    failures = 0

    def execute(self, sql, *args):
        if sql.startswith("PRAGMA journal_mode = WAL") and _WalSwitchDeadlock.failures < 4:
            _WalSwitchDeadlock.failures += 1
            raise sqlite3.OperationalError("database is locked")
        return super().execute(sql, *args)


def test_an_immediate_busy_while_switching_to_wal_is_waited_out(tmp_path, clock):
    def deadlocking_connect(*args, **kwargs):
        return sqlite3.connect(*args, factory=_WalSwitchDeadlock, **kwargs)

    _WalSwitchDeadlock.failures = 0
    store = open_store(tmp_path, clock=clock, connect=deadlocking_connect)
    assert _WalSwitchDeadlock.failures == 4  # more than the open retries: waited out, not reported
    assert store.saving and store.warning is None
    assert store.record_attempt(_attempt()) == 1
