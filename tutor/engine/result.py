"""What a check returns: a verdict, points, how the input was read, and feedback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.model.types import RubricItem

if TYPE_CHECKING:
    from tutor.model.types import Field


VERDICTS = ("correct", "partial", "incorrect", "invalid", "self-grade")


@dataclass(frozen=True)
class Evidence:
    """Whether a text answer shows one rubric idea, and the words that showed it."""

    item: RubricItem
    found: bool
    matched: tuple[str, ...] = ()
    contradicted: bool = False  # a misconception in the answer says the opposite


@dataclass(frozen=True)
class MisconceptionHit:
    """A misconception a written answer states: its id, feedback, concept, the idea it
    contradicts, and the words that state it."""

    id: str
    feedback: str
    concept: str | None = None
    idea: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer against one field."""

    field_id: str
    verdict: str
    score: float
    max: float
    interpreted: str = ""
    feedback: tuple[str, ...] = ()
    mistake: str | None = None
    exact: str | None = None
    warnings: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    sentences: int | None = None
    column: int | None = None
    misconceptions: tuple[MisconceptionHit, ...] = ()

    @property
    def correct(self) -> bool:
        """True for a fully right answer."""
        return self.verdict == "correct"

    def to_json(self) -> dict[str, object]:
        """The object `tutor answer --json` prints."""
        out: dict[str, object] = {
            "id": self.field_id,
            "verdict": self.verdict,
            "score": round(self.score, 6),
            "max": self.max,
            "interpreted": self.interpreted,
            "feedback": list(self.feedback),
        }
        if self.mistake:
            out["mistake"] = self.mistake
        if self.verdict == "self-grade":
            out["ideas"] = [{"id": e.item.id, "text": e.item.idea, "found": e.found,
                             "evidence": e.matched[0] if e.matched else ""} for e in self.evidence]
            out["misconceptions"] = [{"id": m.id, "feedback": m.feedback} for m in self.misconceptions]
        return out


@dataclass(frozen=True)
class Preview:
    """A cheap reading of an answer while it is typed ("−ln(0.3) = 1.20397")."""

    ok: bool
    text: str
    column: int | None = None


def invalid(field: Field, message: str, column: int | None = None, interpreted: str = "") -> Result:
    """The result for input the engine could not read."""
    shown = f"col {column}: {message}" if column else message
    return Result(field.full_id, "invalid", 0.0, field.points, interpreted, (shown,), column=column)


def verdict_for(score: float, top: float) -> str:
    """The one rule from points to a verdict: full marks correct, some partial, none incorrect.

    Engine checks, self-graded written answers, mock parts and review suggestions all use it.
    """
    if top > 0 and score >= top - 1e-9:
        return "correct"
    return "partial" if score > 0 else "incorrect"


def graded(field: Field, fraction: float, *, interpreted: str = "", feedback: Iterable[str] = (),
           mistake: str | None = None, exact: str | None = None, warnings: Iterable[str] = (),
           evidence: tuple[Evidence, ...] = (), sentences: int | None = None) -> Result:
    """A correct / partial / incorrect result worth `fraction` of the field's points."""
    fraction = min(max(fraction, 0.0), 1.0)
    verdict = verdict_for(fraction, 1.0)
    return Result(field.full_id, verdict, fraction * field.points, field.points, interpreted,
                  tuple(feedback), mistake, exact, tuple(warnings), evidence, sentences)
