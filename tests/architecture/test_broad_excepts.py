"""Broad catches only at true boundaries: at most 8 in tutor/, each saying why.

A broad catch is `except Exception`, `except BaseException` or a bare `except:` (alone or in
a tuple) whose body does not end by re-raising, or a `suppress(Exception)`. A handler that cleans up and re-raises hides
nothing, so it is not counted (the package uses try/finally for that anyway).
"""

from __future__ import annotations

import ast
from pathlib import Path

import tutor

ROOT = Path(tutor.__file__).parent
LIMIT = 8
BROAD = {"Exception", "BaseException"}


def _names(node: ast.expr | None) -> set[str]:
    if node is None:
        return {"<bare>"}
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    return {item.id for item in items if isinstance(item, ast.Name)}


def _reraises(handler: ast.ExceptHandler) -> bool:
    last = handler.body[-1]
    return isinstance(last, ast.Raise) and (last.exc is None or (
        handler.name is not None and isinstance(last.exc, ast.Name) and last.exc.id == handler.name))


def _suppresses_all(node: ast.AST) -> bool:
    """`contextlib.suppress(Exception)` and the like: a broad catch by another name."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return name == "suppress" and any(isinstance(a, ast.Name) and a.id in BROAD for a in node.args)


def broad_catches(source: str) -> list[int]:
    """Line numbers of the broad handlers in `source` that do not re-raise."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source))
                  if (isinstance(node, ast.ExceptHandler)
                      and (_names(node.type) & BROAD or node.type is None) and not _reraises(node))
                  or _suppresses_all(node))


def test_the_counter_sees_every_form_and_spares_re_raising_cleanup():
    source = """
try: pass
except Exception: pass
try: pass
except (ValueError, BaseException) as e: log(e)
try: pass
except: pass
try: pass
except BaseException:
    cleanup()
    raise
try: pass
except Exception as e:
    raise e
try: pass
except ValueError: pass
with contextlib.suppress(OSError, Exception): pass
with suppress(OSError): pass
"""
    assert broad_catches(source) == [3, 5, 7, 17]


def test_at_most_eight_broad_catches_each_saying_why():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for line in broad_catches(text):
            found.append(f"{path.relative_to(ROOT)}:{line}")
            comment = lines[line - 1].partition("#")[2]
            assert "BLE001 - " in comment and len(comment.split(" - ", 1)[1]) > 10, \
                f"{path.relative_to(ROOT)}:{line}: a broad catch must say why"
    assert len(found) <= LIMIT, "\n".join(found)
