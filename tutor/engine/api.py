"""The engine's entry points: `check` and `preview` for any field kind.

Each kind lives in its own module, imported on first use, so importing `tutor.engine` stays
cheap (no numpy, no lark) and checking a choice never loads numpy.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast

from tutor.engine.errors import ContentProblem, EngineError
from tutor.engine.result import Preview, Result, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field


KIND_MODULES = {
    "number": "tutor.engine.numbers",
    "formula": "tutor.engine.formulas",
    "shape": "tutor.engine.shapes",
    "choice": "tutor.engine.choices",
    "graph": "tutor.engine.graphs",
    "text": "tutor.engine.texts",
}


class KindChecker(Protocol):
    """What each kind's module offers: `check` and `preview` for one field."""

    def check(self, field: Field, text: str) -> Result: ...

    def preview(self, field: Field, text: str) -> Preview: ...


def _module(field: Field) -> KindChecker:
    name = KIND_MODULES.get(field.kind)
    if field.kind == "number":
        # imported here, not at the top: it loads numpy, as `numbers` would anyway
        from tutor.engine.arrays import is_array

        if is_array(field.answer):
            name = "tutor.engine.arrays"  # a vector or matrix answer `[a, b; c, d]`
    if name is None:
        raise ContentProblem(f"{field.full_id}: unknown field kind '{field.kind}'")
    return cast(KindChecker, importlib.import_module(name))


def _with_params(field: Field, params: Mapping[str, str] | None) -> Field:
    if not params:
        return field
    from tutor.engine.variants import apply_params

    return apply_params(field, params)


def check_unguarded(field: Field, answer: str, *, params: Mapping[str, str] | None = None) -> Result:
    """`check` without the safety net: EngineError and ContentProblem may escape (for tests)."""
    if not isinstance(answer, str):
        raise EngineError("the answer must be text")
    field = _with_params(field, params)
    return _module(field).check(field, answer)


def check(field: Field, answer: str, *, params: Mapping[str, str] | None = None) -> Result:
    """Check one answer against one field. Never raises for learner input.

    Unreadable input gives verdict "invalid" with a located message; a broken reference in
    the content also gives "invalid", with a message saying so.
    """
    try:
        return check_unguarded(field, answer, params=params)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    except ContentProblem as exc:
        return invalid(field, f"this question's content is broken ({exc}); run `tutor check`")
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError, ArithmeticError) as exc:
        return invalid(field, f"could not check this answer ({type(exc).__name__})")


def preview(field: Field, answer: str, *, params: Mapping[str, str] | None = None) -> Preview:
    """A cheap reading of a partly typed answer, for an "interpreted as" line under the input."""
    try:
        field = _with_params(field, params)
        if not answer.strip():
            return Preview(False, "", None)
        return _module(field).preview(field, answer)
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
    except ContentProblem as exc:
        return Preview(False, f"this question's content is broken ({exc})")
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError, ArithmeticError) as exc:
        return Preview(False, f"could not read this answer ({type(exc).__name__})")
