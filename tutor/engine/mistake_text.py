"""What a recorded mistake was, in words a student reads: the content's feedback for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.mathtext import render_text

if TYPE_CHECKING:
    from tutor.model import Exam


def mistake_summary(exam: Exam, field_id: str, mistake_id: str, width: int = 70) -> str:
    """The content's feedback for a mistake or a written answer's misconception (the exam's
    numbers filled in, math as Unicode) on one line of at most `width` characters, cut at a word with "…". The mistake's id only when
    the content no longer lists it."""
    from tutor.engine.exam_numbers import exam_field

    try:
        field = exam_field(exam, field_id)
        text = ({m.id: m.feedback for m in field.mistakes}
                | {m.id: m.feedback for m in field.misconceptions})[mistake_id]  # written answers' too
    except (KeyError, StopIteration):
        return mistake_id
    return _cut(" ".join(render_text(text).split()), max(width, 10))


def _cut(text: str, width: int) -> str:
    """`text` if it fits, else its first words and "…"."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if " " in head[width // 2:]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + "…"
