"""A stable digest of plain data (mappings, sequences, strings, numbers), for cache keys.

`repr()` of a content structure is no key: a YAML alias bomb (a list of ten references to a
list of ten references …) is small in memory but astronomically long when printed. This
digest visits each distinct container once (shared sub-structures are hashed once and
reused), refuses cycles, depth and size beyond fixed bounds, and is the same in every
process (no `hash()` randomisation).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

MAX_NODES = 100_000
MAX_DEPTH = 64


class NotPlainData(ValueError):
    """The value is not plain data within bounds (an unknown type, a cycle, too deep or too big)."""


def digest(value: object) -> str:
    """A hex SHA-256 of `value`, equal for equal plain data; NotPlainData otherwise."""
    return _Digest().of(value, 0).hex()


class _Digest:
    """One digest computation: a memo of finished containers and the containers on the path."""

    def __init__(self) -> None:
        self.memo: dict[int, bytes] = {}
        self.open: set[int] = set()
        self.keep: list[object] = []  # keeps memoised objects alive, so their ids stay theirs

    def of(self, value: Any, depth: int) -> bytes:
        """The digest of one value (containers memoised by identity)."""
        if value is None or isinstance(value, (bool, int, float, str, bytes)):
            return _leaf(value)
        if not isinstance(value, (Mapping, list, tuple)):
            raise NotPlainData(f"{type(value).__name__} is not plain data")
        ident = id(value)
        done = self.memo.get(ident)
        if done is not None:
            return done
        if ident in self.open:
            raise NotPlainData("it refers to itself")
        if depth >= MAX_DEPTH:
            raise NotPlainData(f"it is nested more than {MAX_DEPTH} levels deep")
        if len(self.memo) >= MAX_NODES:
            raise NotPlainData(f"it has more than {MAX_NODES} lists and mappings")
        self.open.add(ident)
        h = hashlib.sha256()
        if isinstance(value, Mapping):
            h.update(b"M")
            items = sorted((self.of(k, depth + 1), self.of(v, depth + 1)) for k, v in value.items())
            for k, v in items:
                h.update(k + v)
        else:
            h.update(b"L")
            for item in value:
                h.update(self.of(item, depth + 1))
        self.open.discard(ident)
        result = h.digest()
        self.memo[ident] = result
        self.keep.append(value)
        return result


def _leaf(value: object) -> bytes:
    """The digest of a scalar, tagged by type so that 1, 1.0, True and "1" differ."""
    if isinstance(value, bytes):
        tag, body = b"b", value
    elif isinstance(value, str):
        tag, body = b"s", value.encode("utf-8", "surrogatepass")
    else:
        tag, body = type(value).__name__.encode(), repr(value).encode()  # a scalar's repr is short
    return hashlib.sha256(tag + b":" + body).digest()
