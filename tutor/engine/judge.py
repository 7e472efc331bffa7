"""Judging a written answer against its rubric: which ideas it states (as claims, with their
direction), which misconceptions it states, and the score that suggests.

An idea is found when one of its claims is: a term said (or denied, or mentioned) of the
right subject within one clause, not negated the wrong way, and not made only of the
question's own words (unless the claim allows it). A found misconception unticks the idea
it contradicts and caps the suggested score. The learner's confirmed checklist, not this
suggestion, is what gets recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from tutor.engine.wording import Token, plain_words, stem, term_words, tokens
from tutor.model.types import Claim, Field, Misconception, RubricItem

MAX_EVIDENCE_WORDS = 10
ONE_WORD_CAP = 0.2
_FILLERS = frozenset(("the", "a", "an", "of", "its", "their", "is", "are", "be", "to", "very", "much", "all"))


@dataclass(frozen=True)
class Options:
    """How words are compared: the stemmer and whether close misspellings count (for
    measuring the choices; the defaults are what the tutor uses)."""

    stemmer: str = "snowball"   # "snowball" | "none"
    fuzzy: bool = True


DEFAULT = Options()


@dataclass(frozen=True)
class IdeaVerdict:
    """One rubric idea: found or not, the words that showed it, and whether a misconception
    contradicts it."""

    item: RubricItem
    found: bool
    evidence: str = ""
    contradicted: bool = False


@dataclass(frozen=True)
class MisconceptionFound:
    """A misconception the answer states, with the words that state it."""

    misconception: Misconception
    evidence: str


@dataclass(frozen=True)
class Judgement:
    """Everything the rubric says about one written answer."""

    ideas: tuple[IdeaVerdict, ...]
    misconceptions: tuple[MisconceptionFound, ...]
    score: float
    max: float

    @property
    def fraction(self) -> float:
        """The suggested score as a share of the field's points."""
        return self.score / self.max if self.max else 0.0


def score_of(field: Field, ticked: Iterable[str]) -> float:
    """The points a set of ticked ideas is worth: idea points add up, capped at the field's
    points (a rubric whose ideas add up to less is scaled to the field)."""
    ticked = set(ticked)
    total = sum(i.points for i in field.rubric)
    if total <= 0:
        return 0.0
    earned = sum(i.points for i in field.rubric if i.id in ticked)
    return field.points * min(1.0, earned / min(total, field.points)) if field.points else 0.0


# -- matching words ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    stems: tuple[str, ...]
    echo: bool  # made only of the question's words


class _Reader:
    """An answer's tokens with the lookups the claims need."""

    def __init__(self, toks: list[Token], fuzzy: dict[str, str], options: Options) -> None:
        self.toks = toks
        self.fuzzy = fuzzy
        self.options = options
        self.by_key: dict[str, list[int]] = {}
        for i, t in enumerate(toks):
            if t.question:
                continue
            for key in {t.stem, t.text, _degreek(t.text), fuzzy.get(t.text, "")}:
                if key:
                    self.by_key.setdefault(key, []).append(i)

    def _word_at(self, i: int, word: str, word_stem: str) -> bool:
        t = self.toks[i]
        if word.endswith("*"):
            return t.text.startswith(word[:-1])
        return t.stem == word_stem or t.text == word or _degreek(t.text) == word or self.fuzzy.get(t.text) == word

    def find(self, term: _Term) -> list[tuple[int, int]]:
        """(start, end) token spans where the term occurs within one clause (a filler word
        may sit between its words)."""
        first, first_stem = term.words[0], term.stems[0]
        if first.endswith("*"):
            starts: Iterable[int] = (i for i, t in enumerate(self.toks)
                                     if not t.question and t.text.startswith(first[:-1]))
        else:
            starts = sorted(set(self.by_key.get(first_stem, [])) | set(self.by_key.get(first, [])))
        spans = []
        for i in starts:
            j, ok = i, True
            for word, word_stem in zip(term.words[1:], term.stems[1:]):
                k = j + 1
                if k < len(self.toks) and self.toks[k].text in _FILLERS and not self._word_at(k, word, word_stem):
                    k += 1
                if k >= len(self.toks) or self.toks[k].clause != self.toks[i].clause or not self._word_at(k, word, word_stem):
                    ok = False
                    break
                j = k
            if ok:
                spans.append((i, j))
        if len(term.words) == 1 and len(first.rstrip("*")) >= 6:  # "mini batch" shows "minibatch"
            key = first.rstrip("*")
            for i in range(len(self.toks) - 1):
                a, b = self.toks[i], self.toks[i + 1]
                if a.clause == b.clause and not a.question and 2 <= len(a.text) < len(key) and key.startswith(a.text) \
                        and b.text.isalpha():
                    joined = a.text + b.text
                    if joined == key or (first.endswith("*") and joined.startswith(key)) or stem(joined) == first_stem:
                        spans.append((i, i + 1))
        return spans


