"""Checks on the text students will read: what YAML did to it, and what will not render.

- LaTeX in double quotes: YAML reads `\\f` in `"$\\frac{a}{b}$"` as a form feed (students
  see "rac{a}{b}"), `\\t` in `\\theta` as a tab, `\\b` in `\\beta` as a backspace, `\\n` in
  `\\nabla` as a new line. Any control character left in a value is reported too.
- An odd number of `$` (a math span never closed), unbalanced `{` `}`.
- `{name}` placeholders that the part's `params:` do not declare (with "did you mean"), or
  that appear in a part without params: in texts and in answers (mistakes' too).

Each finding is a ContentError at the value's `file:line:column`, with the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from tutor.model.errors import ContentError
from tutor.model.yamlerrors import LATEX_HINT
from tutor.model.yamlnodes import nearest

# keys whose values are not text shown to students (ids, expressions, generators)
NOT_TEXT = {"id", "kind", "params", "symbols", "answer", "aliases", "optional", "keywords", "demo",
            "image", "plot", "set", "verdict", "multiple", "exact", "shape", "concepts"}
ESCAPES = {"a": "a bell", "b": "a backspace", "e": "an escape character", "f": "a form feed",
           "n": "a line break", "r": "a carriage return", "t": "a tab", "v": "a vertical tab",
           "N": "a line break", "L": "a line separator", "P": "a paragraph separator",
           "_": "a no-break space", "0": "a NUL character"}
_LATEX_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\([abefnrtvNLP_0])([A-Za-z]*)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_PLACEHOLDER = re.compile(r"(?<![\\A-Za-z_^}\]])\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LATEX_ARG = re.compile(r"\\[A-Za-z]+$")


def check_texts(root: yaml.Node, file: str, lines: list[str]) -> list[ContentError]:
    """Every problem with the texts of one exam document."""
    out: list[ContentError] = []
    seen: set[int] = set()
    for node, key, names in _scalars(root, None, None):
        if id(node) in seen:
            continue  # an aliased value is reported once, where it is defined
        seen.add(id(node))
        at = (node.start_mark.line + 1, node.start_mark.column + 1)

        def err(message: str, where: tuple[int, int] = at) -> None:
            out.append(ContentError(file, where[0], where[1], message))

        value = node.value
        escape = _escape_problem(node, lines)
        if escape is not None:
            err(*escape)
            continue
        control = _CONTROL.search(value)
        if control:
            err(f"this value holds a control character (U+{ord(control.group()):04X}) from a `\\` escape "
                f"in double quotes; {LATEX_HINT}")
            continue
        if key in NOT_TEXT and key != "answer":
            continue
        problem = _math_problem(value) if key != "answer" else None   # an answer is an expression, not prose
        if problem:
            err(problem)
        if names is not None:
            for match in _PLACEHOLDER.finditer(value):
                name = match.group(1)
                if _LATEX_ARG.search(value[: match.start()]):
                    continue
                if name in names[1]:
                    continue
                if names[1]:
                    hint = nearest(name, names[1])
                    mean = f" (did you mean `{{{hint}}}`?)" if hint else ""
                    braces = "" if key == "answer" else " (write \\{ \\} for braces shown as text)"
                    err(f"`{{{name}}}` is not a placeholder of part {names[0]}{mean}; its params are: "
                        f"{', '.join(sorted(names[1]))}{braces}")
                else:
                    err(f"`{{{name}}}` looks like a placeholder, but part {names[0]} has no `params:`; "
                        f"declare {name} under params, or remove the braces")
    return out


_Scope = tuple[str, set[str]] | None


def _scalars(node: yaml.Node, key: str | None, names: _Scope) -> Iterator[tuple[yaml.ScalarNode, str | None, _Scope]]:
    """(scalar node, the key it is under, (part id, placeholder names) or None) for every value."""
    stack: list[tuple[yaml.Node, str | None, _Scope]] = [(node, key, names)]
    visited: set[int] = set()
    while stack:
        current, under, scope = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            yield current, under, scope
            continue
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend((item, under, scope) for item in reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            inner: _Scope = scope
            if under == "parts" or (scope is None and _is_part(current)):
                inner = (_scalar(current, "id") or "?", _param_names(current))
            for k, v in reversed(current.value):
                k_text = k.value if isinstance(k, yaml.ScalarNode) else None
                if isinstance(k, yaml.ScalarNode):
                    stack.append((k, "id", inner))  # keys: control characters only
                stack.append((v, k_text if isinstance(k_text, str) else under, inner))


def _is_part(node: yaml.MappingNode) -> bool:
    return any(isinstance(k, yaml.ScalarNode) and k.value == "fields" for k, _ in node.value)


def _scalar(node: yaml.MappingNode, key: str) -> str | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
            return str(v.value)
    return None


def _param_names(part: yaml.MappingNode) -> set[str]:
    """The names a part's `params:` declares (a probability vector `p` adds p1…pn, p_true, p_other)."""
    names: set[str] = set()
    for k, v in part.value:
        if not (isinstance(k, yaml.ScalarNode) and k.value == "params" and isinstance(v, yaml.MappingNode)):
            continue
        for name_node, spec in v.value:
            if not isinstance(name_node, yaml.ScalarNode):
                continue
            name = str(name_node.value)
            names.add(name)
            if isinstance(spec, yaml.MappingNode):
                count = _scalar(spec, "probs")
                if count and count.isdigit():
                    names.update(f"{name}{i}" for i in range(1, min(int(count), 100) + 1))
                    names.update((f"{name}_true", f"{name}_other"))
    return names


