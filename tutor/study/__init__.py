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
from tutor.study.review import AGAIN, EASY, GOOD, HARD, RATING_NAMES, ConceptCard, suggest_rating
from tutor.study.stats import ConceptMastery, MistakeCount, Stats, sparkline
from tutor.study.store import Store

__all__ = [
    "AGAIN", "EASY", "GOOD", "HARD", "RATING_NAMES",
    "Attempt", "ConceptCard", "ConceptMastery", "FieldGrade", "MistakeCount", "MockAlreadyOpen",
    "MockGrade", "MockResult", "MockSession", "PartGrade", "ProblemGrade", "ProblemProgress",
    "Stats", "Store", "apply_self_grades", "grade_mock", "open_store", "sparkline", "suggest_rating",
]
