"""Malformed input never gives an answer away: an error message does not contain the answer."""

from __future__ import annotations

import re

import pytest

from tutor.engine import check
from tutor.engine.variants import render_part

MALFORMED = ["", "???", "x ->", "-> y", "1 +", "foo(", "a b c", "3x", "(((", "m x", "→", ";;", "x, ->"]


def _leaks(field) -> list[str]:
    """Pieces of the reference answer long enough to count as giving it away."""
    answer = field.answer if isinstance(field.answer, str) else ""
    if field.kind == "graph":
        return [s.strip() for s in re.split(r"[;\n]", answer) if "->" in s]  # each of its edge groups
    if field.kind in ("number", "formula"):
        return [answer.replace(" ", "")] if len(answer.replace(" ", "")) >= 4 else []
    return []


@pytest.mark.parametrize("kind", ["number", "formula", "graph", "shape"])
def test_error_messages_never_contain_the_answer(exam, kind):
    fields = [f for part in exam.parts for f in render_part(part, 0).fields if f.kind == kind]  # as shown
    assert fields
    for field in fields:
        leaks = _leaks(field)
        for text in MALFORMED:
            result = check(field, text)
            if result.verdict != "invalid":
                continue
            said = " ".join(result.feedback).replace(" ", "")
            for piece in leaks:
                assert piece.replace(" ", "") not in said, (field.full_id, text, result.feedback)
            assert result.exact is None, (field.full_id, text)
