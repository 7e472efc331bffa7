"""YAML syntax errors in plain words, each with the fix.

The parser's own words ("mapping values are not allowed in this context") describe its
state, not the mistake. This module looks at the line in question (and the lines above) to
say what a person did — an unquoted `: ` inside a value, a key indented differently from its
siblings, a tab, a quote or bracket never closed, a LaTeX backslash in double quotes — and
how to fix it, at the position of the cause.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from tutor.model.errors import ContentError

_KEY = re.compile(r"^(\s*)(?:-\s+)*([^\s:#'\"\[\]{},][^:#]*?):(?:\s|$)")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")
_Err = Callable[[tuple[int, int], str], ContentError]
LATEX_HINT = "use single quotes around LaTeX ('$\\frac{a}{b}$'), or double the backslashes (\"$\\\\frac{a}{b}$\")"


def syntax_error(exc: yaml.YAMLError, lines: list[str], file: str) -> ContentError:
    """A ContentError for a YAML syntax error, located at its cause, in plain words."""
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _offset_position(lines, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return ContentError(file, line, column, f"the file holds a control character ({code}) that YAML does not "
                                                "allow; delete it (was the file saved from a binary or a PDF?)")
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return ContentError(file, 1, 1, f"the YAML cannot be read: {exc}")
    problem = exc.problem or ""
    context = exc.context or ""
    at = (exc.problem_mark.line + 1, exc.problem_mark.column + 1)
    start = (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else at
    text = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""

    def err(where: tuple[int, int], message: str) -> ContentError:
        return ContentError(file, where[0], where[1], message)

    if "unknown escape character" in problem or "hexdecimal number" in problem:
        if _keys_between(lines, start, at):
            char = _char_at(lines, start) or '"'
            return err(start, f"the {char} quote opened here is not closed on its line, so the value runs on "
                              f"into line {at[0]}; add the closing {char}")
        escape = _escape_at(lines, start, at)
        return err(at, f"`{escape}` inside double quotes is read as a YAML escape, not LaTeX: {LATEX_HINT}")
    if "duplicate anchor" in context:
        return err(at, f"this anchor name is already used at line {start[0]}; give each anchor (`&name`) its own name")
    if "undefined alias" in problem:
        name = re.match(r"\*([^\s,\]}]*)", text[at[1] - 1:])
        shown = name.group(1) if name else "name"
        return err(at, f"`*{shown}` refers to no anchor: define `&{shown}` on an earlier value, or write the value out")
    if "tab character" in problem:
        return err((at[0], 1), "a tab indents this line: YAML indents with spaces only; replace the tab with spaces")
    if at[0] > start[0] and ("did not find expected" in problem or "could not find expected" in problem
                             or "mapping values are not allowed" in problem or "expected <block end>" in problem):
        opened = _open_quote_above(lines, at[0]) or _run_on_quote(lines, at[0])
        if opened is not None:
            (q_line, q_column), char = opened
            return err((q_line, q_column), f"the {char} quote opened here is not closed on its line, so the "
                                           f"value runs on into line {at[0]}; add the closing {char}")
    if "cannot start any token" in problem:
        char = text[at[1] - 1: at[1]] if at[1] - 1 < len(text) else ""
        if char == "\t":
            return err(at, "a tab here: YAML indents with spaces only; replace the tab with spaces")
        return err(at, f"a value cannot start with `{char}`; put the whole value in single quotes")
    if "end of stream" in problem and "quoted scalar" in context:
        quote = _char_at(lines, start) or '"'
        return err(start, f"the {quote} quote opened here is never closed; add the closing {quote} "
                          "(inside single quotes, write '' for an apostrophe)")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close = "]" if bracket == "[" else "}"
        return err(start, f"the `{bracket}` opened here is not closed with `{close}` where expected "
                          f"(or a `,` is missing between its items near line {at[0]}); close it, or "
                          "put a value that starts with `{` or `[` in quotes")
    if "mapping values are not allowed" in problem:
        return _colon_error(lines, at, err)
    if "did not find expected key" in problem or "expected '-' indicator" in problem \
            or "expected <block end>" in problem:
        return _indent_error(lines, at, err)
    if "could not find expected ':'" in problem:
        return err(start, "this line is neither `key: value` nor a list item `- …`; add the `: ` after the key, "
                          "or indent it as part of the text above")
    if "expected a single document" in problem:
        return err(at, "a second YAML document starts here (`---`): one file holds one exam")
    return err(at, f"the YAML cannot be read here ({problem or context}); check the indentation and quoting "
                   "of this line and the one above")


def _open_quote_above(lines: list[str], before: int) -> tuple[tuple[int, int], str] | None:
    """The nearest line above `before` with a value quoted but not closed on that line."""
    for index in range(before - 2, max(before - 30, 0) - 1, -1):
        text = lines[index] if index < len(lines) else ""
        match = re.match(r"^\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+([\"'])", text)
        if match is None:
            continue
        char = match.group(1)
        body = text[match.end():]
        body = body.replace("\\\\", "").replace('\\"', "") if char == '"' else body.replace("''", "")
        if char not in body:
            return (index + 1, match.start(1) + 1), char
        return None
    return None


def _keys_between(lines: list[str], start: tuple[int, int], at: tuple[int, int]) -> bool:
    """Whether a quoted value that opens at `start` runs over lines that read as keys of the
    mapping it sits in (so its closing quote is missing, not a line of a long text)."""
    opener = lines[start[0] - 1] if 0 < start[0] <= len(lines) else ""
    indent = len(opener) - len(opener.lstrip(" -"))
    for text in lines[start[0]: at[0] - 1]:
        match = _KEY.match(text)
        if match and len(text) - len(text.lstrip(" -")) <= indent:
            return True
    return False


def _run_on_quote(lines: list[str], error_line: int) -> tuple[tuple[int, int], str] | None:
    """The quote, opened on a line anywhere above `error_line` and not closed there, whose value
    runs on to close exactly on `error_line` (where a later quote was taken for its end)."""
    for index in range(error_line - 2, -1, -1):
        match = re.match(r"^\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+([\"'])", lines[index])
        if match is None:
            continue
        char = match.group(1)
        if _quote_end_line(lines, index, match.end(), char) == error_line:
            return (index + 1, match.start(1) + 1), char
    return None


def _quote_end_line(lines: list[str], index: int, column: int, char: str) -> int | None:
    """The 1-based line where the quoted value opened at (`index`, `column`) closes, if it
    runs past its own line (None when it closes on it or never does)."""
    row, col = index, column
    while row < len(lines):
        text = lines[row]
        while col < len(text):
            c = text[col]
            if char == '"' and c == "\\":
                col += 2
                continue
            if c == char:
                if char == "'" and text[col + 1: col + 2] == "'":
                    col += 2
                    continue
                return None if row == index else row + 1
            col += 1
        row, col = row + 1, 0
    return None


def _colon_error(lines: list[str], at: tuple[int, int], err: _Err) -> ContentError:
    """`mapping values are not allowed`: a `: ` inside a plain value, or a key indented too far."""
    line = lines[at[0] - 1] if at[0] <= len(lines) else ""
    first = _KEY.match(line)
    if first and len(first.group(0).rstrip()) < at[1] - 1 and line[at[1] - 1: at[1]] == ":":
        key = first.group(2).strip()
        return err(at, f"the value of `{key}` contains `: `, which YAML reads as a new key; put the whole "
                       f"value in single quotes ({key}: '…'), or use a block (`{key}: |` and the text indented below)")
    if first:
        key = first.group(2).strip()
        sibling = _previous_key(lines, at[0] - 1)
        if sibling is not None:
            name, column = sibling
            return err((at[0], len(first.group(1)) + 1),
                       f"`{key}` is indented further than `{name}` above it; indent `{key}` to line up with "
                       f"`{name}` (column {column}), or put the text of `{name}` in quotes on one line")
    return err(at, "a `: ` here is read as a new key; put the value in single quotes")


def _indent_error(lines: list[str], at: tuple[int, int], err: _Err) -> ContentError:
    """A key or list item at an indentation that matches nothing above it."""
    line = lines[at[0] - 1] if at[0] <= len(lines) else ""
    item = _ITEM.match(line)
    key = _KEY.match(line)
    indent = len(line) - len(line.lstrip(" "))
    where = (at[0], indent + 1)
    if item and not key:
        above = _previous_item(lines, at[0] - 1)
        if above is not None:
            return err(where, f"this `-` does not line up with the `-` above it (column {above}); "
                              f"indent it to column {above}")
    if key:
        name = key.group(2).strip()
        sibling = _previous_key(lines, at[0] - 1, below=indent + 1)
        if sibling is not None:
            other, column = sibling
            return err(where, f"`{name}` is not lined up with the keys above it: indent `{name}` to line up "
                              f"with `{other}` (column {column})")
    return err(where, "this line's indentation does not match the lines above; line it up with the key it "
                      "belongs beside (YAML nests by indentation)")


def _previous_key(lines: list[str], before: int, below: int | None = None) -> tuple[str, int] | None:
    """(name, column) of the nearest key above line `before` (1-based, exclusive); with
    `below`, the nearest one whose column differs from it (a sibling that is lined up)."""
    for index in range(before - 1, -1, -1):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = _KEY.match(text)
        if match is None:
            continue
        column = _key_column(text)
        if below is None or column != below:
            return match.group(2).strip(), column
    return None


def _key_column(text: str) -> int:
    column = 0
    while column < len(text) and text[column] in " -":
        column += 1
    return column + 1


def _previous_item(lines: list[str], before: int) -> int | None:
    for index in range(before - 1, -1, -1):
        match = _ITEM.match(lines[index])
        if match:
            return len(match.group(1)) + 1
    return None


def _char_at(lines: list[str], where: tuple[int, int]) -> str:
    line = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    return line[where[1] - 1: where[1]]


def _escape_at(lines: list[str], start: tuple[int, int], at: tuple[int, int]) -> str:
    """The backslash sequence at the error, e.g. `\\sigma`."""
    line = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    begin = line.rfind("\\", 0, at[1])
    if begin < 0:
        return "\\"
    match = re.match(r"\\[A-Za-z]*", line[begin:])
    return match.group(0) if match else "\\"


def _offset_position(lines: list[str], offset: int) -> tuple[int, int]:
    seen = 0
    for number, text in enumerate(lines, 1):
        if seen + len(text) + 1 > offset:
            return number, offset - seen + 1
        seen += len(text) + 1
    return max(len(lines), 1), 1
