"""The LaTeX walker behind `tutor.mathtext.render`: pylatexenc nodes in, Unicode text out.

`parse` builds the node tree with pylatexenc's `LatexWalker` (tolerant: malformed input still
parses); `Renderer` walks it. The rules are listed in `tutor.mathtext.render`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tutor.mathtext import symbols as S

# --------------------------------------------------------------------------- parsing


@lru_cache(maxsize=1)
def _context_db():  # type: ignore[no-untyped-def]
    """pylatexenc's default macro table, extended with the math macros it lacks."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    two = ["dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "overset", "underset",
           "stackrel"]
    one = ["boldsymbol", "bm", "pmb", "operatorname", "cancel", "boxed", "widetilde",
           "mathnormal", "textnormal", "mbox", "overbrace", "underbrace"]
    macros = [MacroSpec(m, "{{") for m in two] + [MacroSpec(m, "{") for m in one]
    db = get_default_latex_context_db()   # a fresh instance per call: safe to extend
    db.add_context_category("tutor-math", macros=macros, prepend=True)
    return db


def parse(latex: str, math: bool):  # type: ignore[no-untyped-def]
    """Parse LaTeX into pylatexenc nodes (tolerant: never raises on malformed input)."""
    from pylatexenc.latexwalker import LatexWalker

    walker = LatexWalker(latex, latex_context=_context_db(), tolerant_parsing=True)
    state = walker.make_parsing_state(in_math_mode=math)
    nodes, _, _ = walker.get_latex_nodes(parsing_state=state)
    return nodes


# --------------------------------------------------------------------------- rendering


