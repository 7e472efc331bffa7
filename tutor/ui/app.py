"""The Textual app: screens by name, the study store, themes, the command palette.

`make_app(exams, store=None, start=None)` is the one entry point (the CLI and the tests call
it). Importing this module pulls in Textual and the home screen only: the engine, numpy and
lark are imported in worker threads when an answer is first checked.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from tutor.study.tolerant import DAMAGE_ERRORS
from tutor.ui import layout_once
from tutor.ui.css_cache import share_parsed_css
from tutor.ui.screens import registry

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.store import Store
    from tutor.ui.mock_runner import MockFinished

DEFAULT_THEME = "textual-dark"
CLOSED_DURING_MOCK = ("practice", "review")  # screens a running mock of the exam closes


def _tutor_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from tutor.ui.commands import TutorCommands

    return TutorCommands


class TutorApp(App[None]):
    """The tutor: home, practice, critique and (as they land) mock, review, demos, stats."""

    # home.tcss is read with the app's own CSS: home is the default screen, which Textual
    # mounts without reading a screen's CSS_PATH. practice.tcss too: a screen's first CSS
    # makes Textual parse every source again and restyle every screen, the costliest part of
    # opening practice (the screen most opened), where parsing the file here costs little.
    CSS_PATH = ["app.tcss", "screens/home.tcss", "screens/practice.tcss"]
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {_tutor_commands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        # Firefox keeps ctrl+q (it quits itself): in a browser, `q` at home quits, as does closing the tab
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit.terminal"),
    ]

    raw_latex: reactive[bool] = reactive(False, init=False)  # screens showing math watch it

    def __init__(self, exams: Sequence[Exam], store: Store,
                 start: tuple[Any, ...] | None = None, exam_id: str | None = None) -> None:
        self.key_overrides: dict[str, str] = {}  # binding id -> keys (`set_keymap`)
        super().__init__()
        share_parsed_css(self.stylesheet)  # a served tab takes the warm tutor's parsed CSS
        layout_once.install()
        if not exams:
            raise ValueError("make_app needs at least one exam")
        self.exams = list(exams)
        self.store = store  # degrades to memory by itself, with a warning, if the disk fails
        self.start = tuple(start) if start else None
        # the exam asked for, else the one used last, else the first
        wanted = exam_id or self.store.get_setting("exam")
        self.exam = next((e for e in self.exams if e.id == wanted), self.exams[0])
        self._name_exam()

    # -- keys ----------------------------------------------------------------------------
    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Remap keys by binding id (Textual's keymap); the help screen shows the new keys."""
        self.key_overrides = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        """Merge `keymap` into the keymap in use."""
        self.key_overrides = {**self.key_overrides, **keymap}
        super().update_keymap(keymap)

    # -- exams ---------------------------------------------------------------------------
    def select_exam(self, exam_id: str) -> None:
        """Make this exam the one home, practice, mock, review and stats work on (remembered)."""
        exam = next((e for e in self.exams if e.id == exam_id), None)
        if exam is None:
            return
        self.exam = exam
        self.store.set_setting("exam", exam.id)
        self._name_exam()

    def _name_exam(self) -> None:
        """With several exams, every screen's title names the one in use."""
        if len(self.exams) > 1:
            self.title = f"tutor · {self.exam.id}"

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a toast. Messages carry paths, answers and content text, so they are always
        plain text: `markup` is ignored (a `[/]` in a folder name must not crash the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- start-up ----------------------------------------------------------------------
    def on_mount(self) -> None:
        """Restore the theme, open home, then the requested start screen on top of it."""
        saved = self.store.get_setting("theme")
        self.theme = saved if isinstance(saved, str) and saved in self.available_themes \
            else DEFAULT_THEME
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.is_web:
            # in a browser every frame is a websocket message, and a class shares the server's
            # cores: scrolls jump instead of gliding over several frames
            self.animation_level = "none"
        if self.start:
            name, *args = self.start
            name = {"demo": "demos"}.get(str(name), str(name))
            if name != "home":
                self.open_screen(name, *args)
        elif self._mock_in_progress():
            # a mock survives closing and crashes: plain `tutor` goes straight back to it
            self.open_screen("mock")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """In a browser the text cursor is steady: a blinking one redraws every tab twice a
        second, which a class's server pays for in every idle student."""
        widget: Any = event.widget  # an Input, a TextArea: any widget with a blinking cursor
        if self.is_web and getattr(widget, "cursor_blink", False):
            widget.cursor_blink = False

    def _mock_in_progress(self) -> bool:
        try:
            return self.store.active_mock(self.exam.id) is not None
        except DAMAGE_ERRORS:  # a damaged store: home says so
            return False

    def get_default_screen(self) -> Screen[Any]:
        """Home is the bottom of the screen stack."""
        return registry.build("home")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, less its generic "Theme" picker: the palette lists every
        theme by name ("Theme: nord"), and the choice is remembered."""
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    def _remember_theme(self, theme: Theme) -> None:
        self.store.set_setting("theme", theme.name)

    # -- navigation --------------------------------------------------------------------
    def open_screen(self, name: str, *args: Any) -> None:
        """Open a registered screen by name (home: back to the home screen)."""
        if name == "home":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        if name == "help":
            self.action_help()
            return
        if name == "practice" and args and args[0] is None:
            args = ()
        if name in CLOSED_DURING_MOCK:
            session = self.store.running_mock(self.exam.id)
            if session is not None:  # exam conditions: say so instead of opening it
                from tutor.ui.screens.exam_closed import ExamClosedScreen

                self.push_screen(ExamClosedScreen(session, (name, *args)))
                return
        self.push_screen(registry.build(name, *args))

    def go_to_part(self, part_id: str, exam_id: str | None = None) -> None:
        """Show a part in practice (in place when practice of the same exam is open); a part
        of another exam makes that exam the current one first."""
        if exam_id is not None and exam_id != self.exam.id:
            self.select_exam(exam_id)
        screen = self.screen
        same_exam = getattr(screen, "exam", self.exam) is self.exam
        if hasattr(screen, "show_part") and not getattr(screen, "is_modal", False) and same_exam:
            self.call_later(screen.show_part, part_id)
        else:
            self.open_screen("practice", part_id)

    async def on_mock_finished(self, message: MockFinished) -> None:
        """A mock's grading worker is done: its runner shows the results (or the error)."""
        await message.runner.finished(message.result, message.error)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tutor.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_latex(self) -> None:
        """Toggle raw LaTeX everywhere (screens that show math watch `raw_latex`)."""
        self.raw_latex = not self.raw_latex

    # -- the engine, off the main thread -------------------------------------------------
    @work(thread=True, group="engine-import")
    def preload_engine(self) -> None:
        """Import the engine in the background so the first check is quick, and draw the
        exam's own numbers of every part that has them, so moving to such a part does not
        wait for the variant machinery (the draws are cached)."""
        import tutor.engine  # noqa: F401
        from tutor.engine.exam_numbers import render_variant

        for part in self.exam.parts:
            if part.params:
                render_variant(part, 0)   # never raises: a content problem shows on the part


def make_app(exams: Iterable[Exam], store: Store | None = None,
             start: tuple[Any, ...] | None = None, exam_id: str | None = None) -> TutorApp:
    """Build the app for these exams. `store`: the study store (None: in memory, not saved).

    `start` opens a screen over home: ("practice", "4a"), ("practice", None), ("mock", minutes),
    ("review",), ("demo", "vanishing"), ("stats",). `exam_id` picks the exam to open (default:
    the one used last).
    """
    _settle_startup_objects()
    if store is None:
        from tutor.study.opening import memory_store

        store = memory_store()
    return TutorApp(list(exams), store, start, exam_id)


_settled = False
YOUNG_COLLECTION_EVERY = 50_000  # new container objects between the collector's young passes


def _settle_startup_objects() -> None:
    """Once per process, move what start-up has built out of the garbage collector's way.

    By now the modules, Textual's classes, the exams and the store are loaded, and they live
    as long as the process. Without this, every collection of the oldest generation (one
    comes while the first screen is built) walks all of them again, a good part of what the
    tutor's start-up costs beyond a bare Textual app. Objects made later are collected as
    usual, but less often: at Python's default (a young pass every 700 new objects), opening
    practice ran about 100 young and 4 middle passes, each walking every object then alive,
    an eighth of its work (and in a class's server, of every tab's). Most of what a screen
    makes is freed by reference counting long before 50,000 more are made; what only the
    collector frees (cycles) waits a little longer, a few megabytes at most.
    """
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
        _, middle, old = gc.get_threshold()
        gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
