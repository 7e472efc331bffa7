"""A small per-field cache: work that depends only on the content (reference values, trials).

Fields hold mappings, so they are not hashable; entries are keyed by the field object's
identity and keep a reference to it, so an id is never reused while its entry lives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")

_MAX = 512
_ENTRIES: OrderedDict[tuple[int, str], tuple[object, Any]] = OrderedDict()
_LOCK = threading.Lock()


def per_field(field: object, key: str, build: Callable[[], T]) -> T:
    """`build()` once per (field object, key); later calls return the stored value."""
    slot = (id(field), key)
    with _LOCK:
        hit = _ENTRIES.get(slot)
        if hit is not None and hit[0] is field:
            _ENTRIES.move_to_end(slot)
            return cast(T, hit[1])
    value = build()
    with _LOCK:
        _ENTRIES[slot] = (field, value)
        while len(_ENTRIES) > _MAX:
            _ENTRIES.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests use this to measure cold timings)."""
    with _LOCK:
        _ENTRIES.clear()
