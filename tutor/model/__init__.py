"""The content model: exams, problems, parts and answer fields, loaded from YAML.

Core layer: no Textual, no terminal I/O, no numpy. The YAML loader is imported when first
used, so that loading cached exams does not import yaml.
"""

from tutor.model.content import content_files, default_content_dir, load_exams
from tutor.model.errors import ContentError, ContentErrors
from tutor.model.types import (
    FIELD_KINDS,
    SCAN_VERDICTS,
    Concept,
    Exam,
    Field,
    Mistake,
    Part,
    Problem,
    RubricItem,
    Scan,
    Symbols,
    SymbolSpec,
)

__all__ = [
    "FIELD_KINDS", "SCAN_VERDICTS", "Concept", "ContentError", "ContentErrors", "Exam", "Field",
    "Mistake", "Part", "Problem", "RubricItem", "Scan", "SymbolSpec", "Symbols", "content_files",
    "default_content_dir", "load_exam", "load_exam_text", "load_exams",
]


def __getattr__(name: str) -> object:
    """`load_exam` and `load_exam_text` import the YAML loader on first use."""
    if name in ("load_exam", "load_exam_text"):
        from tutor.model import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'tutor.model' has no attribute {name!r}")
