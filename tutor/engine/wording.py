"""Reading a written answer as a TA does: words with their stems, maths as maths, clauses,
and which words are negated.

- Maths is kept, in the answer language's spelling: `β₁ᵗ → 0`, `beta_1^t tends to zero` and
  `\\beta_1^t \\to 0` all read as the words `β1^t → 0`; `ṽ`, `v~` and `v tilde` read as
  `vtilde`; `≈`, `≠`, `≤`, `≥`, `<`, `>`, `=` and `∞` are words of their own.
- Words are lowercased; hyphens inside a word join it (`mini-batch` = `minibatch`); `don't`
  is `do not`. Each word has a stem (Snowball's English stemmer), so `decreases` and
  `decreasing` are one word, while `high` and `higher` stay apart.
- A clause ends at `. ; : ! ?`, at a comma, and before `whereas`, `while`, `but`, `however`,
  `although`, `though`, `unlike`, `so`, `thus`, `hence`, `because`, `since`, `therefore`.
- Negation: `not`, `never`, `cannot`, `without`, `neither`, `nor`, `no longer`, `fail to`,
  `lack` negate the rest of their clause; `no`, `less` and `fewer` negate the next word or two;
  `instead of`, `rather than`, `unlike` and `as opposed to` negate what they introduce.
  Words after `than`, `unlike`, `instead of`, `compared to`, `versus` are objects of a
  comparison, never the subject of a claim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

_SUPER = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹ᵗⁿⁱᵐᵏˣʸᵀ⁺⁻", "0123456789tnimkxyT+-"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "0123456789aeoxhklmnpstij"))
_GREEK_NAMES = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eps": "ε", "eta": "η",
    "theta": "θ", "lambda": "λ", "mu": "μ", "sigma": "σ", "tau": "τ", "rho": "ρ",
}
_LATEX = {
    r"\to": " → ", r"\rightarrow": " → ", r"\longrightarrow": " → ", r"\approx": " ≈ ",
    r"\neq": " ≠ ", r"\ne": " ≠ ", r"\leq": " ≤ ", r"\le": " ≤ ", r"\geq": " ≥ ", r"\ge": " ≥ ",
    r"\infty": " ∞ ", r"\ll": " < ", r"\gg": " > ", r"\cdot": " ", r"\times": " ",
}
_LATEX_FONT = re.compile(r"\\(?:mathbf|mathcal|boldsymbol|mathrm|textbf|text|mathit|operatorname|bm|left|right|"
                         r"displaystyle|big|Big|bigg|Bigg|mathbb)(?![a-zA-Z])")
_FRAC = re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_CHARS = {"≠": "!=", "−": "-", "–": "-", "—": " - ", "‐": "-", "‑": "-", "’": "'", "‘": "'", "ϵ": "ε",
          "⟶": "→", "⇾": "→", "≃": "≈", "≅": "≈", "≦": "≤", "≧": "≥", "ℒ": "l"}
_TENDS = re.compile(
    r"\b(?:tends?|tending|goes|go|going|gets?|getting|approach(?:es|ing)?|converges?|converging|"
    r"shrinks?|decays?|falls?|drops?|vanish(?:es)?|decreases?)\s+(?:to(?:wards?)?|toward)\s+"
    r"(?=(?:0|1|zero|one|infinity|∞|[a-zα-ω](?:tilde)?\b))")
_APPROX = re.compile(r"~=|≈|\bapprox(?:imately)?\s+(?:equal\s+to\s+|equals?\s+)?(?=[0-9a-zα-ω])")
_ARROW = re.compile(r"-+>|=>|→")
_TILDE = re.compile(r"([a-zα-ω])\s*(?:~|_?tilde\b|\u0303)|\btilde\s*([a-zα-ω])\b")
_HAT = re.compile(r"([a-zα-ω])\s*(?:_?hat\b|\u0302)|\bhat\s*([a-zα-ω])\b")
_GREEK = re.compile(r"\b(" + "|".join(sorted(_GREEK_NAMES, key=len, reverse=True)) + r")(?=_?[0-9]|\b|\^)")
_NUMBER_WORDS = re.compile(r"(→|≈|=)\s*(zero|one|infinity)\b")
_TOKEN = re.compile(
    r"§?[a-z0-9α-ω]+(?:'[a-z]+)?(?:[_^][a-z0-9α-ω]+|\^\([a-z0-9α-ω+\-]+\))*|[→≈≠≤≥<>=∞]|[.;:!?,]")
_CONTRACTIONS = {"can't": ["can", "not"], "won't": ["will", "not"], "cannot": ["can", "not"],
                 "shan't": ["shall", "not"]}
_CLAUSE_PUNCT = frozenset(".;:!?,")
_CLAUSE_WORDS = frozenset(("whereas", "while", "whilst", "but", "however", "although", "though", "unlike",
                           "so", "thus", "hence", "because", "since", "therefore", "meanwhile", "yet", "then"))
_NEGATORS = frozenset(("not", "never", "without", "neither", "nor", "lack", "lacks", "none", "nothing",
                       "nobody", "hardly", "barely"))
_LOCAL_NEG = frozenset(("less", "fewer", "no"))  # "no gradient and do not learn": "no" is a determiner
_RESET = frozenset(("but", "rather", "instead"))
_OBJECT_AFTER = frozenset(("than", "unlike", "versus", "vs", "except", "besides", "excluding"))
_PAIRS_AFTER = {("instead", "of"), ("rather", "than"), ("compared", "to"), ("compared", "with"),
                ("opposed", "to"), ("relative", "to"), ("other", "than"), ("apart", "from")}


@dataclass(frozen=True)
class Token:
    """One word of an answer: its text, stem, clause, sentence, and whether it is negated
    or the object of a comparison."""

    text: str
    stem: str
    clause: int
    sentence: int
    negated: bool = False
    is_object: bool = False
    question: bool = False  # the token's clause is a question (an echo of the prompt)
    lead: str = ""  # words read just before it and kept out of the tokens ("not", "no longer")


_CAPITAL = re.compile(r"(?<![A-Za-z0-9_^'\\])([A-HJ-Z])(?![A-Za-z0-9'_^])(\s*)(\S*)")
_NAMING_VERBS = frozenset(("is", "was", "shows", "corresponds", "represents", "uses", "has", "must", "would", "should",
                           "will", "can", "and", "or", "", "=", "→", "(", "-", "—", "graph", "curve", "plot"))


def _letter(m: re.Match[str]) -> str:
    """A lone capital letter names something (graph A, matrix W): kept apart from the
    article "a" as `§a`, unless it is an article starting a sentence ("A random subset")."""
    letter, space, following = m.group(1), m.group(2), m.group(3)
    word = re.sub(r"[^A-Za-z=→(—-]", "", following)
    if letter == "A" and word and word[0].islower() and word not in _NAMING_VERBS:
        return m.group(0)
    return f"§{letter}{space}{following}"


def normalize(text: str) -> str:
    """The text with maths in one spelling (see the module docstring), lowercased."""
    text = re.sub(r"\\(tilde|hat|widetilde|widehat)\s*\{\s*([A-Za-z])\s*\}", lambda m: m.group(2) + m.group(1).replace("wide", ""), text)
    text = _LATEX_FONT.sub("", text)
    text = _FRAC.sub(r" (\1)/(\2) ", text)
    text = re.sub(r"\{([^{}]*)\}(?=[_^])", r"\1", text)
    text = re.sub(r"([_^])\{([^{}]*)\}", r"\1\2", text)
    for latex, plain in _LATEX.items():
        text = re.sub(re.escape(latex) + r"(?![a-zA-Z])", plain, text)
    text = text.replace("\\", " ").replace("{", " ").replace("}", " ").replace("$", " ")
    out = []
    script = ""  # inside a run of sub- ("_") or superscripts ("^"): 𝐖₁𝐳 is W_1 z, not W_1z
    for ch in text:
        if ch in _SUPER or ch in _SUB:
            mark = "^" if ch in _SUPER else "_"
            out.append(("" if script == mark else mark) + (_SUPER.get(ch) or _SUB[ch]))
            script = mark
        else:
            if script and ch.isalnum():
                out.append(" ")
            script = ""
            out.append(_CHARS.get(ch, ch))
    text = _CAPITAL.sub(_letter, unicodedata.normalize("NFKD", "".join(out).replace("^^", "^"))).lower()
    text = re.sub(r"\^([a-z0-9])\^", r"^\1", text)
    text = _ARROW.sub(" → ", text)
    text = _TILDE.sub(lambda m: f"{m.group(1) or m.group(2)}tilde", text)
    text = _HAT.sub(lambda m: f"{m.group(1) or m.group(2)}hat", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _GREEK.sub(lambda m: _GREEK_NAMES[m.group(1)], text)
    text = re.sub(r"(?<![a-z0-9])([a-zα-ω])_([0-9a-z])(?![a-z0-9])", r"\1\2", text)  # β_1 → β1, w_1 → w1
    text = re.sub(r"\(([α-ω][0-9]?)\)\^", r"\1^", text)   # (β1)^t → β1^t
    text = re.sub(r"\*\*", "^", text)
    text = _TENDS.sub(" → ", text)
    text = _APPROX.sub(" ≈ ", text)
    text = text.replace("!=", " ≠ ").replace("=/=", " ≠ ").replace("<=", " ≤ ").replace(">=", " ≥ ")
    text = re.sub(r"\binfinity\b|\binf\b", " ∞ ", text)
    text = _NUMBER_WORDS.sub(lambda m: f"{m.group(1)} {'0' if m.group(2) == 'zero' else '1' if m.group(2) == 'one' else '∞'}", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", "", text)  # mini-batch → minibatch
    return text


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball's English stemmer in C

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball stem of a plain word; maths and signs are their own stem."""
    if not word.isalpha() or not word.isascii():
        return word
    return str(_stemmer().stemWord(word))


