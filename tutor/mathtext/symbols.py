"""Symbol tables for `tutor.mathtext.walk`: LaTeX macros to Unicode, script and font maps."""

from __future__ import annotations

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

SYMBOLS = {
    "partial": "∂", "nabla": "∇", "infty": "∞", "sum": "∑", "prod": "∏", "int": "∫",
    "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "bullet": "•",
    "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "|": "‖", "Vert": "‖", "lVert": "‖", "rVert": "‖", "vert": "|", "lvert": "|",
    "rvert": "|", "mid": "|", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
    "_": "_", "%": "%", "$": "$", "&": "&", "#": "#",
    "top": "⊤", "intercal": "⊤", "prime": "′", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
    "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "wedge": "∧", "vee": "∨",
    "cap": "∩", "cup": "∪", "setminus": "∖", "sqrt": "√", "checkmark": "✓",
    ",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "!": "", "quad": "  ", "qquad": "    ",
    "\\": "\n", "newline": "\n",
}

# binary operators that bind tightly: written without spaces (`m×n`, `α·𝐠`)
BINARY = {"cdot": "·", "times": "×", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
           "circ": "∘", "div": "÷"}

# relations and arrows: padded with spaces at the top level
RELATIONS = {
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "ni": "∋",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "ll": "≪",
    "gg": "≫", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔", "implies": "⟹",
    "iff": "⟺", "mapsto": "↦", "longrightarrow": "⟶", "coloneqq": "≔", "triangleq": "≜",
    "perp": "⊥", "parallel": "∥",
}

OPERATORS = {
    "log", "ln", "exp", "max", "min", "lim", "sup", "inf", "sin", "cos", "tan", "tanh",
    "sinh", "cosh", "arg", "det", "dim", "ker", "Pr", "argmax", "argmin", "limsup",
    "liminf", "deg", "gcd", "mod", "sgn", "tr", "diag", "softmax", "relu", "sigmoid",
}

ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
    "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
    "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
    "grave": "\u0300", "underline": "\u0332",
}

TEXT_MACROS = {"text", "textrm", "textnormal", "mathrm", "textit", "textbf", "emph",
                "mathit", "mathsf", "mathtt", "texttt", "textsf", "operatorname", "mbox"}
PASS_MACROS = {"ensuremath", "displaystyle", "textstyle", "scriptstyle", "boxed", "cancel",
                "mathnormal", "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
                "Bigl", "Bigr", "limits", "nolimits", "middle"}

SUB = dict(zip("0123456789+-−=()aehijklmnoprstuvxβγρφχ",
                "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
SUP = dict(zip("0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ⊤′'∗*",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡᵀ′′**"))
BIG_OPS = set("∑∏∫∮⋃⋂")
SUB_SUP = set(SUB.values()) | set(SUP.values())
# a superscript made only of these stays on the line (x' and x^* read better than x^(*))
SUP_ON_LINE = {"′", "*"}

VULGAR = {("1", "2"): "½", ("1", "3"): "⅓", ("2", "3"): "⅔", ("1", "4"): "¼",
           ("3", "4"): "¾", ("1", "5"): "⅕", ("1", "6"): "⅙", ("1", "8"): "⅛"}

MATRIX_BRACKETS = {"pmatrix": "()", "bmatrix": "[]", "Bmatrix": "{}", "vmatrix": "||",
                    "Vmatrix": "‖‖", "matrix": "", "smallmatrix": ""}


def alphabet(upper: int, lower: int | None, exceptions: dict[str, str],
              digits: int | None = None) -> dict[str, str]:
    """A map from ASCII letters (and digits) to a Unicode mathematical alphabet."""
    out: dict[str, str] = {}
    for i in range(26):
        out[chr(65 + i)] = chr(upper + i)
        if lower is not None:
            out[chr(97 + i)] = chr(lower + i)
    if digits is not None:
        for i in range(10):
            out[chr(48 + i)] = chr(digits + i)
    out.update(exceptions)
    return out


BOLD = alphabet(0x1D400, 0x1D41A, {}, 0x1D7CE)
BOLD.update({chr(0x3B1 + i): chr(0x1D6C2 + i) for i in range(25)})   # α..ω
BOLD.update({chr(0x391 + i): chr(0x1D6A8 + i) for i in range(25) if i != 17})
CAL = alphabet(0x1D49C, 0x1D4B6, {
    "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
    "e": "ℯ", "g": "ℊ", "o": "ℴ"})
BB = alphabet(0x1D538, 0x1D552, {
    "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}, 0x1D7D8)
FRAK = alphabet(0x1D504, 0x1D51E, {"C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"})
FONTS = {"mathbf": BOLD, "boldsymbol": BOLD, "bm": BOLD, "pmb": BOLD,
          "mathcal": CAL, "mathscr": CAL, "mathbb": BB, "mathfrak": FRAK}

OPS_TOP = set("+−-=<>/×·,±∓∈≤≥≪≫≈→←⊙∘≠∼")
OP_CHARS = set("+−-=<>/×·±∓∈≤≥≪≫≈→←⊙∘≠∼,;: ")
MAX_LEN = 20_000
