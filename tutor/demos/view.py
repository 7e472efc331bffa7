"""Presentation-neutral views of a trace: plots, tables, JSON and number formatting.

Every trace offers `plots()` and `table()` built from these dataclasses, so the TUI and any
other front end draw every demo the same way without knowing its internals.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Series:
    """One line of a plot: a label and matching x and y values (NaN for a gap);
    `points` asks for marked points instead of a line (e.g. the exam's two answers)."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    points: bool = False


@dataclass(frozen=True)
class Plot:
    """A 2-D line plot: title, axis labels, log axes and its series."""

    title: str
    xlabel: str
    ylabel: str
    series: tuple[Series, ...]
    xlog: bool = False
    ylog: bool = False


@dataclass(frozen=True)
class Table:
    """A table of numbers already formatted as text: column headings and rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def fmt(value: float | int | None, digits: int = 3) -> str:
    """A compact, readable number: 0.583, 12.4, 1.2e-09, 3e+05; "–" for None/NaN."""
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    value = float(value)
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e5 or magnitude < 1e-3:
        return f"{value:.{max(digits - 2, 0)}e}".replace("e-0", "e-").replace("e+0", "e+")
    return f"{value:.{digits}g}"


def fmt_factor(ratio: float) -> str:
    """A ratio as a power of ten for sentences: ×1e-09, ×0.12, ×3.4."""
    if ratio == 0 or not math.isfinite(ratio):
        return f"×{fmt(ratio)}"
    if 0.01 <= abs(ratio) < 100:
        return f"×{ratio:.2g}"
    return f"×1e{math.floor(math.log10(abs(ratio)) + 0.5):+d}".replace("+", "")


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    try:  # numpy scalars that slipped through
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None


def trace_to_json(trace: Any, parts: Sequence[str] = ()) -> dict[str, Any]:
    """A trace as a JSON-ready dict: {"demo", "parts", <its fields…>}; `parts` are the exam
    parts that link the demo (the content says which; the demo does not know).

    Tuples become lists, nested dataclasses become objects, and non-finite floats (a
    diverged run) become null, so `json.dumps` always yields strict JSON.
    """
    name = getattr(trace, "demo", None)
    out: dict[str, Any] = {}
    if name:
        out["demo"] = name
        out["parts"] = list(parts)
    out.update(_jsonable(trace))
    return out


def table_from_columns(columns: Sequence[str], *cols: Sequence[Any], digits: int = 3) -> Table:
    """A Table from parallel columns of values (numbers are formatted with `fmt`)."""
    rows = tuple(
        tuple(v if isinstance(v, str) else fmt(v, digits) for v in row) for row in zip(*cols)
    )
    return Table(tuple(columns), rows)


def pick_rows(count: int, limit: int = 12) -> list[int]:
    """At most `limit` indices spread over range(count), always keeping the first and last."""
    if count <= limit:
        return list(range(count))
    step = (count - 1) / (limit - 1)
    return sorted({round(i * step) for i in range(limit)})
