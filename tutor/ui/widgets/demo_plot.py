"""A plotext plot of one demo `Plot` (series, labels, log axes), readable in monochrome.

Series get distinct markers as well as colours, so they stay apart under NO_COLOR; values a
log axis cannot show (zero, negative, NaN) are left out rather than crashing the plot. Log
axes are drawn as log10 of the data with power-of-ten tick labels: plotext's own log mode
re-applies the logarithm on every redraw, which breaks the second render.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from textual_plotext import PlotextPlot

from tutor.demos.view import fmt

MARKERS = ("braille", "•", "x", "+")
POINT_MARKERS = ("●", "■", "▲", "◆")
MAX_POINTS = 400  # more than a terminal can show; keeps redraws quick


def plottable(xs: Sequence[float], ys: Sequence[float], *, xlog: bool = False, ylog: bool = False) -> tuple[list[float], list[float]]:
    """The (x, y) pairs that can be drawn: finite, positive on log axes, thinned to MAX_POINTS."""
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys)
             if math.isfinite(x) and math.isfinite(y) and (not xlog or x > 0) and (not ylog or y > 0)]
    if len(pairs) > MAX_POINTS:
        step = len(pairs) / MAX_POINTS
        keep = sorted({int(i * step) for i in range(MAX_POINTS)} | {len(pairs) - 1})
        pairs = [pairs[i] for i in keep]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def decade_ticks(low: float, high: float, most: int = 7) -> tuple[list[float], list[str]]:
    """Ticks for a log axis drawn as log10 values: (positions, labels) between low and high.

    Powers of ten when the data spans three decades or more, else 1-2-5 steps, else five
    evenly spaced ticks, so a narrow range still gets labelled values.
    """
    first, last = math.floor(low), math.ceil(high)
    span = last - first
    if span >= 3:
        step = max(1, math.ceil(span / (most - 1)))
        # a step that divides the span, if one is near, puts ticks at both ends
        step = next((s for s in range(step, 2 * step + 1) if span % s == 0), step)
        ticks = [float(t) for t in range(last, first - 1, -step)][::-1]  # the top decade always shown
        return ticks, [_power(int(t)) for t in ticks]
    eps = 1e-9
    ticks = [d + math.log10(m) for d in range(first, last + 1) for m in (1, 2, 5)]
    ticks = [t for t in ticks if low - eps <= t <= high + eps]
    if len(ticks) < 2:
        ticks = [low + (high - low) * i / 4 for i in range(5)] if high > low else [low]
    return ticks, [fmt(10 ** t, 2) for t in ticks]


def integer_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round-number integer ticks (steps of 1, 2 or 5 × 10ᵏ) covering low..high."""
    span = max(high - low, 1.0)
    step = 1.0
    while span / step > most - 1:
        for factor in (2, 2.5, 2):
            step *= factor
            if span / step <= most - 1:
                break
    step = max(1.0, round(step))
    start = math.ceil(low / step) * step
    ticks = []
    t = start
    while t <= high + 1e-9:
        ticks.append(t)
        t += step
    return ticks or [low]


def legend_headroom(xs: list[float], ys: list[float], labels: list[str], cols: int, rows: int,
                    y_range: tuple[float, float] | None = None) -> float | None:
    """A higher top for the y axis when the data would run under plotext's legend, else None.

    plotext draws the legend over the canvas's top-left corner, one row per series and about
    four cells more than the longest label wide. If a point falls in that corner, raising the
    top of the axis by the legend's height keeps every point below it (when the legend takes
    at most a third of the rows). `y_range` is the axis's span when it is wider than the data's
    (ticks beyond the data).
    """
    if not xs or not labels or cols <= 0 or 3 * len(labels) > rows:
        return None  # a legend that tall would squash the data more than it hides: leave it
    x0, x1 = min(xs), max(xs)
    y0, y1 = y_range or (min(ys), max(ys))
    x_span, y_span = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    legend_rows = len(labels)
    x_cut = x0 + x_span * (4 + max(len(label) for label in labels)) / cols
    y_cut = y1 - y_span * (legend_rows + 0.5) / rows
    if not any(x <= x_cut and y >= y_cut for x, y in zip(xs, ys)):
        return None
    return y1 + y_span * (legend_rows + 0.5) / (rows - legend_rows - 0.5)