def _degreek(word: str) -> str:
    """`β1^t` → `β^t`: a term without a subscript matches every subscript."""
    if word[:1] and "α" <= word[0] <= "ω" and len(word) > 1 and word[1].isdigit():
        return word[0] + word[2:]
    return word


def _joined_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The term, and the term with one pair of neighbouring words written as one (a hyphen
    in the answer joins them: "real-valued" reads as "realvalued")."""
    out = [words]
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a.isalpha() and b.rstrip("*").isalpha():
            out.append(words[:i] + (a + b,) + words[i + 2:])
    return out


def _stem_for(word: str, options: Options) -> str:
    if word.endswith("*") or options.stemmer == "none":
        return word
    return stem(word)


# -- a field, compiled once -----------------------------------------------------------------
@dataclass(frozen=True)
class _CClaim:
    about: frozenset[str]
    says: tuple[_Term, ...]
    denies: tuple[_Term, ...]
    mentions: tuple[_Term, ...]
    then: tuple[_Term, ...]
    keyword: bool
    unless: tuple[_Term, ...] = ()  # an older keyword idea: any mention, any subject


class _Compiled:
    """A field's subjects, claims and vocabulary, read once."""

    def __init__(self, field: Field, options: Options) -> None:
        self.field = field
        self.options = options
        question = plain_words(field.question) if field.question else set()
        self.question = question

        def terms(texts: Sequence[str], echo_ok: bool, prefix: bool = False) -> tuple[_Term, ...]:
            out = []
            for text in texts:
                words = tuple(term_words(text))
                if prefix:  # an older keyword: each word matches any word it starts
                    words = tuple(w if w.endswith("*") or not w.isalpha() else w + "*" for w in words)
                if not words:
                    continue
                for variant in _joined_variants(words):  # "cross entropy loss" also as "crossentropy loss"
                    stems = tuple(_stem_for(w, options) for w in variant)
                    echo = not echo_ok and all(s in question for s in stems)
                    out.append(_Term(variant, stems, echo))
            return tuple(out)

        self.subjects = {name: terms(words, True) for name, words in field.subjects.items()}

        def claims(items: Sequence[Claim]) -> tuple[_CClaim, ...]:
            return tuple(_CClaim(frozenset(c.about), terms(c.says, c.question_words), terms(c.denies, c.question_words),
                                 terms(c.mentions, c.question_words), terms(c.then, True), False,
                                 terms(c.unless, True)) for c in items)

        self.ideas = [(item, claims(item.claims) + ((_CClaim(frozenset(), (), (), terms(item.keywords, False, True), (), True),)
                                                    if item.keywords else ())) for item in field.rubric]
        self.misconceptions = [(m, claims(m.claims)) for m in field.misconceptions]
        vocab: set[str] = set()
        for _, cs in self.ideas + self.misconceptions:
            for c in cs:
                for t in c.says + c.denies + c.mentions + c.then:
                    vocab.update(w for w in t.words if w.isalpha() and len(w) >= 6)
        for ts in self.subjects.values():
            for t in ts:
                vocab.update(w for w in t.words if w.isalpha() and len(w) >= 6)
        self.vocab = sorted(vocab)
        self.vocab_stems = {stem(w) for w in self.vocab} | set(self.vocab)

    def fuzzy_map(self, toks: list[Token]) -> dict[str, str]:
        """Close misspellings of the rubric's words (one edit, six letters or more)."""
        if not self.options.fuzzy or not self.vocab:
            return {}
        from rapidfuzz.distance import DamerauLevenshtein
        from rapidfuzz.process import extractOne

        out: dict[str, str] = {}
        for t in toks:
            word = t.text
            if len(word) < 6 or not word.isalpha() or word in out or t.stem in self.vocab_stems:
                continue
            hit = extractOne(word, self.vocab, scorer=DamerauLevenshtein.distance, score_cutoff=1)
            if hit is None:
                continue
            choice = str(hit[0])
            if choice.startswith(word) or word.startswith(choice) or word[0] != choice[0]:
                continue  # larger ≠ large: a comparative is not a misspelling
            out[word] = choice
        return out


