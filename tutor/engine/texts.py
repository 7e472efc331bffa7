"""Checking `text` fields: the rubric's judgement (`tutor.engine.judge`), the sentence
count, and a suggested score. The score is provisional: the learner confirms it by ticking
the ideas they really made, after seeing the model answer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from tutor.engine.errors import MAX_TEXT_CHARS
from tutor.engine.result import Evidence, MisconceptionHit, Preview, Result, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field


_WORD = re.compile(r"[a-z0-9α-ω]+(?:'[a-z]+)?|[≠≤≥<>=]")  # relations are words too: "≠ 0" is not "0"
_RELATIONS = (("!=", "≠"), ("=/=", "≠"), ("<=", "≤"), (">=", "≥"))
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|fig|eq)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def words(text: str) -> list[str]:
    """Lowercase words and relation signs (= ≠ < > ≤ ≥; != <= >= typed as ASCII), with
    hyphenated words kept joined (mini-batch → minibatch). Math letters and digits count as
    plain ones (𝐖₁ → w1, 𝟎 → 0), so pasted or rendered math reads like typed text."""
    text = unicodedata.normalize("NFKC", text).lower()
    for typed, sign in _RELATIONS:
        text = text.replace(typed, sign)
    return _WORD.findall(text.replace("-", "").replace("\u2011", ""))


def count_sentences(text: str) -> int:
    """Sentences, not fooled by decimals (0.3) or abbreviations (e.g.)."""
    cleaned = _ABBREV.sub(" ", text)
    pieces = [p for p in _SENTENCE_END.split(cleaned) if re.search(r"[A-Za-z0-9]", p)]
    return len(pieces)


def evidence(field: Field, text: str) -> tuple[Evidence, ...]:
    """For each rubric idea, whether the text shows it and by which words."""
    from tutor.engine.judge import judge

    return tuple(Evidence(i.item, i.found, (i.evidence,) if i.evidence else (), i.contradicted)
                 for i in judge(field, text).ideas)


def _summary(found: list[Evidence], missing: list[Evidence]) -> str:
    said = ", ".join(f"{e.matched[0]} ✓" for e in found)
    gaps = ", ".join(e.item.idea for e in missing)
    if found and missing:
        return f"you mentioned: {said} — not yet: {gaps}"
    if found:
        return f"you mentioned: {said}"
    return f"not yet: {gaps}"


def check(field: Field, text: str) -> Result:
    """Judge a written answer against the rubric: each idea with the words that show it,
    any misconception (shown first), and a suggested score; the verdict is `self-grade`."""
    from tutor.engine.judge import judge

    if len(text) > MAX_TEXT_CHARS:
        return invalid(field, f"the answer is too long (at most {MAX_TEXT_CHARS} characters)")
    if not words(text):
        return invalid(field, "write an answer first")
    j = judge(field, text)
    ev = tuple(Evidence(i.item, i.found, (i.evidence,) if i.evidence else (), i.contradicted) for i in j.ideas)
    hits = tuple(MisconceptionHit(f.misconception.id, f.misconception.feedback, f.misconception.concept,
                                  f.misconception.idea, f.evidence) for f in j.misconceptions)
    sentences = count_sentences(text)
    warnings = []
    if field.max_sentences and sentences > field.max_sentences:
        warnings.append(f"you wrote {sentences} sentences; the question asks for at most {field.max_sentences}")
    found = [e for e in ev if e.found]
    missing = [e for e in ev if not e.found]
    feedback = [h.feedback for h in hits]
    if ev:
        feedback.append(_summary(found, missing))
    shown = f"{sentences} sentence{'s' if sentences != 1 else ''}"
    if field.max_sentences:
        shown += f" (at most {field.max_sentences})"
    return Result(field.full_id, "self-grade", j.score, field.points, shown,
                  tuple(feedback), hits[0].id if hits else None, field.model_answer, tuple(warnings), ev,
                  sentences, misconceptions=hits)


def preview(field: Field, text: str) -> Preview:
    """The sentence count so far."""
    n = count_sentences(text)
    limit = f" of at most {field.max_sentences}" if field.max_sentences else ""
    return Preview(True, f"{n} sentence{'s' if n != 1 else ''}{limit}")
