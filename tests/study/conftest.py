"""Study-state fixtures: a small exam built in code, a fake checker, and a settable clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from tutor.model import Concept, Exam, Field, Mistake, Part, Problem, RubricItem
from tutor.study import open_store

T0 = datetime(2025, 2, 18, 12, 0, tzinfo=UTC)


class Clock:
    """A clock tests move by hand: `clock()` is now, `clock.advance(minutes=…)` jumps."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now = self.now + timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class FakeResult:
    """The slice of tutor.engine.Result that the study layer reads."""

    verdict: str
    score: float
    max: float
    mistake: str | None = None
    feedback: tuple[str, ...] = ()


def fake_check(field: Field, raw: str) -> FakeResult:
    """Exact-match checker: the answer is right, `half` partial, a listed mistake is matched."""
    top = field.points
    if field.kind == "text":
        return FakeResult("self-grade", top / 2, top, feedback=("rubric evidence",))
    if raw == "half":
        return FakeResult("partial", top / 2, top)
    if raw == field.answer:
        return FakeResult("correct", top, top)
    for mistake in field.mistakes:
        if raw == mistake.answer:
            return FakeResult("incorrect", 0.0, top, mistake.id, (mistake.feedback,))
    if raw == "???":
        return FakeResult("invalid", 0.0, top)
    return FakeResult("incorrect", 0.0, top)


def _part(pid: str, problem: str, points: float, concepts, fields) -> Part:
    return Part(id=pid, problem_id=problem, points=points, concepts=tuple(concepts), prompt=f"Prompt {pid}",
                fields=tuple(fields), hints=("nudge",), solution=("a", "b", "c"))


def build_exam(exam_id: str = "mini") -> Exam:
    """20 points + 2 bonus: a text part, a number part, a two-field part, a bonus part."""
    sign = Mistake(id="sign", answer="-2", feedback="Check the sign.")
    p1 = Problem(id="1", title="Basics", points=10, parts=(
        _part("1a", "1", 5, ["alpha"], [Field(id="t", part_id="1a", kind="text", points=5,
                                               rubric=(RubricItem("idea", "the idea", 1, ("idea",)),),
                                               model_answer="the idea")]),
        _part("1b", "1", 5, ["beta"], [Field(id="x", part_id="1b", kind="number", points=5, answer="2",
                                              mistakes=(sign,))]),
    ))
    p2 = Problem(id="2", title="Two fields", points=10, parts=(
        _part("2a", "2", 10, ["alpha", "gamma"], [
            Field(id="a", part_id="2a", kind="number", points=4, answer="1"),
            Field(id="b", part_id="2a", kind="choice", points=6, answer="GD", options=("GD", "SGD")),
        ]),
    ))
    p3 = Problem(id="3", title="Bonus", points=2, bonus=True, parts=(
        _part("3a", "3", 2, ["gamma"], [Field(id="y", part_id="3a", kind="number", points=2, answer="3")]),
    ))
    concepts = {c: Concept(c, c.title(), f"About {c}.") for c in ("alpha", "beta", "gamma", "delta")}
    return Exam(id=exam_id, title="Mini exam", minutes=30, points=20, bonus=2, concepts=concepts,
                problems=(p1, p2, p3))


@pytest.fixture
def mini():
    """The small exam."""
    return build_exam()


@pytest.fixture
def clock():
    """A settable UTC clock starting at 2025-02-18 12:00."""
    return Clock()


ENGINES = ("sqlite", "postgres")


@pytest.fixture(params=ENGINES)
def engine(request):
    """Each store test runs twice: on SQLite (one learner's file) and on PostgreSQL."""
    return request.param


@pytest.fixture
def open_study(engine, request):
    """`open_store` on the test's engine: `open_study(where, **options)`.

    On SQLite `where` is the data folder; on PostgreSQL every store lives in the test's own
    database and `where` picks the student (the same `where` reopens the same student's rows).
    Every store opened is closed after the test."""
    opened = []
    if engine == "sqlite":
        def opener(where=None, **options):
            opened.append(open_store(where, **options))
            return opened[-1]
    else:
        url = request.getfixturevalue("pg_url")
        students: dict[str, str] = {}

        def opener(where=None, **options):
            student = students.setdefault(str(where), f"student-{len(students) + 1}")
            opened.append(open_store(db=url, student=student, **options))
            return opened[-1]
    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_study, tmp_path, clock, mini):
    """A saving store on the test's engine (a temporary data dir, or a fresh database), on
    the test clock."""
    s = open_study(tmp_path / "data", clock=clock, exams=[mini])
    assert s.warning is None and s.saving
    return s


@pytest.fixture
def sqlite_store(tmp_path, clock, mini):
    """A file-backed SQLite store in a temporary data dir (tests that read the file itself)."""
    s = open_store(tmp_path / "data", clock=clock, exams=[mini])
    assert s.warning is None and s.saving
    yield s
    s.close()


@pytest.fixture
def check():
    """The fake checker (stands in for tutor.engine.check)."""
    return fake_check
