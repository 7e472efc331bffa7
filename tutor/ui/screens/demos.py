"""Demos: pick a live demo, change its parameters, watch the plot, the numbers and the
"what you see" lines follow.

Every recomputation runs in an exclusive thread worker, so typing never waits for numpy;
a result that arrives after a newer request is dropped. Numpy is imported by the first
computation (in that worker); plotext when this screen's module is imported, which happens
only when the screen opens.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import partial
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape  # palette texts are markup: content text is escaped
from textual.widgets import DataTable, Input, OptionList, Select, Static
from textual.worker import get_current_worker

from tutor.ui.debounce import Debounce
from tutor.ui.keys import in_box
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.demo_list import DemoList
from tutor.ui.widgets.demo_notes import _SAFE_ID, DemoNotes
from tutor.ui.widgets.demo_params import DemoParams
from tutor.ui.widgets.demo_plot import DemoPlot
from tutor.ui.widgets.steady_static import SteadyStatic
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

TYPING_DEBOUNCE = 0.25  # seconds after the last keystroke in a number box


class DemoCommands(Provider):
    """Palette commands of the open demo: next plot, defaults, its exam parts, each choice."""

    def _commands(self):
        screen = self.screen
        demo = getattr(screen, "demo", None)
        if not isinstance(screen, DemosScreen) or demo is None:
            return
        yield "Demo: next plot", screen.action_next_plot, "cycle the demo's plots"
        yield "Demo: defaults", screen.action_reset, "every parameter back to its default"
        for exam, part in screen.links():
            yield (f"Demo: practise {screen.link_label(exam, part)}", partial(screen.action_open_part, part.id, exam.id),
                   f"{exam.title}: a part that links this demo")
        for param in demo.params:
            for choice in param.choices:
                yield f"Demo: {param.name} = {choice}", partial(screen.set_param, param.name, choice), param.help

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the demo's commands."""
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), callback, text=text, help=escape(help_text))


