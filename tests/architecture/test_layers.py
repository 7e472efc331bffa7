"""The core stays free of Textual and of the shells (tutor.ui, tutor.cli), and start-up stays free of heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tutor

CORE = ("mathtext", "model", "engine", "demos", "study", "classroom")
ROOT = Path(tutor.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_package_source_never_imports_textual_or_rich(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files, f"tutor.{package} has no modules"
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in ("textual", "rich", "textual_plotext")
    }
    assert not offenders


@pytest.mark.parametrize("package", CORE)
def test_core_package_source_never_imports_the_shells(package):
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in _imports(path)
        if name in ("tutor.ui", "tutor.cli") or name.startswith(("tutor.ui.", "tutor.cli."))
    }
    assert not offenders


@pytest.mark.parametrize("package", CORE)
def test_importing_core_package_loads_no_textual(package):
    code = f"import sys, tutor.{package}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_entry_point_imports_nothing_heavy():
    heavy = ("numpy", "lark", "fsrs", "plotext", "textual")
    code = f"import sys, tutor.cli.main as m; m.build_parser(); print(sorted({{n.split('.')[0] for n in sys.modules}} & set({heavy!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_core_modules_print_nothing():
    printing = [
        str(path.relative_to(ROOT))
        for package in CORE
        for path in (ROOT / package).rglob("*.py")
        if any(isinstance(n, ast.Call) and getattr(n.func, "id", None) in ("print", "input") for n in ast.walk(ast.parse(path.read_text())))
    ]
    assert printing == []


def test_mathtext_is_a_leaf_of_the_core():
    """`tutor.mathtext` renders LaTeX for every layer, so it depends on none of them."""
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "mathtext").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "tutor" and not name.startswith("tutor.mathtext")
    }
    assert not offenders


TESTS = Path(__file__).parents[1]


@pytest.mark.parametrize("package", [p for p in CORE if (TESTS / p).is_dir()])
def test_core_tests_drive_no_screen(package):
    """Tests are laid out by layer: a core package's tests need no Textual; the screens'
    tests (Pilot, snapshots) live in tests/ui."""
    folder = TESTS / package
    offenders = {
        f"{path.relative_to(TESTS)}: {name}"
        for path in folder.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in ("textual", "rich") or name == "tutor.ui" or name.startswith("tutor.ui.")
    }
    assert not offenders
