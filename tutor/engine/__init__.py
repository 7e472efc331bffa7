"""The answer engine: a safe answer language and a checker for every field kind.

    from tutor.engine import check, preview, Result, Preview, EngineError, validate_exam

Core layer: no Textual, no terminal I/O. numpy and lark are imported on first use, so
importing this package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.engine.api import check, preview
from tutor.engine.errors import ContentProblem, EngineError
from tutor.engine.result import Evidence, Preview, Result
from tutor.engine.variants import fresh_variant, part_params, render_part

if TYPE_CHECKING:
    from tutor.model.errors import ContentError
    from tutor.model.types import Exam


def validate_exam(exam: Exam) -> list[ContentError]:
    """Every reference accepted and every listed mistake recognised (see `tutor.engine.validate`)."""
    from tutor.engine.validate import validate_exam as run

    return run(exam)


__all__ = [
    "ContentProblem",
    "EngineError",
    "Evidence",
    "Preview",
    "Result",
    "check",
    "fresh_variant",
    "part_params",
    "preview",
    "render_part",
    "validate_exam",
]
