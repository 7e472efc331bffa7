"""An exam figure: its text description, and the plot when a demo draws it or the image when
the terminal can show it.

The plot is computed in a thread worker (numpy is never imported on the UI thread) and drawn
with the demos' own plot widget. An image file is decoded in a worker too and drawn with
textual-image where the terminal can show images (`tutor.ui.graphics`); elsewhere it is
named. The description always stays, so the figure reads the same without graphics.
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
    FigureView #figure-picture { width: auto; height: 10; }
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
            from tutor.ui import graphics

            name = Path(part.figure_image).name
            note = (f"Image: {name} (drawing it…)" if graphics.enabled() else
                    f"Image: {name} (open it beside the tutor; this terminal shows the description above)")
            yield Static(Content.styled(note, "dim"), classes="figure-note", id="figure-image")
        if drawn:
            yield Static(Content.styled("drawing the figure…", "dim"), classes="figure-note", id="figure-status")

    def on_mount(self) -> None:
        """Start drawing a demo's figure or loading the image."""
        if self.part.figure_plot is not None:
            self.draw()
        elif self.part.figure_image:
            from tutor.ui import graphics

            if graphics.enabled():
                self.load_image()

    @work(thread=True, exclusive=True, group="figure", exit_on_error=False)
    def load_image(self) -> None:
        """Decode the image off the UI thread."""
        from tutor.ui import graphics

        try:
            picture, error = graphics.load(self.part.figure_image), None
        except ValueError as exc:
            picture, error = None, f"The image cannot be shown: {exc}."
        except Exception as exc:  # noqa: BLE001 - the description stays; never a crash
            picture, error = None, f"The image cannot be shown ({type(exc).__name__})."
        self.app.call_from_thread(self._loaded, picture, error)

    def _loaded(self, picture: Any, error: str | None) -> None:
        from tutor.ui import graphics

        note = self.query("#figure-image")
        name = Path(self.part.figure_image).name
        self.error = error
        widget = graphics.widget(picture, id="figure-picture") if error is None else None
        if widget is None:
            if note:
                note.first(Static).update(Content.styled(
                    error or f"Image: {name} (this terminal shows the description above)", "$text-warning"))
            return
        self.mount(widget, before=note.first() if note else None)
        if note:
            note.first(Static).update(Content.styled(f"Image: {name}", "dim"))

    @work(thread=True, exclusive=True, group="figure", exit_on_error=False)
    def draw(self) -> None:
        """Run the demo off the UI thread."""
        from tutor.demos.figures import FigureError, draw_figure

        try:
            plot, error = draw_figure(self.part.figure_plot), None
        except FigureError as exc:
            plot, error = None, f"The figure could not be drawn: {exc}"
        except Exception as exc:  # noqa: BLE001 - the description stays; never a crash
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
