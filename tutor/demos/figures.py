"""Exam figures drawn by a demo: the content names the demo, its fixed parameters, which of
its plots and curves to show and what the curves are called on the figure.

A figure must not give its question away: when a part asks which curve is batch gradient
descent, its figure calls the curves A and B, not by the names the demo gives them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tutor.demos.params import ParamError
from tutor.demos.registry import UnknownDemoError, get_demo
from tutor.demos.view import Plot


class FigureError(ValueError):
    """A figure the content describes but that cannot be drawn (the message says why)."""


def check_figure(spec: Any) -> None:
    """Raise FigureError when the demo, its parameters, the plot or the series do not exist
    (cheap: the demo is not run)."""
    try:
        demo = get_demo(spec.demo)
        demo.resolve(dict(spec.params))
    except (UnknownDemoError, ParamError) as exc:
        raise FigureError(str(exc)) from None


def draw_figure(spec: Any) -> Plot:
    """Run the demo with the figure's parameters and return the plot as the figure shows it."""
    check_figure(spec)
    demo = get_demo(spec.demo)
    trace = demo.function()(**demo.resolve(dict(spec.params)))
    plots = trace.plots()
    if not 1 <= spec.plot <= len(plots):
        raise FigureError(f"the {spec.demo} demo has {len(plots)} plot(s); plot {spec.plot} does not exist")
    plot = plots[spec.plot - 1]
    chosen = spec.series or tuple(range(1, len(plot.series) + 1))
    if any(not 1 <= n <= len(plot.series) for n in chosen):
        raise FigureError(f"plot {spec.plot} of the {spec.demo} demo has {len(plot.series)} curve(s); "
                          f"series {list(chosen)} asks for others")
    series = [plot.series[n - 1] for n in chosen]
    if spec.labels:
        series = [dataclasses.replace(s, label=label) for s, label in zip(series, spec.labels)]
    drawn: Plot = dataclasses.replace(plot, series=tuple(series),
                                      title=spec.title if spec.title is not None else plot.title)
    return drawn
