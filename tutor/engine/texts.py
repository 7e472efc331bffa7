"""Checking `text` fields: rubric evidence by keywords, sentence count, and a self-grade.

A keyword matches a word that starts with it or shares its stem ("discret" matches
"discrete", "batches" matches "batch"); phrases match consecutive words; hyphens and
spaces inside a keyword don't matter ("mini-batch" = "minibatch" = "mini batch").
The score is provisional: the learner confirms it against the rubric and the model answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.engine.errors import MAX_TEXT_CHARS
from tutor.engine.result import Evidence, Preview, Result, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field


_WORD = re.compile(r"[a-z0-9α-ω]+(?:'[a-z]+)?|[≠≤≥<>=]")  # relations are words too: "≠ 0" is not "0"
_RELATIONS = (("!=", "≠"), ("=/=", "≠"), ("<=", "≤"), (">=", "≥"))
_SUFFIXES = ("ization", "isation", "ations", "ation", "ities", "ness", "ments", "ment", "ity", "ous",
             "ingly", "edly", "ing", "ies", "ied", "ers", "er", "est", "ed", "es", "ly", "al", "s", "e", "y")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|fig|eq)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def stem(word: str) -> str:
    """A crude stem: one common ending removed, keeping at least 3 letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Lowercase words and relation signs (= ≠ < > ≤ ≥; != <= >= typed as ASCII), with
    hyphenated words kept joined (mini-batch → minibatch). Math letters and digits count as
    plain ones (𝐖₁ → w1, 𝟎 → 0), so pasted or rendered math reads like typed text."""
    text = unicodedata.normalize("NFKC", text).lower()
    for typed, sign in _RELATIONS:
        text = text.replace(typed, sign)
    return _WORD.findall(text.replace("-", "").replace("\u2011", ""))


class _Index:
    """A text's words with their stems, indexed by their first three letters, and joined
    pairs/triples of words (so "mini batch" can show the keyword "minibatch")."""

    def __init__(self, text: str) -> None:
        self.tokens = words(text)
        self.stems = [stem(t) for t in self.tokens]
        self.starts: dict[str, list[int]] = {}
        for i, t in enumerate(self.tokens):
            self.starts.setdefault(t[:3], []).append(i)
        self.joined: dict[str, list[tuple[str, str, str]]] = {}
        for size in (2, 3):
            for i in range(len(self.tokens) - size + 1):
                word = "".join(self.tokens[i:i + size])
                self.joined.setdefault(word[:3], []).append((word, stem(word), " ".join(self.tokens[i:i + size])))

    def positions(self, root: str) -> Sequence[int]:
        """Where a word matching `root` may start (every position for very short roots)."""
        return self.starts.get(root[:3], ()) if len(root) >= 3 else range(len(self.tokens))


def _matches(key: str, root: str, word: str, word_stem: str) -> bool:
    return word.startswith(key) or word_stem == root or (len(root) >= 4 and word.startswith(root))


def keyword_found(keyword: str, index: _Index) -> str | None:
    """The words of the text that show `keyword`, or None."""
    parts = words(keyword)
    if not parts:
        return None
    roots = [stem(p) for p in parts]
    tokens, stems = index.tokens, index.stems
    n = len(parts)
    for i in index.positions(roots[0]):
        if i + n <= len(tokens) and all(_matches(parts[k], roots[k], tokens[i + k], stems[i + k]) for k in range(n)):
            return " ".join(tokens[i:i + n])
    joined = "".join(parts)
    root = stem(joined)
    if len(joined) >= 6:  # "mini batch" for the keyword "minibatch"
        for word, word_stem, shown in index.joined.get(root[:3], ()):
            if _matches(joined, root, word, word_stem):
                return shown
    return None


def count_sentences(text: str) -> int:
    """Sentences, not fooled by decimals (0.3) or abbreviations (e.g.)."""
    cleaned = _ABBREV.sub(" ", text)
    pieces = [p for p in _SENTENCE_END.split(cleaned) if re.search(r"[A-Za-z0-9]", p)]
    return len(pieces)


def evidence(field: Field, text: str) -> tuple[Evidence, ...]:
    """For each rubric idea, whether the text shows it and by which words."""
    index = _Index(text)
    out = []
    for item in field.rubric:
        matched = tuple(dict.fromkeys(m for m in (keyword_found(k, index) for k in item.keywords) if m))
        out.append(Evidence(item, bool(matched), matched))
    return tuple(out)


def _summary(found: list[Evidence], missing: list[Evidence]) -> str:
    said = ", ".join(f"{e.matched[0]} ✓" for e in found)
    gaps = ", ".join(e.item.idea for e in missing)
    if found and missing:
        return f"you mentioned: {said} — not yet: {gaps}"
    if found:
        return f"you mentioned: {said}"
    return f"not yet: {gaps}"


def check(field: Field, text: str) -> Result:
    """Evidence for each rubric idea; the verdict is `self-grade` with a provisional score."""
    if len(text) > MAX_TEXT_CHARS:
        return invalid(field, f"the answer is too long (at most {MAX_TEXT_CHARS} characters)")
    if not words(text):
        return invalid(field, "write an answer first")
    ev = evidence(field, text)
    total = sum(e.item.points for e in ev) or 1.0
    earned = sum(e.item.points for e in ev if e.found)
    sentences = count_sentences(text)
    warnings = []
    if field.max_sentences and sentences > field.max_sentences:
        warnings.append(f"you wrote {sentences} sentences; the question asks for at most {field.max_sentences}")
    found = [e for e in ev if e.found]
    missing = [e for e in ev if not e.found]
    feedback = [_summary(found, missing)] if ev else []
    mistake = None
    index = _Index(text)
    for m in field.mistakes:
        forms = (m.answer,) if isinstance(m.answer, str) else m.answer
        if any(all(keyword_found(k.strip(), index) for k in form.split(",") if k.strip()) for form in forms):
            feedback.insert(0, m.feedback)
            mistake = m.id
            break
    shown = f"{sentences} sentence{'s' if sentences != 1 else ''}"
    if field.max_sentences:
        shown += f" (at most {field.max_sentences})"
    return Result(field.full_id, "self-grade", field.points * earned / total, field.points, shown,
                  tuple(feedback), mistake, field.model_answer, tuple(warnings), ev, sentences)


def preview(field: Field, text: str) -> Preview:
    """The sentence count so far."""
    n = count_sentences(text)
    limit = f" of at most {field.max_sentences}" if field.max_sentences else ""
    return Preview(True, f"{n} sentence{'s' if n != 1 else ''}{limit}")
