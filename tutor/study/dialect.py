"""The few places PostgreSQL's SQL differs from the SQLite the study modules write.

The study modules write SQLite's SQL once; on PostgreSQL each statement is rewritten here
(and cached): `?` placeholders become `%s`, `INSERT OR IGNORE` becomes `ON CONFLICT DO
NOTHING`, every conflict target gains the `student` column that leads each key, and an
insert into a table with an `id` returns it (SQLite's `lastrowid`).
"""

from __future__ import annotations

import re
from functools import lru_cache

ID_TABLES = ("attempts", "mocks", "reviews")  # tables whose rows have a generated id

_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_CONFLICT_TARGET = re.compile(r"\bON\s+CONFLICT\s*\(", re.IGNORECASE)
_ID_INSERT = re.compile(rf"^\s*INSERT\s+INTO\s+({'|'.join(ID_TABLES)})\b", re.IGNORECASE)


@lru_cache(maxsize=512)
def to_postgres(sql: str, with_params: bool = True) -> tuple[str, bool]:
    """(the statement in PostgreSQL's form, whether it returns the new row's id).

    With parameters, psycopg reads `%` as a placeholder's start, so a literal one is doubled."""
    out = sql.replace("%", "%%").replace("?", "%s") if with_params else sql
    if _OR_IGNORE.search(out):
        out = _OR_IGNORE.sub("INSERT INTO", out) + " ON CONFLICT DO NOTHING"
    out = _CONFLICT_TARGET.sub("ON CONFLICT (student, ", out)
    returns_id = bool(_ID_INSERT.match(out)) and "RETURNING" not in out.upper()
    if returns_id:
        out += " RETURNING id"
    return out, returns_id
