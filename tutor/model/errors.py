"""Content errors that name the file, line and column of the problem."""

from __future__ import annotations


class ContentError(Exception):
    """One problem in a content file, located at `file:line:column` (1-based)."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.file = file
        self.line = line
        self.column = column
        self.message = message


class ContentErrors(Exception):
    """Every problem found in one load; `errors` lists them in file order."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