_CACHE: dict[tuple[int, Options], _Compiled] = {}


def _compiled(field: Field, options: Options) -> _Compiled:
    key = (id(field.rubric), options)
    hit = _CACHE.get(key)
    if hit is None or hit.field.rubric is not field.rubric or hit.field.misconceptions is not field.misconceptions \
            or hit.field.question != field.question or hit.field.subjects != field.subjects:
        if len(_CACHE) > 256:
            _CACHE.clear()
        hit = _CACHE[key] = _Compiled(field, options)
    return hit


# -- claims --------------------------------------------------------------------------------
def _mentions(c: _Compiled, reader: _Reader) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for name, ts in c.subjects.items():
        for t in ts:
            out.extend((s, e, name) for s, e in reader.find(t))
    # a longer mention wins where two overlap ("mini-batch GD" over "GD")
    out.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for m in out:
        if kept and m[0] <= kept[-1][1]:
            continue
        kept.append(m)
    return kept


def _subject_of(reader: _Reader, mentions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """Who a term at tokens start..end is said of: the nearest subject named before it in its
    clause, else after it in its clause, else the last one named earlier (an "it")."""
    toks = reader.toks
    clause = toks[start].clause
    usable = [m for m in mentions if not toks[m[0]].is_object and not (m[0] <= end and m[1] >= start)]
    before = [m for m in usable if toks[m[0]].clause == clause and m[1] < start]
    if before:
        m = before[-1]
        return None if _ambiguous(reader, mentions, m) else m[2]
    after = [m for m in usable if toks[m[0]].clause == clause and m[0] > end]
    if after:
        m = after[0]
        return None if _ambiguous(reader, mentions, m) else m[2]
    earlier = [m for m in usable if m[1] < start and toks[m[0]].clause < clause]
    return earlier[-1][2] if earlier else None


def _ambiguous(reader: _Reader, mentions: list[tuple[int, int, str]], m: tuple[int, int, str]) -> bool:
    """`SGD or GD`: a pair of subjects joined by "or" names neither."""
    toks = reader.toks
    for other in mentions:
        if other[2] == m[2]:
            continue
        lo, hi = (other, m) if other[1] < m[0] else (m, other)
        gap = [t.text for t in toks[lo[1] + 1:hi[0]]]
        if gap in (["or"], ["and"], ["and", "or"], ["nor"]) and toks[lo[0]].clause == toks[hi[0]].clause:
            return True
    return False


def _evidence(reader: _Reader, start: int, end: int) -> str:
    # each word with the negators read before it, so "does not change" is never quoted as "does change"
    words = [f"{t.lead} {t.text}" if t.lead else t.text for t in reader.toks[start:end + 1]]
    if len(words) > MAX_EVIDENCE_WORDS:
        words = words[:4] + ["…"] + words[-(MAX_EVIDENCE_WORDS - 5):]
    return " ".join(words)


def _claim_found(claim: _CClaim, reader: _Reader, mentions: list[tuple[int, int, str]]) -> str | None:
    """The words that state the claim, or None."""
    toks = reader.toks
    for terms, polarity in ((claim.says, False), (claim.denies, True), (claim.mentions, None)):
        for term in terms:
            if term.echo:
                continue
            for start, end in reader.find(term):
                if polarity is not None and toks[end].negated != polarity:
                    continue
                if claim.unless and any(toks[s].sentence == toks[start].sentence
                                        for t in claim.unless for s, _ in reader.find(t)):
                    continue
                last = end
                if claim.then:
                    follow = [(s, e) for t in claim.then for s, e in reader.find(t)
                              if s > end and toks[s].clause == toks[start].clause
                              and (polarity is None or toks[e].negated == polarity)]
                    if not follow:
                        continue
                    last = min(e for _, e in follow)
                first = start
                if claim.about:
                    who = _subject_of(reader, mentions, start, end)
                    if who not in claim.about:
                        continue
                    named = [m for m in mentions if m[2] == who and toks[m[0]].clause == toks[start].clause
                             and m[1] < start]
                    if named:
                        first = named[-1][0]
                return _evidence(reader, first, last)
    return None


def judge(field: Field, text: str, options: Options = DEFAULT) -> Judgement:
    """What the rubric finds in a written answer, and the score it suggests."""
    c = _compiled(field, options)
    toks = tokens(text)
    if options.stemmer == "none":
        toks = [replace(t, stem=t.text) for t in toks]
    reader = _Reader(toks, c.fuzzy_map(toks), options)
    mentions = _mentions(c, reader)
    found_m: list[MisconceptionFound] = []
    for m, claims in c.misconceptions:
        for claim in claims:
            ev = _claim_found(claim, reader, mentions)
            if ev is not None:
                found_m.append(MisconceptionFound(m, ev))
                break
    contradicted = {f.misconception.idea for f in found_m if f.misconception.idea}
    ideas = []
    for item, claims in c.ideas:
        ev = next((e for e in (_claim_found(cl, reader, mentions) for cl in claims) if e is not None), None)
        against = item.id in contradicted
        ideas.append(IdeaVerdict(item, ev is not None and not against, ev or "", against))
    score = score_of(field, (i.item.id for i in ideas if i.found))
    if sum(1 for t in toks if t.text not in _FILLERS) < 2:
        score = min(score, ONE_WORD_CAP * field.points)  # a bare word names a topic; it explains nothing
    for f in found_m:
        score = min(score, f.misconception.cap * field.points)
    return Judgement(tuple(ideas), tuple(found_m), round(score, 6), field.points)


def suggested_ticks(judgement: Judgement) -> set[str]:
    """The ideas the checklist starts ticked: found and not contradicted."""
    return {i.item.id for i in judgement.ideas if i.found}


@lru_cache(maxsize=1)
def warm() -> bool:
    """Load the stemmer and fuzzy matcher once (the first judgement otherwise pays for it)."""
    stem("warming")
    from rapidfuzz.distance import DamerauLevenshtein  # noqa: F401

    return True


def as_json(j: Judgement) -> dict[str, Any]:
    """The `ideas` and `misconceptions` lists of `tutor answer --json`."""
    return {
        "ideas": [{"id": i.item.id, "text": i.item.idea, "found": i.found, "evidence": i.evidence}
                  for i in j.ideas],
        "misconceptions": [{"id": m.misconception.id, "feedback": m.misconception.feedback}
                           for m in j.misconceptions],
    }