def _split_words(text: str) -> list[str]:
    words: list[str] = []
    text = re.sub(r"\?(?=\s*['\"”’])", " ", text)  # a quoted question ('which one?') is not the answer's
    for raw in _TOKEN.findall(text):
        if raw in _CONTRACTIONS:
            words.extend(_CONTRACTIONS[raw])
        elif raw.endswith("n't"):
            words.extend([raw[:-3] or "not", "not"])
        elif raw.endswith(("'s", "'")):
            words.append(raw.split("'")[0])
        elif "'" in raw:
            words.append(raw.replace("'", ""))
        else:
            words.append(raw)
    return [w for w in words if w]


def tokens(text: str) -> list[Token]:
    """The answer's words with stems, clauses, sentences, negation and comparison objects."""
    words = _split_words(normalize(text))
    out: list[Token] = []
    clause = sentence = 0
    negated = False
    local = 0        # words still negated by "less", "instead of", …
    objects = 0      # words still inside "than …", "unlike …"
    clause_start = 0
    question_clauses: set[int] = set()
    skipped: list[str] = []  # negators and other words read but not kept, for the next token's `lead`
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in _CLAUSE_PUNCT:
            if w == "?":
                question_clauses.update(t.clause for t in out[clause_start:])
                question_clauses.add(clause)
            if w in ".!?;:":
                sentence += 1
            clause += 1
            clause_start = len(out)
            negated, local, objects = False, 0, 0
            skipped = []
            i += 1
            continue
        if w in _CLAUSE_WORDS and out and out[-1].clause == clause:
            clause += 1
            clause_start = len(out)
            negated, local, objects = False, 0, 0
        if w == "no" and nxt == "matter":   # "the same no matter which batch": an idiom, not a negation
            for word in (w, nxt):
                out.append(Token(word, stem(word), clause, sentence, negated, objects > 0, lead=" ".join(skipped)))
                skipped = []
            i += 2
            continue
        if w == "no" and nxt == "longer":
            negated = not negated
            skipped += [w, nxt]
            i += 2
            continue
        if w in ("fail", "fails", "failed", "unable") and nxt == "to":
            negated = not negated
            skipped += [w, nxt]
            i += 2
            continue
        if (w, nxt) in _PAIRS_AFTER:
            if w in ("instead", "rather", "opposed"):
                local = 3
            objects = 3
            skipped += [w, nxt]
            i += 2
            continue
        if w in _RESET:
            negated = False
        if w in _NEGATORS:
            negated = not negated
            if w in ("nothing", "none"):
                out.append(Token(w, w, clause, sentence, False, False, lead=" ".join(skipped)))
                skipped = []
            else:
                skipped.append(w)
            i += 1
            continue
        if w in _LOCAL_NEG:
            local = 2
            skipped.append(w)
            i += 1
            continue
        if w in _OBJECT_AFTER:
            out.append(Token(w, w, clause, sentence, False, False, lead=" ".join(skipped)))
            skipped = []
            objects = 3
            if w == "unlike":
                local = 3
            i += 1
            continue
        out.append(Token(w, stem(w), clause, sentence, negated != (local > 0), objects > 0,
                         lead=" ".join(skipped)))
        skipped = []
        local = max(0, local - 1)
        objects = max(0, objects - 1)
        i += 1
    if question_clauses:
        out = [replace(t, question=t.clause in question_clauses) for t in out]
    return out


def term_words(term: str) -> list[str]:
    """A rubric term's words, read like an answer's (a trailing `*` kept: a prefix match)."""
    words: list[str] = []
    for chunk in term.split():
        got = [w for w in _split_words(normalize(chunk.rstrip("*"))) if w not in _CLAUSE_PUNCT]
        if chunk.endswith("*") and got:
            got[-1] += "*"
        words.extend(got)
    return words


def plain_words(text: str) -> set[str]:
    """The stems of a text's words (the question's words, for echo checks)."""
    return {t.stem for t in tokens(text)}
