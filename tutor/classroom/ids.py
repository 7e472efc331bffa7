"""Student ids: what a roster accepts, so an id is always a safe folder name and URL part."""

from __future__ import annotations

import re

MAX_ID_LENGTH = 64
_ID = re.compile(r"[a-z0-9][a-z0-9._@+-]{0,63}")


class InvalidStudentId(ValueError):
    """The text cannot be a student id; the message says why and what is allowed."""


def normalize_student_id(text: str) -> str:
    """The id in its one stored form (trimmed, lower case), or InvalidStudentId.

    Allowed: letters, digits and `. _ @ + -`, starting with a letter or digit, at most 64
    characters, so the id can never name a parent folder or another path.
    """
    value = text.strip().lower()
    if not value:
        raise InvalidStudentId("a student id cannot be empty")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidStudentId(f"a student id has at most {MAX_ID_LENGTH} characters (this one has {len(value)})")
    if not _ID.fullmatch(value):
        raise InvalidStudentId(
            f"'{text.strip()[:MAX_ID_LENGTH]}' is not a valid student id: use letters, digits and . _ @ + -, "
            "starting with a letter or digit")
    return value