def _escape_problem(node: yaml.ScalarNode, lines: list[str]) -> tuple[str] | None:
    """A LaTeX command that YAML turned into a control character (double-quoted values only)."""
    if node.style != '"':
        return None
    raw = _raw(node, lines)
    for match in _LATEX_ESCAPE.finditer(raw):
        letter, rest = match.group(1), match.group(2)
        if not rest and letter in "nt":
            continue  # "\n" and "\t" alone are meant as a line break and a tab
        command = f"\\{letter}{rest}"
        shows = f', so students see "{rest[:12]}…"' if rest else ""
        return (f"`{command}` in double quotes: YAML reads `\\{letter}` as {ESCAPES[letter]}{shows}; "
                f"{LATEX_HINT}",)
    return None


def _raw(node: yaml.Node, lines: list[str]) -> str:
    """The source text of a node, from its start mark to its end mark."""
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return lines[start.line][start.column:end.column] if start.line < len(lines) else ""
    chunk = [lines[start.line][start.column:]] if start.line < len(lines) else []
    chunk += lines[start.line + 1:end.line]
    if end.line < len(lines):
        chunk.append(lines[end.line][:end.column])
    return "\n".join(chunk)


def _math_problem(text: str) -> str | None:
    """An unclosed `$…$` or unbalanced braces, described with where they start."""
    dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", text)]
    if len(dollars) % 2:
        last = dollars[-1]
        return (f"an odd number of `$`: the math that starts at `${_snippet(text, last + 1)}` is never "
                "closed; add the closing `$` (write `\\$` for a dollar sign)")
    depth = 0
    for index, char in enumerate(text):
        if char in "{}" and index and text[index - 1] == "\\":
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return (f"a `}}` closes nothing, before `{_snippet(text, index + 1)}`; remove it or add "
                        "its `{` (write `\\}` for a brace shown as text)")
    if depth > 0:
        opened = _unclosed(text)
        return (f"{depth} `{{` never closed, after `{_snippet(text, max(opened - 12, 0), 24)}`; add the "
                "`}` (write `\\{` for a brace shown as text)")
    return None


def _unclosed(text: str) -> int:
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in "{}" and index and text[index - 1] == "\\":
            continue
        if char == "{":
            stack.append(index)
        elif char == "}" and stack:
            stack.pop()
    return stack[0] if stack else 0


def _snippet(text: str, start: int, size: int = 16) -> str:
    piece = " ".join(text[start:start + size].split())
    return piece + ("…" if len(text) > start + size else "")
