"""Importing the engine stays cheap: no numpy, no lark until the first check that needs them."""

from __future__ import annotations

import subprocess
import sys


def _loaded(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_engine_loads_neither_numpy_nor_lark():
    out = _loaded("import sys, tutor.engine; print('numpy' in sys.modules, 'lark' in sys.modules)")
    assert out == "False False"


def test_checking_a_choice_needs_no_numpy():
    code = (
        "import sys\n"
        "from tutor.engine import check\n"
        "from tutor.model.types import Field\n"
        "f = Field(id='c', part_id='1b', kind='choice', points=1, answer='GD', options=('SGD', 'GD'),"
        " option_feedback={'SGD': 's', 'GD': 'g'})\n"
        "print(check(f, 'gd').verdict, 'numpy' in sys.modules)\n"
    )
    assert _loaded(code) == "correct False"


def test_the_engine_never_reads_yaml():
    """YAML is the model's business: the engine's errors use the positions the loader kept."""
    import ast
    from pathlib import Path

    import tutor.engine

    readers = sorted(
        path.name
        for path in Path(tutor.engine.__file__).parent.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and any(name.split(".")[0] == "yaml" for name in
                ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]))
    )
    assert readers == []
