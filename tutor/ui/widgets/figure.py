"""An exam figure: its text description, and the plot when a demo draws it.

The plot is computed in a thread worker (numpy is never imported on the UI thread) and drawn
with the demos' own plot widget. An image file is named (terminals differ in what they can
show); the description always stays, so the figure reads the same without graphics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.ui.widgets.math_text import MathText


class FigureView(Vertical):
    """The figure of one part."""

    DEFAULT_CSS = """
    FigureView { height: auto; margin: 1 0 0 0; }
    FigureView #figure-plot { height: 16; }
    FigureView .figure-note { color: $text-muted; }
    """

    def __init__(self, part: Any, *, raw_latex: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.part = part
        self.raw_latex = raw_latex
        self.plot: Any = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        """The description, then where the picture comes from."""
        part = self.part
        drawn = part.figure_plot is not None
        lead = "Figure" if drawn or part.figure_image else "Figure (not reproduced here)"
        yield MathText(f"{lead}: {(part.figure or '').strip()}", raw=self.raw_latex, classes="figure",
                       id="figure")
        if part.figure_image:
            yield Static(Content.styled(f"Image: {Path(part.figure_image).name} (open it beside the tutor; "
                                        "this terminal shows the description above)", "dim"),
                         classes="figure-note", id="figure-image")
        if drawn:
            yield Static(Content.styled("drawing the figure…", "dim"), classes="figure-note", id="figure-status")

    def on_mount(self) -> None:
        """Start drawing a demo's figure."""
        if self.part.figure_plot is not None:
            self.draw()

    @work(thread=True, exclusive=True, group="figure", exit_on_error=False)
    def draw(self) -> None:
        """Run the demo off the UI thread."""
        from tutor.demos.figures import FigureError, draw_figure

        try:
            plot, error = draw_figure(self.part.figure_plot), None
        except FigureError as exc:
            plot, error = None, f"The figure could not be drawn: {exc}"
        except Exception as exc:  # noqa: BLE001 - the figure worker's top: the description stays
            plot, error = None, f"The figure could not be drawn ({type(exc).__name__})."
        self.app.call_from_thread(self._drawn, plot, error)

    def _drawn(self, plot: Any, error: str | None) -> None:
        status = self.query("#figure-status")
        self.plot, self.error = plot, error
        if error is not None:
            if status:
                status.first(Static).update(Content.styled(error, "$text-warning"))
            return
        from tutor.ui.widgets.demo_plot import DemoPlot

        spec = self.part.figure_plot
        widget = DemoPlot(id="figure-plot")
        self.mount(widget)
        widget.show(plot, "")
        if status:
            status.first(Static).update(Content.styled(
                f"drawn by the {spec.demo} demo with fixed settings", "dim"))
