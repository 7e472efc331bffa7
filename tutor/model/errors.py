"""Content errors that name the file, line and column of the problem."""

from __future__ import annotations


class ContentError(Exception):
    """One problem in a content file, located at `file:line:column` (1-based)."""

    def __init__(self, file: str, line: int, column: int, message: str, *,
                 rank: int | None = None, warning: bool = False) -> None:
        super().__init__(f"{file}:{line}:{column}: {'warning: ' if warning else ''}{message}")
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.warning = warning
        self.rank = consequence_rank(message) if rank is None else rank

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {prefix}{self.message}"


# Messages about what follows from another mistake: shown after the mistakes themselves
_KNOCK_ON = ("missing key", "add up to", "adds up to", "but its", "needs at least one", "give all or none",
             "does not declare")


def consequence_rank(message: str) -> int:
    """0 for a mistake where it is written; 1 for one that may follow from another (a key
    reported missing because it is misplaced, points that do not add up)."""
    return 1 if any(k in message for k in _KNOCK_ON) else 0


class ContentErrors(Exception):
    """Every problem found in one load; `errors` lists them in file order."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
