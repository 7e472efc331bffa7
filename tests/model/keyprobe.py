"""What keys the loader accepts in each kind of mapping, found by asking it.

Every identifier-like string in the model's source is added to one mapping of the example
exam (tests/fixtures/exams/dl-quiz.yaml) at a time; the keys the loader does not call unknown
(or "only for" another kind) are the ones it accepts there. The format reference and the JSON
Schema are held to these sets, so a key the loader starts accepting must be documented.
"""

from __future__ import annotations

import ast
import copy
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tutor.model import ContentErrors, load_exam_text

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "exams" / "dl-quiz.yaml"

# section -> path to one mapping of that kind in the example exam
SECTIONS: dict[str, tuple[Any, ...]] = {
    "exam": (),
    "wording": ("wording",),
    "concept": ("concepts", "parameter-counting"),
    "problem": ("problems", 0),
    "part": ("problems", 0, "parts", 0),
    "params generator": ("problems", 0, "parts", 2, "params", "p"),
    "figure": ("problems", 0, "parts", 3, "figure"),
    "figure plot": ("problems", 0, "parts", 3, "figure", "plot"),
    "scan": ("problems", 0, "parts", 2, "scan"),
    "field: number": ("problems", 0, "parts", 0, "fields", 0),
    "field: shape": ("problems", 0, "parts", 1, "fields", 0),
    "field: formula": ("problems", 0, "parts", 1, "fields", 1),
    "field: choice": ("problems", 0, "parts", 3, "fields", 0),
    "field: graph": ("problems", 1, "parts", 0, "fields", 0),
    "field: text": ("problems", 1, "parts", 1, "fields", 0),
    "mistake": ("problems", 0, "parts", 0, "fields", 0, "mistakes", 0),
    "rubric idea": ("problems", 1, "parts", 1, "fields", 0, "rubric", 0),
    "symbol": ("problems", 0, "parts", 1, "fields", 1, "symbols", "g"),
}


def candidates() -> set[str]:
    """Every identifier-like string literal in the model's source: any key the loader could know."""
    words: set[str] = set()
    for path in (ROOT / "tutor" / "model").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and re.fullmatch(r"[a-z_][a-z0-9_]{0,24}", node.value):
                words.add(node.value)
    return words


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@cache
def accepted() -> dict[str, frozenset[str]]:
    """Section -> the keys the loader accepts there."""
    base = yaml.safe_load(EXAMPLE.read_text())
    words = candidates()
    out: dict[str, frozenset[str]] = {}
    for section, path in SECTIONS.items():
        data = copy.deepcopy(base)
        target = _at(data, path)
        present = set(target)
        for word in sorted(words - present):
            target[word] = "zz"
        try:
            load_exam_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "probe.yaml")
            refused: set[str] = set()
        except ContentErrors as exc:
            text = "\n".join(e.message for e in exc.errors)
            refused = set(re.findall(r"unknown key '([^']+)'", text)) | set(re.findall(r"key '([^']+)' is only for", text))
        out[section] = frozenset(w for w in words | present if w not in refused)
    return out
