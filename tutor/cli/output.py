"""Text and JSON that any terminal can take, and arguments that are really text.

Output the terminal's encoding cannot represent is replaced (never a UnicodeEncodeError);
`--json` output is always valid UTF-8: written as is on a UTF-8 stream, ASCII-escaped
otherwise (and whenever it holds a lone surrogate, which is what an undecodable byte in a
path becomes). An argument that is not valid text in the terminal's encoding is refused
with a clear message, except a folder or file name, which the operating system takes as is.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Sequence
from typing import Any

PATH_OPTIONS = ("--data-dir", "--content")


def setup_streams() -> None:
    """Make stdout and stderr replace what they cannot encode instead of raising."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=errors)
            except (ValueError, OSError, TypeError):
                pass


def utf8_output(stream: Any = None) -> bool:
    """Whether the stream (default stdout) writes UTF-8."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def has_surrogates(text: str) -> bool:
    """Whether the text holds lone surrogates (bytes that were not valid in the locale)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def json_text(data: Any, **options: Any) -> str:
    """`json.dumps` that is valid UTF-8 on this stdout: readable when it can be, else ASCII."""
    text = json.dumps(data, ensure_ascii=False, **options)
    if utf8_output() and not has_surrogates(text):
        return text
    return json.dumps(data, ensure_ascii=True, **options)


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """A message about the first argument that is not valid text (None: all are)."""
    for i, arg in enumerate(argv):
        if not has_surrogates(arg):
            continue
        name, _, value = arg.partition("=")
        if (name in PATH_OPTIONS and value) or (i and argv[i - 1] in PATH_OPTIONS):
            continue  # a folder or file name: the OS takes its bytes as they are
        shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
        encoding = getattr(sys.stdin, "encoding", None) or sys.getfilesystemencoding()
        return (f"tutor: argument {i + 1} ('{shown}') is not valid text in this terminal's encoding "
                f"({encoding}). Set a UTF-8 locale (for example LANG=C.UTF-8) or retype it.")
    return None
