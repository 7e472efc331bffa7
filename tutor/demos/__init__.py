"""Live numpy demos: pure, seeded functions from typed parameters to frozen traces.

    from tutor.demos import get_demo, list_demos, trace_to_json
    demo = get_demo("vanishing")
    trace = demo.run(depth=50, init="xavier")          # or demo.run(demo.parse(["depth=50"]))
    trace.ratio_first_last, trace.notes, trace.plots(), trace.table()
    trace_to_json(trace)                               # {"demo", "parts", "params", ...}

Importing this package does not import numpy: each demo's module (and numpy) is loaded the
first time that demo runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.demos.cancel import Cancelled, cancellable
from tutor.demos.params import Demo, Param, ParamError, Value, fmt_value
from tutor.demos.registry import (
    REGISTRY,
    UnknownDemoError,
    get_demo,
    list_demos,
)
from tutor.demos.view import Plot, Series, Table, fmt, trace_to_json

__all__ = [
    "REGISTRY",
    "Cancelled",
    "Demo",
    "Param",
    "ParamError",
    "Plot",
    "Series",
    "Table",
    "UnknownDemoError",
    "Value",
    "cancellable",
    "fmt",
    "fmt_value",
    "get_demo",
    "list_demos",
    "run_demo",
    "trace_to_json",
]


def run_demo(name: str, params: Mapping[str, object] | None = None, **overrides: object) -> Any:
    """Run the demo called `name` with validated parameters; returns its frozen trace.

    Raises UnknownDemoError or ParamError (whose message names the valid range).
    """
    return get_demo(name).run(params, **overrides)
