"""Opening the study store: a learner's SQLite file (the default), or a class's PostgreSQL database.

`open_store` never raises: what cannot be opened gives an in-memory store whose `warning`
says that nothing is being saved, and why.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

from tutor.study.connection import (
    BUSY_TIMEOUT_MS,
    OPEN_RETRIES,
    Connect,
    connect_memory,
    open_connection,
)
from tutor.study.store import Store
from tutor.study.timeutil import Clock, utc_now

DB_ENV = "TUTOR_DB"


def memory_store(*, clock: Clock | None = None) -> Store:
    """A private in-memory store: nothing is saved (tests, or a tutor without a data dir)."""
    return Store(connect_memory(), None, clock=clock)


def open_store(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    clock: Clock | None = None,
    exams: object = (),
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    retries: int = OPEN_RETRIES,
    connect: Connect = sqlite3.connect,
    elapsed: Callable[[], float] | None = None,
    db: str | None = None,
    student: str | None = None,
) -> Store:
    """Open (creating if needed) the study store; never raises.

    `data_dir` wins over $TUTOR_DATA_DIR, which wins over the platform's user data
    dir. `clock` returns the current time (UTC) and is used for every timestamp. `exams`
    (optional) registers exams so attempts can feed review without naming their concepts.
    `elapsed` is the clock a running mock counts down by (see `tutor.study.countdown`); by
    default the real one, or, when only `clock` is injected (tests), that clock.

    `db` (else $TUTOR_DB), a `postgresql://` URL, puts the store in that PostgreSQL database
    instead, as the rows of `student` (else $TUTOR_STUDENT, else the OS user); see
    `tutor.study.pg`. psycopg is imported only then. `db=""` keeps the SQLite file even
    when $TUTOR_DB is set (a tool that reads students' own files).
    """
    url = db if db is not None else os.environ.get(DB_ENV)
    if url:
        return _open_database(url, student, clock, exams, elapsed)
    conn, path, warning = open_connection(data_dir, clock or utc_now, busy_timeout_ms, retries, connect)
    store = Store(conn, path, clock=clock, warning=warning, elapsed=elapsed)
    store.register_exams(exams)
    return store


def _open_database(url: str, student: str | None, clock: Clock | None, exams: object,
                   elapsed: Callable[[], float] | None) -> Store:
    """The store in the PostgreSQL database named by `url` (see `tutor.study.pg`); in memory,
    with a warning saying why, when it cannot be used."""
    warning, backend = None, None
    if not url.startswith(("postgresql://", "postgres://")):
        warning = f"{DB_ENV} / --db must be a postgresql:// URL, not {url.split(':')[0]!r}"
    else:
        from tutor.study.pg import Unavailable, open_backend

        try:
            backend = open_backend(url, student)
        except Unavailable as error:
            warning = str(error)
    store = Store(connect_memory(), None, clock=clock, elapsed=elapsed, backend=backend,
                  warning=f"Not saving: {warning}. This session is kept in memory only." if warning else None)
    store.register_exams(exams)
    return store
