"""Opening the SQLite database: pragmas, integrity check, migrations, and every fault path.

`open_store` never raises. A damaged file is moved aside, a fresh one started, and every
row that can still be read is copied into it (`tutor.study.salvage`); a locked
one is waited for (busy timeout), retried a bounded number of times, then reported; a folder
that cannot be written gives an in-memory store. In the last two cases `Store.warning` says
that nothing is being saved.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from tutor.study import faults, paths, schema
from tutor.study.timeutil import Clock, utc_now

BUSY_TIMEOUT_MS = 2000
OPEN_RETRIES = 2

Connect = Callable[..., sqlite3.Connection]


class Corrupt(Exception):
    """The database file exists but fails its integrity check."""


def connect_file(path: Path, busy_timeout_ms: int, connect: Connect = sqlite3.connect) -> sqlite3.Connection:
    """Open a database file in WAL mode with durable commits; checks integrity; no migration."""
    conn = connect(str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000)
    with contextlib.ExitStack() as on_failure:
        on_failure.callback(conn.close)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = _switch_to_wal(conn, busy_timeout_ms)
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"attempt to write a readonly database (journal mode {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise Corrupt("; ".join(str(r) for r in rows[:3]))
        on_failure.pop_all()  # opened: the caller owns the connection now
    return conn


def _switch_to_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> str:
    """Put the database in WAL mode; the journal mode it reports afterwards.

    When several processes switch a fresh file together, each holds a shared lock the others
    must wait out, and SQLite breaks that deadlock by failing one of them with SQLITE_BUSY at
    once, without calling the busy handler. That failure is waited out here (with backoff, up
    to the busy timeout) instead of turning a normal start-up into "not saving".
    """
    give_up = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            if faults.classify(error) != faults.BUSY or time.monotonic() >= give_up:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def connect_memory() -> sqlite3.Connection:
    """A private in-memory database with the current schema (the not-saving fallback)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    schema.migrate(conn, utc_now())
    return conn


Opened = tuple[sqlite3.Connection, Path | None, str | None]


def open_connection(override: str | os.PathLike[str] | None, clock: Clock, busy_timeout_ms: int, retries: int,
          connect: Connect) -> Opened:
    """(connection, file path or None, warning or None) for a data dir; never raises (a store
    that cannot be opened becomes an in-memory one, with a warning saying why)."""
    try:
        folder = paths.data_dir(override)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        where = Path(override) if override else None
        return _memory(faults.describe(faults.READONLY, where, error.strerror or error))
    path = folder / paths.DB_NAME
    warning: str | None = None
    damaged: Path | None = None
    moved = False
    attempt = 0
    while True:
        try:
            conn = connect_file(path, busy_timeout_ms, connect)
            with contextlib.ExitStack() as on_failure:
                on_failure.callback(conn.close)
                schema.migrate(conn, clock())
                on_failure.pop_all()
            if damaged is not None:
                warning = _salvage(damaged, conn)
            return conn, path, warning
        except schema.SchemaTooNew as error:
            return _memory(
                f"Not saving: {path} was written by a newer tutor ({error}). "
                "Upgrade tutor, or use --data-dir for a separate store."
            )
        except (Corrupt, sqlite3.DatabaseError, OSError) as error:
            kind = faults.CORRUPT if isinstance(error, Corrupt) else faults.classify(error)
            if kind == faults.CORRUPT and not moved and path.exists():
                try:
                    aside = faults.move_aside(path, clock())
                except OSError as move_error:
                    return _memory(faults.describe(faults.READONLY, path, move_error))
                moved = True
                damaged, warning = aside, None
                continue
            if kind == faults.BUSY and attempt < retries:
                attempt += 1
                continue
            return _memory(faults.describe(kind, path, error), path if kind != faults.BUSY else None)


def _salvage(damaged: Path, conn: sqlite3.Connection) -> str:
    """Copy the readable rows of the moved-aside file into the fresh database; the notice to
    show the learner (how many answers were kept, where the damaged file is)."""
    from tutor.study import salvage  # only for a damaged database

    try:
        source = salvage.open_damaged(damaged)
        try:
            kept = salvage.copy_readable(source, conn)
        finally:
            source.close()
    except sqlite3.Error as error:
        return (f"The study database was damaged and nothing could be read from it ({error}); "
                f"a fresh one was started. The damaged file is kept at {damaged}.")
    if kept.rows == 0:
        return (f"The study database was damaged and nothing in it could be read; a fresh one was "
                f"started. The damaged file is kept at {damaged}.")
    lost = " (records on damaged pages were lost)" if kept.unreadable_regions or kept.skipped else ""
    answers = "1 answer was" if kept.answers == 1 else f"{kept.answers} answers were"
    return (f"The study database was damaged: {answers} kept in a new one{lost}. "
            f"The damaged file is kept at {damaged}.")


def _memory(warning: str, copy_from: Path | None = None) -> Opened:
    """The not-saving fallback result of `_open`: an in-memory store, seeded with a read-only
    copy of the existing database when one can be read (so past progress still shows)."""
    if copy_from is not None and copy_from.exists():
        try:
            source = sqlite3.connect(f"{copy_from.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            try:
                if schema.user_version(source) <= schema.LATEST:
                    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                    source.backup(memory)
                    memory.row_factory = sqlite3.Row
                    schema.migrate(memory, utc_now())
                    return memory, None, warning
            finally:
                source.close()
        except sqlite3.Error:
            pass
    return connect_memory(), None, warning
