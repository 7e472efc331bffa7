"""Study state: attempts, timed mock sessions, review scheduling (FSRS) and statistics.

Core package: no Textual, no terminal output; `import tutor.study` imports neither fsrs
nor numpy (fsrs is loaded the first time a card is rescheduled).

    store = open_store(data_dir=None, clock=None, exams=())   # never raises; see .warning
    store.record_attempt(Attempt(exam_id, part_id, field_id, raw, verdict, score, max, ...))

Where each workflow lives: answering a question (check, commit, feed review, suggest a
rating; exam conditions) in `answering`; the mock's sessions and submission in `mock` and
`grading`; drafts in `drafts`; the variants a learner has seen in `seen_variants`; the one
score -> verdict rule is `tutor.engine.result.verdict_for`, and the exam's own numbers are
`tutor.engine.exam_numbers`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.study.attempts import Attempt, ProblemProgress
    from tutor.study.grading import (
        FieldGrade,
        MockGrade,
        PartGrade,
        ProblemGrade,
        apply_self_grades,
        grade_mock,
    )
    from tutor.study.mock import MockAlreadyOpen, MockResult, MockSession
    from tutor.study.opening import open_store
    from tutor.study.review import (
        AGAIN,
        EASY,
        GOOD,
        HARD,
        RATING_NAMES,
        ConceptCard,
        suggest_rating,
    )
    from tutor.study.stats import ConceptMastery, MistakeCount, Stats, sparkline
    from tutor.study.store import Store

__all__ = [
    "AGAIN", "EASY", "GOOD", "HARD", "RATING_NAMES",
    "Attempt", "ConceptCard", "ConceptMastery", "FieldGrade", "MistakeCount", "MockAlreadyOpen",
    "MockGrade", "MockResult", "MockSession", "PartGrade", "ProblemGrade", "ProblemProgress",
    "Stats", "Store", "apply_self_grades", "grade_mock", "open_store", "sparkline", "suggest_rating",
]

# Each name is imported from its module when first asked for, so that opening the store for
# the home screen does not build the grading and statistics types.
_HOMES = {
    "attempts": ("Attempt", "ProblemProgress"),
    "grading": ("FieldGrade", "MockGrade", "PartGrade", "ProblemGrade", "apply_self_grades", "grade_mock"),
    "mock": ("MockAlreadyOpen", "MockResult", "MockSession"),
    "opening": ("open_store",),
    "review": ("AGAIN", "EASY", "GOOD", "HARD", "RATING_NAMES", "ConceptCard", "suggest_rating"),
    "stats": ("ConceptMastery", "MistakeCount", "Stats", "sparkline"),
    "store": ("Store",),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (PEP 562)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tutor.study' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tutor.study.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the ones not imported yet included."""
    return sorted([*globals(), *__all__])
