"""The content model: exams, problems, parts and answer fields, loaded from YAML.

Core layer: no Textual, no terminal I/O, no numpy.
"""

from tutor.model.content import content_files, default_content_dir, load_exams
from tutor.model.errors import ContentError, ContentErrors
from tutor.model.loader import load_exam, load_exam_text
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
    SymbolSpec,
    Symbols,
)

__all__ = [
    "FIELD_KINDS", "SCAN_VERDICTS", "Concept", "ContentError", "ContentErrors", "Exam", "Field",
    "Mistake", "Part", "Problem", "RubricItem", "Scan", "SymbolSpec", "Symbols", "content_files",
    "default_content_dir", "load_exam", "load_exam_text", "load_exams",
]
