"""Home: the exam, progress per problem, what is due, the last mock, and the menu.

Kept light on purpose: no engine, numpy or plotting imports, so the app is interactive fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tutor.study.drafts import SavedDrafts
from tutor.study.tolerant import DAMAGE_ERRORS
from tutor.ui.app import TutorApp
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.store import Store

MENU = (
    ("p", "practice", "Practice", "part by part, with instant feedback"),
    ("m", "mock", "Mock midterm", "the whole exam, timed"),
    ("r", "review", "Review", "the concepts that are due"),
    ("d", "demos", "Demos", "live networks to play with"),
    ("s", "stats", "Stats", "mastery and mock history"),
    ("?", "help", "Help", "every key"),
    ("q", "quit", "Quit", ""),
)


def _n(x: float) -> str:
    return f"{x:g}"


class HomeScreen(Screen[None]):
    """Where the tutor opens."""

    app = getters.app(TutorApp)

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = None
    # Parameterless actions (parsing `open('practice')` costs start-up time). The menu shows
    # every key beside its entry, so the footer keeps to a few (each footer key costs start-up).
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("p", "practice", "Practice", id="home.practice"),
        Binding("m", "mock", "Mock midterm", show=False, id="home.mock"),
        Binding("r", "review", "Review", show=False, id="home.review"),
        Binding("d", "demos", "Demos", show=False, id="home.demos"),
        Binding("s", "stats", "Stats", show=False, id="home.stats"),
        Binding("q", "app.quit", "Quit", show=False, id="home.quit"),
        Binding("e", "next_exam", "Exam", id="home.next-exam", tooltip="Switch to the next exam (several are loaded)"),
        *[Binding(str(n), f"pick_exam_number({n})", f"Exam {n}", show=False, id=f"home.exam-{n}")
          for n in range(1, 10)],
    ]

    def compose(self) -> ComposeResult:
        """Title, progress table, status line, menu."""
        # straight on the screen (which scrolls when they do not fit): a container of their
        # own makes the first layout measurably slower
        yield TutorHeader()
        exams = Static("", markup=False, id="exams")
        exams.border_title = "Exams"
        exams.display = len(getattr(self.app, "exams", ())) > 1
        yield exams
        yield Static("", markup=False, id="summary")
        # a Static with clickable entries: as usable as a list and far cheaper to start
        menu = Static(self._menu(self.app.size.width), id="menu")
        menu.border_title = "Menu"
        yield menu
        yield TutorFooter()

    def _menu(self, width: int, *, compact: bool = False) -> Content:
        """The menu's lines; on a terminal too narrow for the descriptions, keys and titles only
        (so the box keeps its right border); `compact`: several entries to a line."""
        room = width - 10   # margins, border, padding and the screen's scrollbar
        details = max(len(line) for line in (f" k  {t:<13} {d}" for _, _, t, d in MENU)) <= room
        exam = getattr(self.app, "exam", None)
        mock = exam.word("mock") if exam is not None else "Mock midterm"   # the exam's own word
        if compact:
            return self._menu_rows(room, mock)
        return Content("\n").join(self._menu_prompt(k, a, mock if a == "mock" else t, d if details else "")
                                  for k, a, t, d in MENU)

    def _menu_rows(self, room: int, mock: str) -> Content:
        """Keys and titles side by side, as many to a line as fit in `room` cells."""
        lines: list[Content] = []
        line = Content("")
        for key, action, title, _ in MENU:
            entry = self._menu_prompt(key, action, mock if action == "mock" else title, "", pad=False)
            if line.cell_length and line.cell_length + 2 + entry.cell_length > room:
                lines.append(line)
                line = Content("")
            line = line + Content("  ") + entry if line.cell_length else entry
        return Content("\n").join([*lines, line])

    @staticmethod
    def _menu_prompt(key: str, action: str, title: str, detail: str, *, pad: bool = True) -> Content:
        """One menu line (`pad`: titles in a column); a click runs the same action as the key."""
        target = {"quit": "app.quit", "help": "app.help"}.get(action, f"screen.{action}")
        line = Content.assemble((f" {key} ", "bold $accent"), " ", (f"{title:<13}" if pad else title, "bold"),
                                (f" {detail}" if detail else "", "dim"))
        return line.stylize(f"@click={target}", len(key) + 3)   # the key keeps its colour

    def on_mount(self) -> None:
        """Header subtitle (the progress is filled in when the screen is shown)."""
        self.sub_title = "Home"
        self._mock_running = False
        self.set_interval(1.0, self._tick_mock, name="home-mock-clock")

    def _tick_mock(self) -> None:
        """While a mock runs, its time left on the status line follows the clock."""
        if self._mock_running and self.app.screen is self:
            self.refresh_progress()

    def on_resize(self) -> None:
        """The problem column fits the width, the layout the height (rebuilt only when the
        size changed)."""
        if getattr(self, "_built_for", None) not in (None, tuple(self.app.size)):
            self.refresh_progress()

    def on_screen_resume(self) -> None:
        """Shown (first, or back from practice or a mock): progress may have changed."""
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Re-read progress, due reviews and the last mock from the study store."""
        exam, store = self.app.exam, self.app.store
        width, height = self.app.size
        self._built_for = (width, height)
        meta = f"{exam.minutes} minutes · {_n(exam.points)} points"
        if exam.bonus:
            meta += f" + {_n(exam.bonus)} bonus"
        several = len(self.app.exams) > 1
        if several:
            self.query_one("#exams", Static).update(self._exam_list(self.app))
        try:
            progress = [self._progress_table(store.problem_progress(exam.id, exam)),
                        self._status_line(store, exam)]
        except DAMAGE_ERRORS as error:  # damage SQLite's checks let through
            progress = [Content.styled(f"⚠ The study database is damaged ({error}); `tutor stats` "
                                       "shows what can still be read.", "bold $text-warning")]
        rows = sum(len(c.split("\n")) for c in progress)
        # header, footer, the summary's margins, title, meta, a blank line, the menu's box, and
        # the exams' box with its top margin: when that does not fit, a compact layout does
        full = 2 + 2 + 3 + rows + len(MENU) + 2 + ((len(self.app.exams) + 3) if several else 0)
        compact = full > height
        self.set_class(compact, "-compact")
        self.query_one("#menu", Static).update(self._menu(width, compact=compact))
        if compact:  # title and length on one line, no blank line
            head = [Content.assemble((exam.title, "bold"), ("  " + meta, "dim"))]
        else:
            head = [Content.styled(exam.title, "bold"), Content.styled(meta, "dim"), Content("")]
        # one widget for title, progress and status: fewer widgets, quicker start
        self.query_one("#summary", Static).update(Content("\n").join([*head, *progress]))

    def _exam_list(self, app: TutorApp) -> Content:
        """One line per exam: its key, id and title, parts right and points; the current one marked."""
        lines = []
        width = self.app.size.width - 12
        for number, exam in enumerate(app.exams, 1):
            rows = app.store.problem_progress(exam.id, exam)
            right = sum(r.correct for r in rows)
            parts = sum(r.parts for r in rows)
            earned = sum(r.earned for r in rows if not r.bonus)
            current = exam is app.exam
            text = f"{exam.id} — {exam.title}"
            tail = f"  {right}/{parts} right · {_n(earned)}/{_n(exam.points)} pts"
            room = max(10, width - len(tail) - 6)
            if len(text) > room:
                text = text[: room - 1] + "…"
            key = f" {number} " if number < 10 else "   "
            line = Content.assemble((key, "bold $accent"), ("▸ " if current else "  ", "bold"),
                                    (text, "bold" if current else ""), (tail, "dim"))
            lines.append(line.stylize(f"@click=screen.pick_exam('{exam.id}')", 0, len(line)))
        return Content("\n").join(lines)

    def pick_exam(self, exam_id: str) -> None:
        """Make this exam the current one."""
        app = self.app
        app.select_exam(exam_id)
        self.refresh_progress()

    def action_pick_exam(self, exam_id: str) -> None:
        """Click on an exam's line."""
        self.pick_exam(exam_id)

    def action_pick_exam_number(self, number: int) -> None:
        """1-9: the exam on that line."""
        app = self.app
        if 1 <= number <= len(app.exams):
            self.pick_exam(app.exams[number - 1].id)

    def action_next_exam(self) -> None:
        """The next exam in the list."""
        app = self.app
        index = app.exams.index(app.exam)
        self.pick_exam(app.exams[(index + 1) % len(app.exams)].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The exam keys exist only when there are several exams."""
        if action in ("next_exam", "pick_exam_number"):
            return len(getattr(self.app, "exams", ())) > 1
        return True

    def _progress_table(self, rows: list[Any]) -> Content:
        """Practice progress and the last mock side by side, per problem: tried | right |
        practice points | the last mock's points; fitted to the width."""
        names = [f"{r.problem_id} {r.title}" + (" (bonus)" if r.bonus else "") for r in rows]
        narrow = self.app.size.width < 60
        cols, gap = ((5, 5, 7, 7), " ") if narrow else ((6, 6, 9, 9), "  ")
        room = self.app.size.width - 8 - sum(cols) - len(cols) * len(gap)   # padding, scrollbar
        width = max(6, min(max(len(n) for n in names + ["Problem"]), 40, room))

        def row(name: str, *cells: str) -> str:
            """One table line, the name cut with an ellipsis to fit."""
            if len(name) > width:
                name = name[: width - 1] + "…"
            return gap.join([f"{name:<{width}}"] + [f"{c:>{w}}" for c, w in zip(cells, cols)])

        grade = self.app.store.last_mock_grade(self.app.exam.id)
        in_mock = {p.problem_id: p.score for p in grade.problems} if grade is not None else {}
        had_mock = grade is not None
        lines = [Content.styled(row("Problem", "tried", "right", "practice", "mock"), "bold")]
        tried = right = parts = 0
        earned = total = bonus_earned = mock = mock_bonus = 0.0
        for r, name in zip(rows, names):
            score = in_mock.get(r.problem_id)
            mock_cell = f"{_n(round(score, 2))}/{_n(r.points)}" if score is not None else "—"
            lines.append(Content(row(name, f"{r.attempted}/{r.parts}", f"{r.correct}/{r.parts}",
                                     f"{_n(r.earned)}/{_n(r.points)}", mock_cell)))
            tried, right, parts = tried + r.attempted, right + r.correct, parts + r.parts
            if r.bonus:
                bonus_earned += r.earned
                mock_bonus += in_mock.get(r.problem_id) or 0.0
            else:
                earned, total = earned + r.earned, total + r.points
                mock += in_mock.get(r.problem_id) or 0.0
        points = f"{_n(earned)}/{_n(total)}" + (f" +{_n(bonus_earned)}" if bonus_earned else "")
        mock_total = (f"{_n(round(mock, 2))}/{_n(total)}" + (f" +{_n(round(mock_bonus, 2))}" if mock_bonus else "")
                      if had_mock else "—")
        lines.append(Content.styled(row("Total", f"{tried}/{parts}", f"{right}/{parts}", points,
                                        mock_total), "bold"))
        return Content("\n").join(lines)

    def _status_line(self, store: Store, exam: Exam) -> Content:
        due = len(store.due_concepts(exam.id))
        if due == 0:
            review = "Review: nothing due"
        else:
            review = f"Review: {due} concept{'s' if due != 1 else ''} due"
        mock = store.last_mock(exam.id)
        running = store.running_mock(exam.id) if mock is not None else None
        self._mock_running = False
        if mock is None:
            last = "Last mock: none yet"
        elif running is not None:
            from tutor.ui.clock import countdown

            self._mock_running = True
            left = running.remaining(store.now()).total_seconds()
            last = f"Mock running — {countdown(left)} left: m returns to it"
        elif getattr(mock, "submitted_at", None) is None:
            last = "Mock in progress: m resumes it"
        else:
            last = f"Last mock: {_n(round(mock.score or 0, 1))}/{_n(mock.max_score or exam.points)}"
            if mock.bonus:
                last += f" +{_n(round(mock.bonus, 1))} bonus"
        drafted = SavedDrafts(store, exam.id).drafted(exam)
        unchecked = f" · Not yet checked: {', '.join(drafted)}" if drafted else ""
        parts = [Content.styled(f"{review} · {last}{unchecked}", "dim")]
        if store.warning:
            parts.append(Content.styled(f"⚠ {store.warning}", "bold $text-warning"))
        return Content("\n").join(parts)

    def action_open(self, name: str) -> None:
        """Open a screen from the registry."""
        self.app.open_screen(name)

    def action_practice(self) -> None:
        """Practice part by part."""
        self.action_open("practice")

    def action_mock(self) -> None:
        """A timed mock midterm."""
        self.action_open("mock")

    def action_review(self) -> None:
        """Review the concepts that are due."""
        self.action_open("review")

    def action_demos(self) -> None:
        """Live demos."""
        self.action_open("demos")

    def action_stats(self) -> None:
        """Mastery and mock history."""
        self.action_open("stats")
