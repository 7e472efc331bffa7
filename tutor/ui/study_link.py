"""The UI's handle on the study store: every call guarded, with an in-memory fallback.

The app must start and stay usable whatever the store does: `None` (tests, or the study layer
unavailable) gets a private in-memory store from `tutor.study`; a store that lacks a method
answers with a neutral value; a store call that raises is reported once through `warning`
and the app carries on. No study logic lives here: it only forwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tutor.study.store import Store


class Progress(NamedTuple):  # a NamedTuple: cheaper to define at start-up than a dataclass
    """One row of the home screen's progress table."""

    problem_id: str
    title: str
    parts: int
    attempted: int
    correct: int
    earned: float
    points: float
    bonus: bool


class StudyLink:
    """Forwards to the study store and never lets a store problem crash a screen."""

    def __init__(self, store: Store | None = None) -> None:
        self.store: Store = store if store is not None else _memory_store()
        self.errors: list[str] = []

    # -- plumbing ------------------------------------------------------------------------
    def _call(self, name: str, *args: Any, default: Any = None, **kwargs: Any) -> Any:
        method = getattr(self.store, name, None)
        if method is None:
            return default
        try:
            return method(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the store reports; the app goes on
            self.errors.append(f"{name}: {exc}")
            return default

    @property
    def warning(self) -> str | None:
        """The store's own warning ("not saving: …"), or the last failed call."""
        warning = getattr(self.store, "warning", None)
        if warning:
            return str(warning)
        return f"study store problem: {self.errors[-1]}" if self.errors else None

    # -- attempts ------------------------------------------------------------------------
    def record_attempt(self, *, concepts: Iterable[str] | None = None, **fields: Any) -> int | None:
        """Commit one submitted answer; returns its id (None when nothing could be stored)."""
        attempt = _make_attempt(fields)
        if attempt is None:
            return None
        if concepts is not None:
            try:
                return self.store.record_attempt(attempt, concepts=tuple(concepts))
            except TypeError:
                pass
            except Exception as exc:  # noqa: BLE001
                self.errors.append(f"record_attempt: {exc}")
                return None
        return self._call("record_attempt", attempt)

    def self_grade(self, attempt_id: int | None, score: float) -> Any:
        """Store the learner's own score for a text answer; returns the graded attempt."""
        if attempt_id is None:
            return None
        return self._call("self_grade", attempt_id, score)

    def part_status(self, exam: Any) -> dict[str, str]:
        """"new" | "wrong" | "partial" | "right" for every part of the exam."""
        status = self._call("part_status", exam.id, exam, default=None)
        if status is None:
            status = self._call("part_status", exam.id, default=None) or {}
        return {p.id: str(status.get(p.id, "new")) for p in exam.parts}

    def progress(self, exam: Any) -> list[Progress]:
        """Per problem: parts attempted and right, points earned (zeros when unknown)."""
        rows = self._call("problem_progress", exam.id, exam, default=None) or []
        by_id = {str(_get(r, "problem_id", "")): r for r in rows}
        out = []
        for prob in exam.problems:
            row = by_id.get(prob.id)
            out.append(Progress(
                prob.id, prob.title, len(prob.parts),
                int(_get(row, "attempted", 0)), int(_get(row, "correct", 0)),
                float(_get(row, "earned", 0.0)), float(prob.points), bool(prob.bonus)))
        return out

    # -- review, mocks, settings ---------------------------------------------------------
    def due_count(self, exam: Any) -> int | None:
        """How many concepts are due for review (None when the store cannot say)."""
        due = self._call("due_concepts", exam.id, default=None)
        return None if due is None else len(due)

    def last_mock(self, exam: Any) -> Any:
        """The last mock session (with `score`, `max_score`, `bonus`), or None."""
        return self._call("last_mock", exam.id, default=None)

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A stored setting, or `default`."""
        value = self._call("get_setting", key, default, default=default)
        return default if value is None else value

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a setting (e.g. the theme)."""
        self._call("set_setting", key, value)


def _get(row: Any, name: str, default: Any) -> Any:
    if row is None:
        return default
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


def _make_attempt(fields: dict[str, Any]) -> Any:
    try:
        from tutor.study import Attempt
    except ImportError:
        return None
    return Attempt(**fields)


def _memory_store() -> Store:
    """A private in-memory study store (nothing is saved)."""
    from tutor.study.connection import connect_memory
    from tutor.study.store import Store

    return Store(connect_memory(), None)
