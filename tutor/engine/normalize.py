"""Unicode and notation clean-up before parsing, keeping a map back to the learner's columns.

What a terminal, a phone keyboard or a LaTeX habit may send becomes the plain answer
language: `−` → `-`, `×·⊙` → `*`, `α` → `alpha`, `β₁` → `beta1`, `x²` → `x^(2)`,
`xᵀ` / `x.T` → `x'`, `‖v‖` stays a norm, `W_{k}` → `W_k`, `\\alpha` → `alpha`,
`\\frac{a}{b}` → `((a)/(b))`, brackets and braces → parentheses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ϕ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega", "Δ": "Delta", "∆": "Delta", "Θ": "Theta", "Λ": "Lambda",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "Γ": "Gamma",
}
GREEK_NAMES = {name: letter for letter, name in GREEK.items() if letter not in "ϵϕ∆"}

_CHARS = {
    "−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "﹣": "-", "－": "-",
    "×": "*", "·": "*", "⋅": "*", "⊙": "*", "∗": "*", "∙": "*", "•": "*", "✕": "*",
    "÷": "/", "∕": "/", "⁄": "/",
    "’": "'", "′": "'", "‘": "'", "ᵀ": "'", "⊤": "'",
    "≥": ">=", "≤": "<=", "≠": "!=", "⩾": ">=", "⩽": "<=",
    "∑": "sum", "Σ": "sum", "√": "sqrt", "∞": "inf",
    "[": "(", "]": ")", "⟨": "(", "⟩": ")",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
}
_SUPER = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ᵀᵗⁿⁱᵐᵏ", "0123456789-+Ttnimk"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "0123456789aeoxhklmnpstij"))

# (pattern, replacement) on the mostly-ASCII text; a replacement is a list of literal
# strings and group numbers (groups keep their own columns).
_RULES: tuple[tuple[re.Pattern[str], tuple[str | int, ...]], ...] = (
    (re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_']*\s*=(?!=)|=|≈|~)\s*"), ("",)),   # "L = …", "≈ 1.2"
    (re.compile(r"\b(?:np|numpy|torch|math)\."), ("",)),                           # np.outer(…)
    (re.compile(r"\.([*/^])"), (1,)),                                              # MATLAB .* ./ .^
    (re.compile(r"\b(ln|exp|sqrt)(?=\.?\d)"), (1, " ")),                          # ln0.3
    (re.compile(r"\\(?:cdot|times|odot|ast|circ)(?![A-Za-z])"), ("*",)),
    (re.compile(r"\\(?:left|right|mathbf|mathrm|boldsymbol|bm)(?![A-Za-z])"), ("",)),
    (re.compile(r"\\top(?![A-Za-z])"), ("T",)),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), ("((", 1, ")/(", 2, "))")),
    (re.compile(r"\\([A-Za-z]+)"), (1,)),
    (re.compile(r"_\{([A-Za-z0-9]+)\}"), ("_", 1)),
    (re.compile(r"\|\|"), ("‖",)),
    (re.compile(r"\.T(?![A-Za-z0-9_])"), ("'",)),
    (re.compile(r"\^\s*'"), ("'",)),
    (re.compile(r"\{"), ("(",)),
    (re.compile(r"\}"), (")",)),
)


@dataclass(frozen=True)
class Normalized:
    """The cleaned text and, for each of its characters, the learner's 1-based column."""

    text: str
    cols: tuple[int, ...]

    def column(self, index: int) -> int:
        """The learner's column for an index into the cleaned text (end → one past the end)."""
        if not self.cols:
            return 1
        if index >= len(self.cols):
            return self.cols[-1] + 1
        return self.cols[max(index, 0)]


def _char_pass(text: str) -> tuple[list[str], list[int]]:
    out: list[str] = []
    cols: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        col = i + 1
        if ch in _SUPER:
            j = i
            while j < len(text) and text[j] in _SUPER:
                j += 1
            run = "".join(_SUPER[c] for c in text[i:j])
            piece = "'" if run == "T" else f"^({run})"
            out.extend(piece)
            cols.extend([col] * len(piece))
            i = j
            continue
        if ch in _SUB:
            rep = _SUB[ch]
        elif ch in GREEK:
            rep = GREEK[ch]
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if nxt.isalpha() and nxt not in _SUB and nxt not in GREEK:
                rep += " "  # αg is alpha g (an operator is missing), not a name "alphag"
        elif ch in _CHARS:
            rep = _CHARS[ch]
        elif ord(ch) > 127:
            folded = unicodedata.normalize("NFKC", ch)
            rep = folded if folded.isascii() and folded.isprintable() else ch
        else:
            rep = ch
        out.extend(rep)
        cols.extend([col] * len(rep))
        i += 1
    return out, cols


def _apply(pattern: re.Pattern[str], repl: tuple[str | int, ...], chars: list[str], cols: list[int]) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    if not pattern.search(text):
        return chars, cols
    out: list[str] = []
    ocols: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        out.extend(chars[last:m.start()])
        ocols.extend(cols[last:m.start()])
        start_col = cols[m.start()] if m.start() < len(cols) else (cols[-1] + 1 if cols else 1)
        for piece in repl:
            if isinstance(piece, int):
                a, b = m.span(piece)
                out.extend(chars[a:b])
                ocols.extend(cols[a:b])
            else:
                out.extend(piece)
                ocols.extend([start_col] * len(piece))
        last = m.end()
    out.extend(chars[last:])
    ocols.extend(cols[last:])
    return out, ocols


@lru_cache(maxsize=2048)
def normalize(text: str) -> Normalized:
    """Clean `text` for the parser; the result maps back to the learner's columns."""
    chars, cols = _char_pass(text)
    for pattern, repl in _RULES:
        chars, cols = _apply(pattern, repl, chars, cols)
        if pattern.pattern.startswith(r"\\frac"):
            for _ in range(10):  # nested fractions, innermost first
                new = _apply(pattern, repl, chars, cols)
                if new[0] == chars:
                    break
                chars, cols = new
    return Normalized("".join(chars), tuple(cols))


def normalize_name(name: str) -> str:
    """A symbol, alias or graph node as the parser would read it (`α` → `alpha`, `W_{k}` → `W_k`)."""
    return normalize(name).text.strip()
