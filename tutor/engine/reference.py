"""The reference answer of a field as a learner reads it, and how an answer was read.

Used where answers are shown after the fact (the mock's results): a number's reference shows
its value (`−ln(0.3) = 1.20397`), a formula its shape, a written answer its model answer.
Cheap: it reads answers with `preview`, never with the full check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.model import Field


def reference_text(field: Field) -> str:
    """The field's reference answer, readable (the field as shown: numbers filled in)."""
    if field.kind == "text":
        return (field.model_answer or "").strip()
    answer = field.answer
    if answer is None:
        return ""
    text = ", ".join(answer) if isinstance(answer, tuple) else str(answer)
    return reading(field, text) or text


def reading(field: Field, raw: str) -> str:
    """How an answer reads ("−log10(0.3) = 0.522879"); "" when it cannot be read or is text."""
    if field.kind == "text" or not raw.strip():
        return ""
    from tutor.engine.api import preview

    shown = preview(field, raw)   # never raises for what a learner typed
    return shown.text if shown.ok else ""
