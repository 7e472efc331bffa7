"""Reading a content file safely: bounded size, text only, no tags, bounded aliases and depth.

Content files are hostile input. Before any node is built the file is checked for what a
YAML loader would otherwise choke on or be abused by: a file too large to be an exam,
binary or non-UTF-8 bytes, nesting too deep, explicit tags (`!!python/object`, `!foo`),
more than one document, and anchors/aliases that expand into too much (an "alias bomb").
Every refusal is a `ContentError` at `file:line:column` that says how to fix it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tutor.model.errors import ContentError, ContentErrors
from tutor.model.yamlerrors import syntax_error

try:  # the C parser is much faster; the pure-Python one has the same API
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 600_000        # the shipped 19-part exam is about 150 kB
MAX_DEPTH = 40             # the format nests about 10 deep
MAX_EVENTS = 200_000       # the shipped exam parses into about 4,000
MAX_ALIASES = 200          # `*name` references in one file
MAX_EXPANDED = 100_000     # nodes once every alias is expanded (an alias bomb is billions)

# the standard tags that only restate what a plain value is; every other tag is refused
ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


def read_text(path: Path) -> str:
    """The file's text, or ContentErrors when it is missing, too big, binary or not UTF-8."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _one(file, 1, 1, f"the file is {size / 1e6:.1f} MB; an exam file may be at most "
                                   f"{MAX_BYTES / 1e6:g} MB (split it into several exams)")
        data = path.read_bytes()
    except OSError as exc:
        raise _one(file, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # grew while being read (or a special file)
        raise _one(file, 1, 1, f"the file is larger than {MAX_BYTES / 1e6:g} MB, the most an exam file may be")
    return decode(data, file)


def decode(data: bytes, file: str) -> str:
    """UTF-8 text from bytes, with a located message for binary or other encodings."""
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        line, column = _position(data, nul)
        raise _one(file, line, column, "this is a binary file, not YAML text (it holds a NUL byte); "
                                       "an exam is a text file saved as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise _one(file, line, column, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} here); "
                                       f"save it as UTF-8 in your editor") from None
    return text[1:] if text.startswith("\ufeff") else text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _one(file: str, line: int, column: int, message: str) -> ContentErrors:
    return ContentErrors([ContentError(file, line, column, message)])


def compose(text: str, file: str = "<content>") -> yaml.Node | None:
    """Compose YAML text into a node tree after checking it is safe to; ContentErrors if not."""
    if len(text) > MAX_BYTES:
        raise _one(file, 1, 1, f"the text is longer than {MAX_BYTES / 1e6:g} MB, the most an exam file may be")
    lines = text.splitlines()
    try:
        _scan_events(text, file)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ContentErrors([syntax_error(exc, lines, file)]) from None
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        raise ContentErrors([syntax_error(exc, lines, file)]) from None
    except RecursionError:
        raise _one(file, 1, 1, f"the file nests deeper than {MAX_DEPTH} levels") from None
    if root is not None:
        try:
            _check_expansion(root, file)
        except RecursionError:
            raise _one(file, 1, 1, "aliases (`*name`) nest inside each other too deeply; write the values out") from None
    return root


class _Refused(Exception):
    """Raised inside the event scan; becomes one ContentError."""


def _scan_events(text: str, file: str) -> None:
    depth = aliases = documents = 0
    for events, event in enumerate(yaml.parse(text, Loader=_Loader), 1):
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if events > MAX_EVENTS:
            raise _one(file, *at, f"the file has more than {MAX_EVENTS:,} YAML values; an exam has far fewer")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _one(file, *at, "a second YAML document starts here (`---`): one file holds one exam; "
                                      "move the second into a file of its own")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _one(file, *at, f"the file nests deeper than {MAX_DEPTH} levels here; the exam format "
                                      "needs about 10 (is a list or mapping repeated by mistake?)")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _one(file, *at, f"more than {MAX_ALIASES} aliases (`*name`); write the values out instead")
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in ALLOWED_TAGS and _explicit(event):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _one(file, *at, f"the tag `{shown}` is not allowed in content files (tags can run code "
                                  "or build objects): remove it and write the value as plain text")


def _explicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", True)
    return not any(implicit) if isinstance(implicit, tuple) else not implicit


def _check_expansion(root: yaml.Node, file: str) -> None:
    """Refuse an alias that contains itself, or aliases that expand into too many nodes."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            mark = node.start_mark
            raise _one(file, mark.line + 1, mark.column + 1,
                       "an alias here refers to the value that contains it, so it never ends; "
                       "refer to a value defined elsewhere")
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        open_nodes.discard(key)
        if total > MAX_EXPANDED:
            mark = node.start_mark
            raise _one(file, mark.line + 1, mark.column + 1,
                       f"with its aliases (`*name`) expanded, this value holds more than {MAX_EXPANDED:,} "
                       "values; an exam has far fewer (is an anchor repeated inside itself?)")
        sizes[key] = total
        return total

    size(root)
