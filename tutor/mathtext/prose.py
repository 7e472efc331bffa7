"""Prose around the math, for terminals: paragraphs unwrapped, Markdown inline marks split.

`unwrap` joins a paragraph's hard-wrapped lines so the terminal can wrap them itself;
`markdown_spans` splits text at `**bold**`, `*italic*` and `` `code` `` marks, so a shell can
style each span. Pure Python: no Textual, no terminal I/O.
"""

from __future__ import annotations

import re

__all__ = ["markdown_spans", "unwrap"]

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]\s|\d+[.)]\s|\([a-z0-9]+\)\s)")


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph, so the terminal can wrap them itself.

    Blank lines (paragraph breaks), list items, indented lines and lines that open or close
    display math keep their line breaks.
    """
    out: list[str] = []
    for line in text.strip("\n").split("\n"):
        stripped = line.strip()
        prev = out[-1] if out else ""
        joinable = (
            out and stripped and prev.strip()
            and not _LIST_ITEM.match(line) and not line.startswith(("  ", "\t"))
            and not stripped.startswith("$$") and not prev.rstrip().endswith("$$")
        )
        if joinable:
            out[-1] = prev.rstrip() + " " + stripped
        else:
            out.append(line.rstrip())
    return "\n".join(out)


_EMPHASIS = re.compile(
    r"(?P<code>`(?P<c>[^`\n]+)`)"
    r"|(?P<bold>(?<![\w*])\*\*(?=\S)(?P<b>[^*\n]+?)(?<=\S)\*\*(?![\w*]))"
    r"|(?P<italic>(?<![\w*])\*(?=[^\s*])(?P<i>[^*\n]+?)(?<=[^\s*])\*(?![\w*]))"
)


def markdown_spans(text: str) -> list[tuple[str, str]]:
    """Split rendered text at Markdown inline marks: (style, text) with style "" (plain),
    "bold" (`**x**`), "italic" (`*x*`) or "code" (`` `x` ``), the marks removed.

    Conservative on purpose: `*` next to a letter or digit (`2*3`, `a*b`) is not emphasis.
    """
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            out.append(("", text[pos:m.start()]))
        if m.group("code"):
            out.append(("code", m.group("c")))
        elif m.group("bold"):
            out.append(("bold", m.group("b")))
        else:
            out.append(("italic", m.group("i")))
        pos = m.end()
    if pos < len(text):
        out.append(("", text[pos:]))
    return out