def legend_gutter(xs: list[float], ys: list[float], labels: list[str], cols: int, rows: int,
                  y_range: tuple[float, float] | None = None) -> float | None:
    """A lower start for the x axis when the data would run under plotext's legend and the
    legend is too tall for headroom (see `legend_headroom`), else None: the legend then sits
    over an empty strip left of the data instead of over it."""
    if not xs or not labels or cols <= 0:
        return None
    x0, x1 = min(xs), max(xs)
    y0, y1 = y_range or (min(ys), max(ys))
    x_span, y_span = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    width = 5 + max(len(label) for label in labels)  # marker, spaces and the label, plus a cell
    if width >= cols / 2:
        return None  # a gutter that wide would leave too little room for the data
    x_cut = x0 + x_span * width / cols
    y_cut = y1 - y_span * (len(labels) + 0.5) / rows
    if not any(x <= x_cut and y >= y_cut for x, y in zip(xs, ys)):
        return None
    return x0 - x_span * width / (cols - width)


def _power(exponent: int) -> str:
    if -2 <= exponent <= 3:
        return f"{10.0 ** exponent:g}"
    return f"1e{exponent}"


class DemoPlot(PlotextPlot):
    """Draws a `tutor.demos.Plot`; `show(plot)` replaces what is drawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current: Any = None

    def show(self, plot: Any, note: str = "") -> None:
        """Draw `plot` (a tutor.demos.view.Plot); the title and `note` go in the border.

        The first line is drawn after the other lines, so it stays on top where they overlap,
        and marked points go over every line. Every series gets its own marker (the first a
        smooth braille line), so the legend reads the same in colour and in monochrome.
        """
        self.current = plot
        self.border_title = plot.title
        self.border_subtitle = note
        plt = self.plt
        plt.clear_figure()
        plt.xlabel(plot.xlabel)
        plt.ylabel(plot.ylabel)
        drawn = 0
        all_x: list[float] = []
        all_y: list[float] = []
        labels: list[str] = []
        lines = [i for i in range(len(plot.series) - 1, -1, -1) if not plot.series[i].points]
        points = [i for i, series in enumerate(plot.series) if series.points]
        for i in lines + points:  # points on top, then the first line above the others
            series = plot.series[i]
            xs, ys = plottable(series.x, series.y, xlog=plot.xlog, ylog=plot.ylog)
            if not xs:
                continue
            if plot.xlog:
                xs = [math.log10(v) for v in xs]
            if plot.ylog:
                ys = [math.log10(v) for v in ys]
            all_x += xs
            all_y += ys
            labels += [series.label] if series.label else []
            if series.points:
                plt.scatter(xs, ys, label=series.label, marker=POINT_MARKERS[i % len(POINT_MARKERS)])
            else:
                # its own marker per series even in colour: the legend must not rely on colour
                plt.plot(xs, ys, label=series.label, marker=MARKERS[i % len(MARKERS)])
            drawn += 1
        if not drawn:
            self.border_title = plot.title + " — nothing to draw for these parameters"
        elif plot.xlog:
            plt.xticks(*decade_ticks(min(all_x), max(all_x)))
        elif all(float(x).is_integer() for x in all_x):
            plt.xticks(integer_ticks(min(all_x), max(all_x)))
        y_range: tuple[float, float] | None = None
        if drawn:
            y_range = (min(all_y), max(all_y))
            if plot.ylog:
                ticks, tick_labels = decade_ticks(*y_range, most=self._y_ticks())
                plt.yticks(ticks, tick_labels)
                # the axis spans its ticks: plotext draws a tick outside the limits below the
                # canvas, over the x axis or in place of the y axis's title
                y_range = (min(ticks[0], y_range[0]), max(ticks[-1], y_range[1]))
                plt.ylim(*y_range)
        cols, rows = self.size.width - 8, self.size.height - 4
        top = legend_headroom(all_x, all_y, labels, cols, rows, y_range)
        if top is not None and y_range is not None:
            plt.ylim(y_range[0], top)
        else:
            left = legend_gutter(all_x, all_y, labels, cols, rows, y_range)
            if left is not None:
                plt.xlim(left, max(all_x))
                if not plot.xlog and not all(float(x).is_integer() for x in all_x):
                    low, high = min(all_x), max(all_x)  # ticks on the data only, not the gutter
                    ticks = [low + (high - low) * i / 4 for i in range(5)]
                    plt.xticks(ticks, [fmt(t, 2) for t in ticks])
        self.refresh()

    def _y_ticks(self) -> int:
        """How many y ticks the canvas has room for: one every other row (plotext puts the
        x labels and the axis titles on about four of the rows)."""
        rows = self.size.height - 4
        return max(3, rows // 2 + 1) if rows > 0 else 7

    def on_resize(self) -> None:
        """Redraw at the new size, so the ticks suit it."""
        if self.current is not None:
            self.show(self.current, str(self.border_subtitle or ""))

    def clear(self) -> None:
        """An empty plot."""
        self.current = None
        self.border_title = ""
        self.border_subtitle = ""
        self.plt.clear_figure()
        self.refresh()
