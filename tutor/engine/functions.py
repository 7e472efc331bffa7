"""The functions and constants of the answer language (names and arities; no numpy here)."""

from __future__ import annotations

import math

# canonical name -> (min args, max args, how it is called)
FUNCTIONS: dict[str, tuple[int, int, str]] = {
    "ln": (1, 1, "ln(x)"),
    "log10": (1, 1, "log10(x)"),
    "log2": (1, 1, "log2(x)"),
    "exp": (1, 1, "exp(x)"),
    "sqrt": (1, 1, "sqrt(x)"),
    "abs": (1, 1, "abs(x)"),
    "sign": (1, 1, "sign(x)"),
    "tanh": (1, 1, "tanh(x)"),
    "sigmoid": (1, 1, "sigmoid(x)"),
    "relu": (1, 1, "relu(x)"),
    "max": (1, 2, "max(a, b) or max(x)"),
    "min": (1, 2, "min(a, b) or min(x)"),
    "maximum": (2, 2, "maximum(a, b)"),
    "minimum": (2, 2, "minimum(a, b)"),
    "where": (3, 3, "where(condition, a, b)"),
    "outer": (2, 2, "outer(a, b)"),
    "dot": (2, 2, "dot(a, b)"),
    "sum": (1, 1, "sum(x)"),
    "mean": (1, 1, "mean(x)"),
    "diag": (1, 1, "diag(v)"),
    "norm": (1, 1, "norm(x)"),
    "transpose": (1, 1, "transpose(x)"),
}

# what learners also type -> canonical name
FUNCTION_ALIASES: dict[str, str] = {
    "log": "ln", "log_e": "ln", "loge": "ln", "log_10": "log10", "log_2": "log2",
    "sigma": "sigmoid", "sigm": "sigmoid", "logistic": "sigmoid", "ReLU": "relu",
    "heaviside": "", "np": "",
}
FUNCTION_ALIASES = {k: v for k, v in FUNCTION_ALIASES.items() if v}

# names the FUNC token recognises (so `ln 0.3` needs no parentheses)
PARENLESS = ("log10", "log_10", "log2", "log_2", "log_e", "loge", "log", "ln", "exp", "sqrt", "abs", "tanh",
             "sigmoid", "relu", "max", "min", "maximum", "minimum", "where", "outer", "dot",
             "sum", "mean", "diag", "norm", "transpose", "sign")

CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}

# Names that mean the same symbol (checked when the content declares one of them).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("epsilon", "eps"), ("lambda", "lam", "lmbda"),
)

# How names print back: Greek names as letters, trailing digits as subscripts.
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def canonical_function(name: str) -> str | None:
    """The canonical function for a name as typed (case-insensitive), or None."""
    for candidate in (name, name.lower()):
        if candidate in FUNCTIONS:
            return candidate
        if candidate in FUNCTION_ALIASES:
            return FUNCTION_ALIASES[candidate]
    return None


def function_names() -> list[str]:
    """Every function name a learner may type (for suggestions)."""
    return sorted(set(FUNCTIONS) | set(FUNCTION_ALIASES) | {"log"})
