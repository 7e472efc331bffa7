"""LaTeX math rendered as readable Unicode text, for terminals.

`latex_to_unicode` turns one math-mode expression into Unicode
(`\\frac{\\partial \\mathcal{L}}{\\partial \\mathbf{W}_k}` -> `∂ℒ/∂𝐖ₖ`); `render_text` does the
same for every `$…$` and `$$…$$` span of a prose paragraph and leaves the prose alone.

The expression is parsed by pylatexenc's `LatexWalker` (a real LaTeX parser, tolerant of
errors); `tutor.mathtext.walk` walks the node tree. Rules:

- sub- and superscripts use Unicode sub/superscript characters when every character has one
  (`y_i` -> `yᵢ`, `\\beta_1^t` -> `β₁ᵗ`), otherwise `_x` / `^(…)` (`n_{\\text{in}}` -> `n_in`,
  `\\mathbb{R}^{m \\times n}` -> `ℝ^(m×n)`);
- fractions keep their grouping: a numerator or denominator that is not a single term gets
  parentheses (`\\frac{1}{1-\\beta_1^t}` -> `1/(1−β₁ᵗ)`);
- `\\mathbf`, `\\mathcal`, `\\mathbb`, `\\mathfrak` map to the Unicode mathematical alphabets;
  accents (`\\hat`, `\\bar`, `\\tilde`, `\\vec`, `\\dot`) become combining marks;
- unknown macros are shown by name, never dropped silently; nothing here raises on bad input.

Pure Python: no Textual, no terminal I/O.
"""

from __future__ import annotations

import re

from tutor.mathtext import symbols as S
from tutor.mathtext.walk import Renderer, parse, tidy

__all__ = ["latex_to_unicode", "render_text", "split_math"]

# --------------------------------------------------------------------------- public API


def latex_to_unicode(latex: str) -> str:
    """Render one LaTeX math expression (without `$` delimiters) as Unicode text.

    Never raises: input the parser cannot make sense of is returned as written.
    """
    if not latex or not latex.strip():
        return ""
    if len(latex) > S.MAX_LEN:
        return latex
    try:
        return tidy(Renderer().render(parse(latex, math=True)))
    except Exception:  # noqa: BLE001 - a renderer must never take the screen down
        return latex


_MATH_SPAN = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$",
                        re.DOTALL)


def split_math(text: str) -> list[tuple[str, str]]:
    """Split prose into ("text"|"inline"|"display", content) spans; `\\$` stays a dollar."""
    spans: list[tuple[str, str]] = []
    pos = 0
    for m in _MATH_SPAN.finditer(text):
        if m.start() > pos:
            spans.append(("text", text[pos:m.start()]))
        if m.group(3) is not None:
            spans.append(("inline", m.group(3)))
        else:
            spans.append(("display", m.group(1) if m.group(1) is not None else m.group(2)))
        pos = m.end()
    if pos < len(text):
        spans.append(("text", text[pos:]))
    return [(kind, body.replace("\\$", "$") if kind == "text" else body)
            for kind, body in spans]


def render_text(text: str) -> str:
    """Render prose with `$…$` (inline) and `$$…$$` (display, own indented line) math."""
    if not text:
        return ""
    out: list[str] = []
    spans = split_math(text)
    for k, (kind, body) in enumerate(spans):
        if kind == "text":
            if k > 0 and spans[k - 1][0] == "display":
                body = re.sub(r"^[ \t]*\n?[ \t]*", "", body)
            if k + 1 < len(spans) and spans[k + 1][0] == "display":
                body = re.sub(r"[ \t]*\n?[ \t]*$", "", body)
            out.append(body)
        elif kind == "inline":
            out.append(latex_to_unicode(body).replace("\n", " "))
        else:
            block = "\n".join("    " + line for line in latex_to_unicode(body).split("\n"))
            out.append(("\n" if out and out[-1] else "") + block + "\n")
    return "".join(out).rstrip("\n")