class DemosScreen(TutorScreen):
    """The demos list on the left; the chosen demo's controls, plot, notes and numbers."""

    CSS_PATH = "demos.tcss"
    COMMANDS = {DemoCommands}
    AUTO_FOCUS = None  # on_mount decides: the list when no demo was asked for, else the view
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-normal"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-medium"), (40, "-tall")]
    BINDINGS = [
        Binding("escape", "leave_input", "Keys", id="demos.leave-input",
                tooltip="Leave the parameter box so the letter keys work"),
        Binding("escape", "back", "Back", id="demos.back", tooltip="Back to where you came from"),
        Binding("p", "next_plot", "Plot", id="demos.plot", tooltip="Show the demo's next plot"),
        Binding("o", "open_part", "Exam part", id="demos.open-part",
                tooltip="Practise the exam part this demo explains"),
        Binding("r", "reset", "Defaults", id="demos.reset", tooltip="Put every parameter back to its default"),
        Binding("m", "demo_list", "Demos", id="demos.list",
                tooltip="Choose another demo (shows the list on narrow terminals)"),
        # the same from inside a parameter box, where letters type
        *in_box(
            Binding("ctrl+g", "next_plot", "Plot", id="demos.plot.in-box"),
            Binding("ctrl+o", "open_part", "Exam part", id="demos.open-part.in-box"),
            Binding("ctrl+r", "reset", "Defaults", id="demos.reset.in-box"),
            Binding("ctrl+l", "demo_list", "Demos", id="demos.list.in-box"),
        ),
    ]

    HELP_KEYS = (
        ("+ / -", "Step", "Step the focused parameter up or down (a choice: the next one)"),
        ("enter", "Apply", "Recompute with the number typed (it also applies when typing pauses)"),
    )

    def __init__(self, demo: str | None = None, params: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.args = (demo,)
        self.requested = demo
        self.requested_params = dict(params or {})
        self.demo: Any = None
        self.params: dict[str, Any] = {}
        self.trace: Any = None
        self.error: str | None = None
        self.plot_index = 0
        self.computing = False
        self._token = 0
        self.settled = Debounce(self, TYPING_DEBOUNCE, self.recompute, name="demo-typing")
        self._ready = False
        self._requested_at = 0.0
        self.last_redraw_ms: float | None = None  # request -> redrawn, for the benchmark

    # -- layout ----------------------------------------------------------------------
    def _fit_title(self) -> None:
        """The header names the demo: "Demos — Dropout", or the demo's title alone where
        "tutor — Demos · …" would be cut (below 76 columns)."""
        demo = getattr(self, "demo", None)
        if demo is None:
            return
        if self.app.size.width < 76:
            self.title, self.sub_title = demo.title, ""
        else:
            self.title, self.sub_title = "Demos", demo.title

    def on_resize(self) -> None:
        """Fit the header's title to the new width."""
        self._fit_title()

    def compose(self) -> ComposeResult:
        """Header; demos list | title, parameters, status, plot, notes, numbers; footer."""
        from tutor.demos import list_demos

        yield TutorHeader()
        with Horizontal(id="demos-body"):
            yield DemoList(list_demos(), self._link_texts(), id="demo-list")
            with VerticalScroll(id="demo-view"):
                yield Static("", id="demo-title")
                yield Static("", id="demo-summary")
                yield Static("", id="demo-params-box")
                yield SteadyStatic("", id="demo-status")
                with Container(id="demo-main"):
                    yield DemoPlot(id="demo-plot")
                    with Vertical(id="demo-side"):
                        yield DemoNotes(id="demo-notes")
                        yield DataTable(id="demo-table", zebra_stripes=True, cursor_type="row")
        yield TutorFooter()

    async def on_mount(self) -> None:
        """Open the requested demo (or the first one)."""
        from tutor.demos import UnknownDemoError, get_demo, list_demos

        name = self.requested
        if name:
            try:
                name = get_demo(name).name
            except UnknownDemoError as exc:
                self.notify(str(exc), severity="warning", timeout=6)
                name = None
        await self.show_demo(name or list_demos()[0].name, self.requested_params)
        self.call_after_refresh(self._focus_start)

    def _focus_start(self) -> None:
        self._ready = True
        if self.requested:
            self.query_one("#demo-view").focus()
        else:
            self.query_one(DemoList).focus()

    async def show_demo(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        """Show demo `name` with `params` (defaults for the rest) and compute it."""
        from tutor.demos import ParamError, get_demo

        demo = get_demo(name)
        try:
            values = demo.resolve(params or {})
        except ParamError as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            values = demo.defaults()
        self.demo, self.params, self.plot_index = demo, values, 0
        self.trace, self.error = None, None
        self.args = (name,)
        self._fit_title()
        self.query_one(DemoList).select_demo(name)
        links = self.links()
        title = Content.assemble((demo.title, "bold"))
        if links:
            title = Content.assemble(title, "  ", ("exam ", "dim"), self._part_links(links))
        self.query_one("#demo-title", Static).update(title)
        self.query_one("#demo-summary", Static).update(Content(demo.summary))
        box = self.query_one("#demo-params-box")
        await box.remove_children()
        await box.mount(DemoParams(demo, values, id="demo-params"))
        self.query_one(DemoPlot).clear()
        self.query_one(DemoNotes).show((), ())
        self.query_one(DataTable).clear(columns=True)
        self.recompute()

    def _link_texts(self) -> dict[str, str]:
        """Demo name -> "1b, 4e" (the parts linking it; another exam's as `quiz:2a`)."""
        out: dict[str, list[str]] = {}
        for exam in getattr(self.app, "exams", [self.exam]):
            for part in exam.parts:
                if part.demo:
                    out.setdefault(part.demo, []).append(self.link_label(exam, part))
        return {name: ", ".join(ids) for name, ids in out.items()}

    def links(self) -> list[tuple[Any, Any]]:
        """(exam, part) of every loaded exam's part that links this demo (the content decides)."""
        from tutor.model.ids import demo_links

        if self.demo is None:
            return []
        return demo_links(getattr(self.app, "exams", [self.exam]), self.demo.name)

    def link_label(self, exam: Any, part: Any) -> str:
        """`4e` for a part of the exam in use, `quiz:2a` for another exam's."""
        return part.id if exam is self.exam else f"{exam.id}:{part.id}"

    def _part_links(self, links: list[tuple[Any, Any]]) -> Content:
        """Clickable part links; ids come from content files, so only ids made of safe
        characters go into a click action (any other is shown as plain text)."""
        shown = []
        for exam, part in links:
            label = self.link_label(exam, part)
            if _SAFE_ID.fullmatch(part.id) and _SAFE_ID.fullmatch(exam.id):
                shown.append(Content.styled(label, "bold underline")
                             .stylize(f"@click=screen.open_part('{part.id}', '{exam.id}')"))
            else:
                shown.append(Content(label))
        return Content(", ").join(shown)

    def _own_parts(self) -> tuple[str, ...]:
        """The ids of this exam's parts that link the demo (linked where the notes name them)."""
        return tuple(part.id for exam, part in self.links() if exam is self.exam)

    # -- parameters ------------------------------------------------------------------
    @on(DemoList.OptionHighlighted, "#demo-list")
    async def _demo_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not self._ready:
            return  # the list's own initial highlight must not replace the requested demo
        if event.option_id and (self.demo is None or event.option_id != self.demo.name):
            await self.show_demo(event.option_id)

    @on(DemoList.OptionSelected, "#demo-list")
    def _demo_selected(self, event: OptionList.OptionSelected) -> None:
        first = self.query("#demo-params Input, #demo-params Select")
        if first:
            first.first().focus()

    def on_demo_params_changed(self, event: DemoParams.Changed) -> None:
        """A valid new value: recompute now (Select, +/-, Enter) or after typing pauses."""
        self.params[event.name] = event.value
        if event.immediate:
            self.recompute()
        else:
            self.settled.poke()

    def on_demo_params_invalid(self, event: DemoParams.Invalid) -> None:
        """Say what is wrong with the typed value; keep the last result on screen."""
        self.settled.cancel()
        self._status(Content.styled(event.message, "$text-error"), error=True)

    # -- computing -------------------------------------------------------------------
    def recompute(self) -> None:
        """Start computing the current demo with the current parameters (in a worker)."""
        from tutor.demos import ParamError

        self.settled.cancel()
        try:
            values = self.demo.resolve(self.params)
        except ParamError as exc:
            self._status(Content.styled(str(exc), "$text-error"), error=True)
            return
        self._token += 1
        self._requested_at = time.perf_counter()
        self.computing = True
        if self.trace is None:
            self._status(Content.styled("computing…", "dim"))
        else:
            self.query_one("#demo-status").add_class("-busy")
        self.compute(self.demo.name, values, self._token)

    @work(exclusive=True, thread=True, group="demo-compute", exit_on_error=False)
    def compute(self, name: str, values: dict[str, Any], token: int) -> None:
        """Run the demo off the main thread and hand the trace back."""
        from tutor.demos import Cancelled, cancellable, get_demo

        worker = get_current_worker()
        start = time.perf_counter()
        try:
            with cancellable(lambda: worker.is_cancelled):
                trace, error = get_demo(name).function()(**values), None
        except Cancelled:
            return  # a newer change took over
        except Exception as exc:  # noqa: BLE001 - the demo worker's top: said on screen, never a crash
            trace, error = None, f"The demo could not run with these parameters: {exc}"
        elapsed = (time.perf_counter() - start) * 1000
        if not worker.is_cancelled:
            self.app.call_from_thread(self._computed, token, trace, error, elapsed)

    def _computed(self, token: int, trace: Any, error: str | None, elapsed: float) -> None:
        if token != self._token or self.demo is None:
            return  # a newer request is on its way
        self.computing = False
        self.query_one("#demo-status").remove_class("-busy")
        if error is not None:
            self.error = error
            self._status(Content.styled(error, "$text-error"), error=True)
            return
        self.trace, self.error = trace, None
        self._status(Content.styled(trace.headline(), "bold"))
        self.query_one("#demo-status").tooltip = f"computed in {elapsed:.0f} ms"
        self._draw_plot()
        self.query_one(DemoNotes).show(trace.notes, self._own_parts())
        self._fill_table(trace.table())
        self.call_after_refresh(self._redrawn, token)

    def _redrawn(self, token: int) -> None:
        if token == self._token:
            self.last_redraw_ms = (time.perf_counter() - self._requested_at) * 1000

    def _status(self, content: Content, *, error: bool = False) -> None:
        status = self.query_one("#demo-status", SteadyStatic)
        status.set_class(error, "-error")
        status.update(content)

    def _draw_plot(self) -> None:
        plots = self.trace.plots()
        self.plot_index %= len(plots)
        note = f"plot {self.plot_index + 1} of {len(plots)} · p: next" if len(plots) > 1 else ""
        self.query_one(DemoPlot).show(plots[self.plot_index], note)

    def _fill_table(self, table: Any) -> None:
        widget = self.query_one(DataTable)
        same_columns = [str(c.label) for c in widget.columns.values()] == [str(c) for c in table.columns]
        widget.clear(columns=not same_columns)  # keeping the columns spares a re-layout
        if not same_columns:
            widget.add_columns(*table.columns)
        widget.add_rows(table.rows)

    # -- actions ---------------------------------------------------------------------
    def _in_input(self) -> bool:
        """Whether focus is in a parameter box (where keys type or pick)."""
        return isinstance(self.focused, (Input, Select)) or (
            self.focused is not None and any(isinstance(n, Select) for n in self.focused.ancestors))

    def action_leave_input(self) -> None:
        """Leave the box: focus the plot area, where p, o, r, m work."""
        self.query_one("#demo-view").focus()

    def action_next_plot(self) -> None:
        """Cycle through the demo's plots."""
        if self.trace is not None:
            self.plot_index += 1
            self._draw_plot()

    def set_param(self, name: str, value: Any) -> None:
        """Set one parameter (shown in its control) and recompute."""
        self.params[name] = value
        self.query_one(DemoParams).set_values({name: value})
        self.recompute()

    def action_reset(self) -> None:
        """Every parameter back to its default."""
        if self.demo is None:
            return
        self.params = self.demo.defaults()
        self.query_one(DemoParams).set_values(self.params)
        self.recompute()

    def action_demo_list(self) -> None:
        """Focus the demos list (showing it on narrow terminals)."""
        self.query_one(DemoList).focus()

    def action_open_part(self, part_id: str | None = None, exam_id: str | None = None) -> None:
        """Practise an exam part that links this demo: the part we came from when it is one
        of them, the only one when there is one, else a list of every exam's linking parts."""
        if self.demo is None:
            return
        links = self.links()
        screens = self.app.screen_stack
        below = screens[-2] if len(screens) > 1 else None
        if part_id is None:
            came_from = (getattr(below, "exam", None), getattr(below, "part_id", None))
            back = [(e, p) for e, p in links if (e, p.id) == came_from]
            if back or len(links) == 1:
                exam, part = (back or links)[0]
                part_id, exam_id = part.id, exam.id
            elif not links:
                self.notify(f"No exam part links the {self.demo.title} demo.", timeout=4)
                return
            else:
                self._choose_part(links)
                return
        exam_id = exam_id or self.exam.id
        below_exam = getattr(below, "exam", None)
        same = hasattr(below, "show_part") and below_exam is not None and below_exam.id == exam_id
        if same:
            self.app.pop_screen()
        self.app.go_to_part(part_id, exam_id)

    def _choose_part(self, links: list[tuple[Any, Any]]) -> None:
        """A list of the linking parts of every exam; choosing one opens it."""
        from tutor.ui.screens.part_picker import PartPicker

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.action_open_part(choice[1], choice[0])

        self.app.push_screen(PartPicker(self.demo.title, links), chosen)