def _is_atomic(text: str) -> bool:
    """True when `text` reads as a single term (no parentheses needed around it)."""
    if not text:
        return True
    if text[0] == "(" and _closing(text, 0) == len(text) - 1:
        return True
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{⟨":
            depth += 1
        elif ch in ")]}⟩":
            depth -= 1
        elif depth == 0 and (ch in S.OPS_TOP or ch.isspace()):
            return False
        if ch in "−-" and i == 0:
            return False
    return True


def _closing(text: str, start: int) -> int:
    """Index of the bracket closing the one at `start`, or -1."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "([{":
            depth += 1
        elif text[i] in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _group(text: str) -> str:
    """`text` in parentheses unless it is already a single term."""
    return text if _is_atomic(text) else f"({text})"


def _script(text: str, table: dict[str, str], mark: str, word: bool) -> tuple[str, bool]:
    """Render a sub/superscript; returns (text, uses_unicode)."""
    text = text.strip()
    if not text:
        return "", True
    if mark == "^" and all(ch in S.SUP_ON_LINE for ch in text):
        return text.replace("'", "′"), True
    if not word and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text), True
    if re.fullmatch(r"[^\W_]+|.", text):
        return mark + text, False
    return f"{mark}({text})", False


class Renderer:
    """Walks pylatexenc nodes and produces Unicode text."""

    def __init__(self) -> None:
        self.word_script = False     # the last rendered script argument came from \text{}

    # token stream: chars are split into single characters so scripts can bind to them
    def tokens(self, nodes) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
        """Flatten a node list into (kind, payload) tokens."""
        from pylatexenc import latexwalker as lw

        out: list[tuple[str, object]] = []
        for node in nodes or ():
            if node is None:
                continue
            if isinstance(node, lw.LatexCharsNode):
                out.extend(("c", ch) for ch in node.chars)
            elif isinstance(node, lw.LatexCommentNode):
                out.extend(("c", ch) for ch in "%" + node.comment)
            elif isinstance(node, lw.LatexSpecialsNode):
                out.append(("c", node.specials_chars))
            else:
                out.append(("n", node))
                if getattr(node, "macro_post_space", "") and not (node.nodeargd and any(
                        a is not None for a in node.nodeargd.argnlist or ())):
                    out.append(("s", " "))      # the space after \alpha: see `render`
        return out

    def render(self, nodes, script: bool = False) -> str:  # type: ignore[no-untyped-def]
        """Render a node list in math mode."""
        toks: list[tuple[str, object]] = []
        raw = self.tokens(nodes)
        for k, (kind, val) in enumerate(raw):
            if kind == "s":
                # LaTeX swallows the space after a control word; keep it only where it
                # separates an operator (`\alpha < 1`), never in a juxtaposition (`\lambda x`)
                nxt = raw[k + 1] if k + 1 < len(raw) else None
                if script or nxt is None or nxt[0] != "c" or str(nxt[1]) not in "+-=<>/*|":
                    continue
                toks.append(("c", " "))
            elif script and kind == "c" and str(val).isspace():
                continue
            else:
                toks.append((kind, val))
        pieces: list[str] = []
        i = 0
        after_frac = spaced_script = False
        while i < len(toks):
            kind, val = toks[i]
            if kind == "c" and isinstance(val, str) and val in "_^":
                base = ""
            else:
                base, i, is_frac = self.atom(toks, i, script, pieces)
                if after_frac and base and not base[0].isspace() and base[0] not in S.OP_CHARS:
                    pieces.append(" ")
                after_frac = is_frac
                if is_frac:
                    pieces.append(base)
                    continue
            sub = sup = None
            sub_word = False
            while i < len(toks) and toks[i][0] == "c" and toks[i][1] in ("_", "^"):
                mark = str(toks[i][1])
                i += 1
                while i < len(toks) and toks[i] == ("c", " "):
                    i += 1
                if i >= len(toks):
                    break
                self.word_script = False
                arg, i, _ = self.atom(toks, i, True, [])
                if mark == "_":
                    sub, sub_word = arg, self.word_script
                else:
                    sup = arg
            attached = self.attach(base, sub, sup, sub_word)
            if spaced_script and attached[:1] and attached[0] not in S.OP_CHARS | set(")]}.′"):
                pieces.append(" ")      # `∇_θ ℒ`, `∑ᵢ xᵢ`, not `∇_θℒ`, `∑ᵢxᵢ`
            # a `_x` fallback script, or a big operator with limits, is spaced from what follows
            spaced_script = not script and (
                any(c not in S.SUB_SUP for c in attached[len(base):])
                or (base in S.BIG_OPS and (sub is not None or sup is not None)))
            pieces.append(attached)
        return "".join(pieces)

    def attach(self, base: str, sub: str | None, sup: str | None, sub_word: bool) -> str:
        """Join a base with its scripts; a Unicode superscript goes before a `_x` subscript."""
        s_txt, s_uni = _script(sub, S.SUB, "_", sub_word) if sub is not None else ("", True)
        p_txt, p_uni = _script(sup, S.SUP, "^", False) if sup is not None else ("", True)
        if s_txt and p_txt and not s_uni and p_uni:
            return base + p_txt + s_txt
        return base + s_txt + p_txt

    def atom(self, toks, i: int, script: bool,  # type: ignore[no-untyped-def]
             pieces: list[str]) -> tuple[str, int, bool]:
        """Render the token at `i`; returns (text, next index, is_fraction)."""
        kind, val = toks[i]
        if kind == "c":
            ch = str(val)
            if ch == "|" and i + 1 < len(toks) and toks[i + 1] == ("c", "|"):
                return "‖", i + 2, False
            if ch == "-":
                return "−", i + 1, False
            if ch == "'":
                return "′", i + 1, False
            if ch == "~":
                return " ", i + 1, False
            if ch == "&":
                return "  ", i + 1, False
            if ch in "\n\t":
                return " ", i + 1, False
            return ch, i + 1, False
        return self.node(val, toks, i, script, pieces)

    def node(self, node, toks, i: int, script: bool,  # type: ignore[no-untyped-def]
             pieces: list[str]) -> tuple[str, int, bool]:
        """Render one non-character node (macro, group, environment, nested math)."""
        from pylatexenc import latexwalker as lw

        if isinstance(node, lw.LatexGroupNode):
            return self.render(node.nodelist, script), i + 1, False
        if isinstance(node, lw.LatexMathNode):
            return self.render(node.nodelist, script), i + 1, False
        if isinstance(node, lw.LatexEnvironmentNode):
            return self.environment(node, script), i + 1, False
        if not isinstance(node, lw.LatexMacroNode):
            return "", i + 1, False
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) or []]
        nxt = i + 1
        if name in ("frac", "dfrac", "tfrac", "cfrac") and len(args) >= 2:
            num, den = self.arg(args[0], script).strip(), self.arg(args[1], script).strip()
            if (num, den) in S.VULGAR:
                return S.VULGAR[(num, den)], nxt, True
            return f"{_group(num)}/{_group(den)}", nxt, True
        if name in ("binom", "dbinom", "tbinom") and len(args) >= 2:
            return f"C({self.arg(args[0], script)}, {self.arg(args[1], script)})", nxt, False
        if name == "sqrt":
            body = self.arg(args[1] if len(args) > 1 else None, script).strip()
            index = self.arg(args[0], script).strip() if args and args[0] is not None else ""
            root = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index)
            if root is None:
                root = "".join(S.SUP.get(c, c) for c in index) + "√"
            return root + _group(body), nxt, False
        if name in S.FONTS:
            table = S.FONTS[name]
            return "".join(table.get(c, c) for c in self.arg(args[0] if args else None,
                                                            script)), nxt, False
        if name in S.ACCENTS:
            return self.accent(self.arg(args[0] if args else None, script),
                               S.ACCENTS[name]), nxt, False
        if name in S.TEXT_MACROS:
            self.word_script = True
            return self.text_arg(args[0] if args else None), nxt, False
        if name in ("overset", "stackrel", "underset") and len(args) >= 2:
            return self.arg(args[1], script), nxt, False
        if name in ("overbrace", "underbrace"):
            return self.arg(args[0] if args else None, script), nxt, False
        if name in ("left", "right", "middle", "bigl", "bigr", "Bigl", "Bigr", "big", "Big",
                    "bigg", "Bigg"):
            if nxt < len(toks) and toks[nxt] == ("c", "."):
                nxt += 1
            return "", nxt, False
        if name in S.PASS_MACROS:
            return self.arg(args[0], script) if args and args[0] is not None else "", nxt, False
        if name in S.GREEK:
            return S.GREEK[name], nxt, False
        if name in S.RELATIONS:
            sym = S.RELATIONS[name]
            return (sym if script else f" {sym} "), nxt, False
        if name in S.OPERATORS:
            return self.operator(name, toks, nxt, script, pieces), nxt, False
        if name in S.BINARY:
            while pieces and pieces[-1].endswith(" "):
                pieces[-1] = pieces[-1].rstrip(" ")
                if not pieces[-1]:
                    pieces.pop()
            while nxt < len(toks) and toks[nxt] == ("c", " "):
                nxt += 1
            return S.BINARY[name], nxt, False
        if name in S.SYMBOLS:
            return S.SYMBOLS[name], nxt, False
        if name in ("mathrm", "rm", "it", "bf", "cal"):
            return "", nxt, False
        # unknown macro: show its name and its arguments rather than dropping it
        rendered = "".join(self.arg(a, script) for a in args if a is not None)
        return name + rendered, nxt, False

    def operator(self, name: str, toks, nxt: int, script: bool,  # type: ignore[no-untyped-def]
                 pieces: list[str]) -> str:
        """An operator name (log, max, lim): spaced from neighbouring terms."""
        text = name
        prev = "".join(pieces[-1:])
        if prev and (prev[-1].isalnum() or prev[-1] in ")′") and not script:
            text = " " + text
        if nxt < len(toks) and not script:
            kind, val = toks[nxt]
            if kind == "n" or (kind == "c" and str(val).isalnum()):
                text += " "
        return text

    def accent(self, body: str, mark: str) -> str:
        """Put a combining accent on a rendered body (on each letter for longer bodies)."""
        if not body:
            return mark.strip()
        core = body.rstrip("".join(S.SUB.values()) + "".join(S.SUP.values()))
        rest = body[len(core):]
        if len(core) <= 1:
            return core + mark + rest
        return "".join(c + mark if c.isalnum() else c for c in core) + rest

    def arg(self, node, script: bool) -> str:  # type: ignore[no-untyped-def]
        """Render a macro argument (a group, a single char, a macro, or nothing)."""
        if node is None:
            return ""
        return self.render([node], script)

    def text_arg(self, node) -> str:  # type: ignore[no-untyped-def]
        """Render the argument of \\text{} as text: characters verbatim, math inside `$`."""
        from pylatexenc import latexwalker as lw

        if node is None:
            return ""
        nodes = node.nodelist if isinstance(node, lw.LatexGroupNode) else [node]
        out = []
        for n in nodes:
            if isinstance(n, lw.LatexCharsNode):
                out.append(n.chars.replace("~", " "))
            elif isinstance(n, lw.LatexMathNode):
                out.append(self.render(n.nodelist))
            elif isinstance(n, lw.LatexMacroNode):
                out.append(self.node(n, [("n", n)], 0, False, out)[0])
            elif isinstance(n, lw.LatexGroupNode):
                out.append(self.text_arg(n))
            elif isinstance(n, lw.LatexSpecialsNode):
                out.append(n.specials_chars.replace("~", " "))
        return "".join(out)

    def environment(self, node, script: bool) -> str:  # type: ignore[no-untyped-def]
        """Matrices as `(a b; c d)`; aligned/cases environments as lines."""
        from pylatexenc import latexwalker as lw

        rows: list[list[str]] = [[]]
        cell: list[object] = []
        for n in node.nodelist or ():
            if isinstance(n, lw.LatexSpecialsNode) and n.specials_chars == "&":
                rows[-1].append(self.render(cell, script).strip())
                cell = []
            elif isinstance(n, lw.LatexMacroNode) and n.macroname == "\\":
                rows[-1].append(self.render(cell, script).strip())
                rows.append([])
                cell = []
            else:
                cell.append(n)
        rows[-1].append(self.render(cell, script).strip())
        rows = [r for r in rows if any(r)]
        name = node.environmentname.rstrip("*")
        if name in S.MATRIX_BRACKETS:
            inner = "; ".join(" ".join(r) for r in rows)
            br = S.MATRIX_BRACKETS[name]
            return f"{br[0]}{inner}{br[1]}" if br else f"[{inner}]"
        if name == "cases":
            return "{ " + "; ".join(", ".join(c for c in r if c) for r in rows) + " }"
        return "\n".join(" ".join(c for c in r) for r in rows)


def tidy(text: str) -> str:
    """Collapse runs of spaces on each line and trim the ends."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
