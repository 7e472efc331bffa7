"""Where things are written in an exam's file: the loader's side table of positions.

The loader composes YAML into nodes that carry their line and column; while it reads a
part, a field, an answer or a mistake it notes that node's position under a key path, so
later checks (the engine's, in `tutor check`) can point at the right line without reading
YAML again:

    (part,)                              the part's mapping
    (part, field)                        the field's mapping
    (part, field, "answer")              its answer (also "model_answer", "symbols", "optional")
    (part, field, "mistake", mistake)    a mistake's answer
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from tutor.model.errors import ContentError

Key: TypeAlias = tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a content file."""

    line: int
    column: int


@dataclass(frozen=True)
class SourceMap:
    """An exam's positions with its file name: makes errors located at a key path."""

    file: str = ""
    positions: Mapping[Key, Position] = field(default_factory=dict)

    def error(self, keys: Sequence[Key], message: str) -> ContentError:
        """A ContentError at the first of `keys` that has a position (else at 1:1)."""
        file = self.file or "<content>"
        for key in keys:
            at = self.positions.get(key)
            if at is not None:
                return ContentError(file, at.line, at.column, message)
        return ContentError(file, 1, 1, message)
