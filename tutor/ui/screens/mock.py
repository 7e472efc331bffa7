"""Mock midterm: the whole exam against a countdown, under exam conditions.

All parts in order with free navigation, flag-for-later, answers autosaved as they are typed
(debounced), no hints, solutions, verdicts or running score. The countdown and the
submission belong to the app (`tutor.ui.mock_runner`), so leaving this screen, or opening a modal,
never stops the clock, and at zero the mock is submitted exactly once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Collapsible, OptionList, Static
from textual.widgets.option_list import Option

from tutor.engine.exam_numbers import exam_part
from tutor.model.printed import printed_exam
from tutor.ui.clock import countdown, level
from tutor.ui.mock_runner import MockRunner, runner_for
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.mock_answers import AnswerBook
from tutor.ui.widgets.field_base import FieldWidget, points_text
from tutor.ui.widgets.math_text import MathText
from tutor.ui.widgets.part_view import field_widget
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

if TYPE_CHECKING:
    from tutor.model import Exam

AUTOSAVE_POLL_S = 0.05


class MockScreen(TutorScreen):
    """Sit the exam: countdown, parts list, one part at a time, flags, submit."""

    CSS_PATH = "mock.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-normal")]
    BINDINGS = [
        # page down / up first: browsers keep ctrl+n (a new window) for themselves
        Binding("pagedown", "after_typing('next_part')", "Next", priority=True, id="mock.next",
                tooltip="Next part"),
        Binding("pageup", "after_typing('prev_part')", "Prev", priority=True, id="mock.prev",
                tooltip="Previous part"),
        Binding("ctrl+n", "after_typing('next_part')", "Next", show=False, priority=True,
                id="mock.next.terminal", tooltip="Next part (in a terminal)"),
        Binding("ctrl+b", "after_typing('prev_part')", "Prev", show=False, priority=True,
                id="mock.prev.terminal", tooltip="Previous part (in a terminal)"),
        Binding("ctrl+f", "flag", "Flag", priority=True, id="mock.flag",
                tooltip="Flag this part for later (again to clear)"),
        Binding("ctrl+s", "after_typing('submit')", "Submit…", priority=True, id="mock.submit",
                tooltip="Submit the mock (asks first)"),
        Binding("ctrl+l", "parts", "Parts", priority=True, id="mock.parts", tooltip="Go to the parts list"),
        Binding("escape", "leave_input", "Keys", id="mock.leave-input", tooltip="Leave the input"),
        Binding("escape", "back", "Home", id="mock.back", tooltip="Back home; the clock keeps running"),
    ]

    @property
    def exam(self) -> Exam:
        """The exam as printed: the tutor's added numeric companions stay in practice."""
        return printed_exam(self.app.exam)

    def __init__(self, minutes: float | None = None) -> None:
        super().__init__()
        self.minutes = minutes
        self.runner: MockRunner | None = None
        self.part_id = ""
        self.book = AnswerBook(lambda fid, raw: None, {})
        self.flags: set[str] = set()
        self._loading = False

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the countdown bar, the body (intro or exam), footer."""
        yield TutorHeader()
        with Horizontal(id="mock-bar"):
            yield Static("", markup=False, id="mock-clock")
            yield Static("", markup=False, id="mock-status")
        yield Vertical(id="mock-body")
        yield TutorFooter()

    async def on_mount(self) -> None:
        """Rejoin the running mock, resume a stored one, or offer to start."""
        self.sub_title = self.exam.word("mock")
        self.app.preload_engine()
        running = runner_for(self.app)
        if running is not None and running.state == "running" and running.exam.id == self.exam.id:
            await self._join(running, resumed=False)
            return
        if running is not None and running.state == "submitting":
            await self._message("Submitting your mock…")
            return
        session = self.store.active_mock(self.exam.id)
        if session is None:
            await self._intro()
            return
        expired = session.expired(self.store.now())
        runner = MockRunner(self.app, self.exam, self.store, session, start_clock=not expired)
        if expired:
            await self._message("Time ran out while tutor was closed: submitting your saved answers…")
            self.call_after_refresh(runner.submit, "expired")
            return
        await self._join(runner, resumed=True)

    async def _message(self, text: str) -> None:
        body = self.query_one("#mock-body")
        await body.remove_children()
        await body.mount(Static(text, markup=False, id="mock-message"))

    async def _intro(self) -> None:
        """What the mock is, and a Start button."""
        exam = self.exam
        minutes = self.minutes or exam.minutes
        bonus = f" + {exam.bonus:g} bonus" if exam.bonus else ""
        lines = [
            Content.styled(exam.title, "bold"),
            Content(f"{len(exam.parts)} parts · {exam.points:g} points{bonus} · "
                    f"{countdown(minutes * 60)} on the clock"),
            Content(""),
        ]
        if exam.instructions.strip():
            lines += [Content(" ".join(exam.instructions.split())), Content("")]
        lines += [
            Content("Exam conditions: no hints, solutions or verdicts until you submit. Answers are "
                    "saved as you type; if tutor closes, `tutor mock` resumes with the time really left. "
                    "At 0:00 the mock is submitted as it is."),
            Content(""),
            Content.styled("page down / page up (or ctrl+n / ctrl+b) next and previous part · ctrl+f flag for later · "
                           "ctrl+s submit · esc leaves an input", "dim"),
        ]
        body = self.query_one("#mock-body")
        await body.remove_children()
        start = Button(f"Start the {countdown(minutes * 60)} mock", id="mock-start", variant="primary")
        await body.mount(VerticalScroll(Static(Content("\n").join(lines), markup=False, id="mock-intro-text"),
                                        start, id="mock-intro"))
        self.query_one("#mock-clock", Static).update(f"⏱ {countdown(minutes * 60)}")
        self.query_one("#mock-status", Static).update("not started")
        start.focus()

    @on(Button.Pressed, "#mock-start")
    async def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        from tutor.study import MockAlreadyOpen

        try:
            session = self.store.start_mock(self.exam.id, self.minutes or self.exam.minutes)
        except MockAlreadyOpen as exc:
            session = exc.session
        await self._join(MockRunner(self.app, self.exam, self.store, session), resumed=False)

    async def _join(self, runner: MockRunner, *, resumed: bool) -> None:
        """Build the exam view for a running mock."""
        self.runner = runner
        runner.hosts.append(self)
        sid = runner.session.id
        self.book = AnswerBook(lambda fid, raw: self.store.save_answer(sid, fid, raw), self.store.mock_answers(sid))
        self.flags = set(self.store.mock_flags(sid))
        body = self.query_one("#mock-body")
        await body.remove_children()
        parts = OptionList(*[Option(self._part_label(p), id=p.id) for p in self.exam.parts],
                           id="mock-parts", markup=False)
        parts.border_title = "Parts"
        await body.mount(Horizontal(parts, VerticalScroll(id="mock-part"), id="mock-main"))
        runner.listeners.append(self._on_clock)
        runner.before_submit.append(self._flush_now)
        self.set_interval(AUTOSAVE_POLL_S, self._poll, name="mock-autosave")
        # back where the learner was (this session or before a crash), else the first part
        # not yet answered
        ids = [p.id for p in self.exam.parts]
        where = self.store.get_setting(self._position_key(), None)
        first = next((p.id for p in self.exam.parts if not self._answered(p)), ids[0])
        await self.show_part(where if where in ids else first)
        self._on_clock(runner.remaining())
        if resumed:
            self.notify(f"Mock resumed with {countdown(runner.remaining())} left.", timeout=5)

    def _position_key(self) -> str:
        """The setting that remembers which part of this mock is on screen."""
        return f"mock-position:{self.runner.session.id}" if self.runner is not None else ""

    def action_after_typing(self, action: str) -> None:
        """An exam key pressed while typing: run it once the keys before it have landed."""
        self.after_typing(self.run_action, action)

    def on_unmount(self) -> None:
        """Save what is typed and stop listening to the clock (the mock itself goes on)."""
        if self.runner is not None:
            self.flush()
            if self._on_clock in self.runner.listeners:
                self.runner.listeners.remove(self._on_clock)
            if self._flush_now in self.runner.before_submit:
                self.runner.before_submit.remove(self._flush_now)
            if self in self.runner.hosts:
                self.runner.hosts.remove(self)

    # -- the countdown -------------------------------------------------------------------
    def _on_clock(self, left: float) -> None:
        clock = self.query_one("#mock-clock", Static)
        clock.update(f"⏱ {countdown(left)} left")
        for name in ("-warn", "-urgent"):
            clock.set_class(level(left) == name, name)
        self._read_widgets()  # the count and the ● marks come from the same reading, at once
        answered = sum(self._answered(p) for p in self.exam.parts)
        flagged = f" · ⚑ {len(self.flags)} flagged" if self.flags else ""
        self.query_one("#mock-status", Static).update(
            f"Part {self.part_id} · {answered}/{len(self.exam.parts)} answered{flagged}")

    # -- parts -----------------------------------------------------------------------------
    def _answered(self, part: Any) -> bool:
        return self.book.answered(part)

    def _part_label(self, part: Any) -> Content:
        mark = "●" if self._answered(part) else "○"
        flag = " ⚑" if part.id in self.flags else ""
        return Content.assemble((f"{mark} ", "bold" if mark == "●" else "dim"), f"{part.id:<3}",
                                (f" {part.points:g}p", "dim"), (flag, "bold $warning"))

    def _refresh_part_list(self) -> None:
        lists = self.query("#mock-parts")
        if not lists:
            return
        options = lists.first(OptionList)
        for index, part in enumerate(self.exam.parts):
            options.replace_option_prompt_at_index(index, self._part_label(part))

    async def show_part(self, part_id: str) -> None:
        """Show one part (what was typed on the last one is kept and saved)."""
        self.flush()
        part = exam_part(self.exam.part(part_id))
        self.part_id = part_id
        if self.runner is not None:
            self.store.set_setting(self._position_key(), part_id)
        pane = self.query_one("#mock-part", VerticalScroll)
        await pane.remove_children()
        problem = self.exam.problem_of(part_id)
        bonus = " (bonus)" if problem.bonus else ""
        heading = f"Problem {problem.id} · {problem.title}{bonus} · {points_text(problem.points)}"
        widgets: list[Any] = []
        if problem.context.strip():
            widgets.append(Collapsible(MathText(problem.context, classes="context"), title=Content(heading),  # type: ignore[arg-type]
                                       collapsed=part.id != problem.parts[0].id, id="mock-context"))
        else:
            widgets.append(Static(heading, markup=False, classes="problem-title"))
        widgets.append(Static(self._part_title(part), markup=False, id="mock-part-title"))
        widgets.append(MathText(part.prompt, id="mock-prompt"))
        if part.figure or part.figure_plot or part.figure_image:
            from tutor.ui.widgets.figure import FigureView

            widgets.append(FigureView(part, id="mock-figure"))
        single = len(part.fields) == 1
        fields = [field_widget(f, raw_latex=False, show_label=not single or bool(f.label)) for f in part.fields]
        self._loading = True  # the autosave poll must not read the new inputs before they are filled
        try:
            await pane.mount(*widgets, *fields)
            for widget in fields:
                raw = self.book.get(widget.field.full_id)
                if raw:
                    widget.set_value(raw)
        finally:
            self._loading = False
        pane.scroll_home(animate=False)
        options = self.query_one("#mock-parts", OptionList)
        options.highlighted = [p.id for p in self.exam.parts].index(part_id)
        if fields:
            fields[0].focus_input()
        if self.runner is not None:
            self._on_clock(self.runner.remaining())

    def _part_title(self, part: Any) -> Content:
        flag = ("  ⚑ flagged for later", "bold $warning") if part.id in self.flags else ("", "")
        return Content.assemble((f"Part {part.id}", "bold"), f" · {points_text(part.points)}", flag)

    def _step(self, delta: int) -> str | None:
        ids = [p.id for p in self.exam.parts]
        i = ids.index(self.part_id) + delta if self.part_id in ids else 0
        return ids[i] if 0 <= i < len(ids) else None

    @on(OptionList.OptionSelected, "#mock-parts")
    async def _part_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.remove_class("-show-parts")
        if event.option.id:
            await self.show_part(event.option.id)

    @on(FieldWidget.Submitted)
    async def _enter_pressed(self, event: FieldWidget.Submitted) -> None:
        """Enter in an answer: saved; on to the next field, or the next part."""
        event.stop()
        self.flush()
        fields = list(self.query(FieldWidget))
        if event.widget in fields and fields.index(event.widget) + 1 < len(fields):
            fields[fields.index(event.widget) + 1].focus_input()
        else:
            await self.action_next_part()

    # -- autosave ----------------------------------------------------------------------
    def _read_widgets(self) -> None:
        """Copy what is in the inputs into the answer book."""
        if self._loading:
            return
        changed = False
        for widget in self.query(FieldWidget):
            try:
                value = widget.value()
            except NoMatches:  # a half-built widget has no input yet
                continue
            changed |= self.book.note(widget.field.full_id, value)
        if changed:
            self._refresh_part_list()

    def _save(self, settled_only: bool) -> None:
        if self.runner is not None and self.runner.state != "done":
            self.book.save(settled_only)

    def _poll(self) -> None:
        """Autosave, debounced: an answer is written once typing pauses (never after submitting)."""
        if self.runner is None or self.runner.state != "running":
            return
        self._read_widgets()
        self._save(settled_only=True)

    def flush(self) -> None:
        """Save every answer now (leaving a part or the screen); nothing once submitting began."""
        if self.runner is not None and self.runner.state == "running":
            self._flush_now()

    def _flush_now(self) -> None:
        """Save what the inputs hold (the runner calls this just before it grades)."""
        try:
            self._read_widgets()
        except NoMatches:  # the screen may be half torn down
            pass
        self._save(settled_only=False)

    # -- actions -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Exam keys only while the exam is on screen; esc leaves an input before leaving."""
        if action in ("next_part", "prev_part", "flag", "submit", "parts", "after_typing"):
            return self.runner is not None and self.runner.state == "running"
        return super().check_action(action, parameters)

    async def action_next_part(self) -> None:
        """The next part."""
        target = self._step(+1)
        if target is None:
            self.notify("That was the last part. ctrl+s submits when you are ready.", timeout=4)
        else:
            await self.show_part(target)

    async def action_prev_part(self) -> None:
        """The previous part."""
        target = self._step(-1)
        if target is None:
            self.notify("This is the first part.", timeout=3)
        else:
            await self.show_part(target)

    def action_flag(self) -> None:
        """Flag the current part for later, or clear its flag."""
        if self.runner is None or not self.part_id:
            return
        flagged = self.part_id not in self.flags
        self.store.set_flag(self.runner.session.id, self.part_id, flagged)
        (self.flags.add if flagged else self.flags.discard)(self.part_id)
        self._refresh_part_list()
        self.query_one("#mock-part-title", Static).update(self._part_title(self.exam.part(self.part_id)))
        self._on_clock(self.runner.remaining())

    def action_parts(self) -> None:
        """Focus the parts list (shown instead of the part on narrow terminals)."""
        self.set_class(not self.has_class("-show-parts"), "-show-parts")
        self.query_one("#mock-parts").focus()

    def action_leave_input(self) -> None:
        """Leave the input so the screen's keys work."""
        pane = self.query("#mock-part")
        if pane:
            pane.first().focus()

    def action_back(self) -> None:
        """Home, after asking: the mock (and its clock) carries on."""
        if self.runner is None or self.runner.state != "running":
            self.app.pop_screen()
            return
        self.flush()
        from tutor.ui.screens.mock_submit import LeaveModal

        def answered(leave: bool | None) -> None:
            if leave and self.app.screen is self:
                self.app.pop_screen()

        self.app.push_screen(LeaveModal(self.runner), answered)

    def action_submit(self) -> None:
        """Ask for confirmation, listing unanswered and flagged parts."""
        if self.runner is None or self.runner.state != "running":
            return
        self.flush()
        from tutor.ui.screens.mock_submit import SubmitModal

        unanswered = [p.id for p in self.exam.parts if not self._answered(p)]
        runner = self.runner

        def confirmed(ok: bool | None) -> None:
            if ok:
                runner.submit("manual")

        self.app.push_screen(SubmitModal(runner, unanswered, sorted(self.flags, key=self._order)), confirmed)

    def _order(self, part_id: str) -> int:
        return [p.id for p in self.exam.parts].index(part_id)
