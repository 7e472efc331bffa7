"""Recognising database faults and turning them into messages a student can act on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tutor.study.timeutil import stamp

BUSY = "busy"
READONLY = "readonly"
CORRUPT = "corrupt"
CANTOPEN = "cantopen"
FULL = "full"
IO = "io"
OTHER = "other"

_BY_NAME = (
    ("SQLITE_BUSY", BUSY),
    ("SQLITE_LOCKED", BUSY),
    ("SQLITE_READONLY", READONLY),
    ("SQLITE_PERM", READONLY),
    ("SQLITE_CORRUPT", CORRUPT),
    ("SQLITE_NOTADB", CORRUPT),
    ("SQLITE_CANTOPEN", CANTOPEN),
    ("SQLITE_FULL", FULL),
    ("SQLITE_IOERR", IO),
)
_BY_TEXT = (
    ("locked", BUSY),
    ("busy", BUSY),
    ("readonly", READONLY),
    ("read-only", READONLY),
    ("malformed", CORRUPT),
    ("not a database", CORRUPT),
    ("unable to open", CANTOPEN),
    ("database or disk is full", FULL),
    ("disk i/o error", IO),
)


def classify(error: BaseException) -> str:
    """Which kind of fault an exception from sqlite3 (or the file system) is."""
    if isinstance(error, PermissionError):
        return READONLY
    if isinstance(error, OSError):
        return CANTOPEN
    name = getattr(error, "sqlite_errorname", None) or ""
    for prefix, kind in _BY_NAME:
        if name.startswith(prefix):
            return kind
    text = str(error).lower()
    for fragment, kind in _BY_TEXT:
        if fragment in text:
            return kind
    return OTHER


def describe(kind: str, where: Path | None, error: BaseException | str) -> str:
    """A one-line explanation of a fault that says what was lost and what to do."""
    place = str(where) if where else "the study database"
    if kind == BUSY:
        return (
            f"Not saving: {place} is locked by another program (is another tutor open?). "
            "This session is kept in memory only; close the other one and restart to save."
        )
    if kind in (READONLY, CANTOPEN):
        return (
            f"Not saving: cannot write to {place} ({error}). Progress in this session is kept "
            "in memory only; use --data-dir or TUTOR_DATA_DIR to pick a writable folder."
        )
    if kind == FULL:
        return f"Not saving: the disk holding {place} is full. This session is kept in memory only."
    return f"Not saving: {place} failed ({error}). This session is kept in memory only."


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its -wal/-shm files) to `<name>.corrupt-<timestamp>`."""
    target = path.with_name(f"{path.name}.corrupt-{stamp(now)}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp(now)}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
