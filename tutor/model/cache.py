"""A cache of loaded exams, so that start-up skips parsing and validating unchanged YAML.

An exam that loaded cleanly is written as JSON (`tutor.model.plaindata`: plain data, checked
against the model's types when read back — never pickle, so an entry cannot run code) into
the user cache folder. The entry is used only while everything it was built from is unchanged: the
content file (its path, size, modification time and checksum), the tutor version, the Python
version, and the model's own modules (editing the loader or the dataclasses invalidates it).
Any problem reading or writing an entry (a damaged, foreign or planted file, a value of the
wrong type) is ignored and the exam is loaded in full, which replaces the entry.

`tutor check` never reads the cache: it always parses and validates the file itself.
`TUTOR_CACHE_DIR` moves the cache; `TUTOR_CACHE_DIR=off` turns it off.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.model.plaindata import decode_exam, encode_exam
from tutor.model.types import Exam

ENV_VAR = "TUTOR_CACHE_DIR"
FORMAT = 2          # bump when the layout of an entry changes
MAX_ENTRIES = 16    # old entries (content files loaded once, then moved or deleted) are pruned
MAX_BYTES = 32 << 20  # an entry larger than this is not read


def cache_dir() -> Path | None:
    """Where entries live: $TUTOR_CACHE_DIR, else the platform's user cache folder (None: off)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return None if env.strip().lower() in ("off", "0", "none") else Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("tutor", appauthor=False))


def load(path: Path, full_load: Callable[[Path], Exam]) -> Exam:
    """The exam in `path`: from the cache when its entry is current, else `full_load(path)`.

    A fresh load that succeeds is written to the cache; `full_load`'s errors propagate.
    """
    try:
        folder = cache_dir()
        key = None if folder is None else _key(path)
    except (OSError, RuntimeError, ValueError):  # no home folder, an unreadable file: no cache
        folder = key = None
    if folder is None or key is None:
        return full_load(path)
    entry = folder / f"exam-{zlib.crc32(key[0].encode('utf-8', 'surrogateescape')):08x}.json"
    exam = _read(entry, key)
    if exam is not None:
        return exam
    exam = full_load(path)
    try:
        unchanged = _key(path) == key        # not edited while it was being loaded
    except (OSError, RuntimeError, ValueError):
        unchanged = False
    if unchanged:
        _write(folder, entry, key, exam)
    return exam


def _key(path: Path) -> tuple[Any, ...]:
    """Everything a cached exam depends on (the resolved path first); any change makes the
    entry stale."""
    from tutor import __version__

    resolved = str(path.resolve())
    with open(resolved, "rb") as f:
        st = os.fstat(f.fileno())
        checksum = zlib.crc32(f.read())      # cheap, and catches edits within a clock tick
    with os.scandir(Path(__file__).parent) as entries:
        model = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                       for e in entries if e.name.endswith(".py"))
    return (resolved, str(path), st.st_size, st.st_mtime_ns, checksum, [list(m) for m in model], FORMAT,
            __version__, sys.version)


def _read(entry: Path, key: tuple[Any, ...]) -> Exam | None:
    """The cached exam when the entry exists, matches `key` and holds a well-typed exam."""
    try:
        with open(entry, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                return None
            data = json.loads(f.read().decode("utf-8"))
        if not isinstance(data, dict) or data.get("key") != _json_key(key):
            return None
        return decode_exam(data.get("exam"))
    except (OSError, ValueError, RecursionError):  # missing, truncated, planted (NotAnExam is a ValueError)
        return None


def _json_key(key: tuple[Any, ...]) -> Any:
    """The key as it reads back from JSON (tuples become lists; paths may hold surrogates)."""
    text = json.dumps(list(key), ensure_ascii=True)
    return json.loads(text)


def _write(folder: Path, entry: Path, key: tuple[Any, ...], exam: Exam) -> None:
    """Store an entry atomically (write a temporary file, then rename); failures are ignored."""
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        text = json.dumps({"key": _json_key(key), "exam": encode_exam(exam)}, ensure_ascii=True,
                          separators=(",", ":"))
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="ascii") as f:
            f.write(text)
        os.replace(tmp, entry)
        _prune(folder)
    except (OSError, ValueError, TypeError, RecursionError):  # a read-only or full disk, or an exam
        # outside plain data (TypeError: a model type the codec does not know): no cache
        try:
            tmp.unlink()
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Keep the most recently written entries only (and drop entries of the old pickle format)."""
    for stale in folder.glob("exam-*.pickle"):
        stale.unlink(missing_ok=True)
    entries = sorted(folder.glob("exam-*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
