"""Stats: mastery per concept (recall and recent accuracy), frequent mistakes, mock history."""

from __future__ import annotations

from rich.text import Text  # a DataTable parses str cells as markup; titles are plain
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader


def _bar(value: float | None, width: int = 8) -> str:
    if value is None:
        return "·" * width
    full = round(value * width)
    return "█" * full + "░" * (width - full)


class StatsScreen(TutorScreen):
    """How the learner is doing; enter on a concept reviews it now."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("r", "review", "Review due", id="stats.review"),
        Binding("m", "mock", "Mock", id="stats.mock"),
        Binding("escape", "back", "Back", id="stats.back"),
    ]
    _shown_width = 0  # the title width the table was last filled for

    def compose(self) -> ComposeResult:
        """Summary, mastery table, mistakes, mock history."""
        yield TutorHeader()
        with VerticalScroll(id="stats-body"):
            yield Static("", markup=False, id="stats-summary")
            yield DataTable(id="stats-mastery", cursor_type="row", zebra_stripes=True)
            yield Static("", markup=False, id="stats-mistakes")
            yield Static("", markup=False, id="stats-mocks")
        yield TutorFooter()

    def on_mount(self) -> None:
        """Read the statistics."""
        self.sub_title = "Stats"
        table = self.query_one("#stats-mastery", DataTable)
        table.border_title = "Mastery — enter reviews a concept now"
        table.add_columns("Concept", "Mastery", "Recall", "Accuracy", "Review")
        self.refresh_stats()
        table.focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        """Back from a review: the numbers moved."""
        self.refresh_stats()

    def refresh_stats(self) -> None:
        """Fill every section from the store."""
        from tutor.study import sparkline
        from tutor.study.stats import percent
        from tutor.study.timeutil import clock_time
        from tutor.study.tolerant import Problems

        now = self.store.now()
        problems = Problems()
        stats = self.store.stats(self.exam, now, problems)
        due = self.store.due_concepts(self.exam.id, now, problems)
        summary = [Content.assemble(("Answers recorded ", "dim"), (str(stats.attempts), "bold"),
                                    ("  ·  due for review now ", "dim"), (str(len(due)), "bold"),
                                    ("  ·  mocks ", "dim"), (str(len(stats.mocks)), "bold"))]
        if self.store.warning:
            summary.append(Content.styled(f"⚠ {self.store.warning}", "bold $text-warning"))
        if problems:
            summary.append(Content.styled(f"⚠ {problems.summary()}", "bold $text-warning"))
        self.query_one("#stats-summary", Static).update(Content("\n").join(summary))

        table = self.query_one("#stats-mastery", DataTable)
        table.clear()
        ranked = sorted(stats.concepts, key=lambda c: (c.mastery is None, c.mastery or 0.0))
        width = self._shown_width = self._title_width()
        for c in ranked:
            mastery = f"{_bar(c.mastery)} {percent(c.mastery):>4}" if c.mastery is not None else f"{_bar(None)}    —"
            title = c.title if len(c.title) <= width else c.title[:width - 1] + "…"
            table.add_row(Text(title), mastery, c.recall_text(), percent(c.accuracy), c.review_text(now), key=c.id)

        lines = [Content.styled("Most frequent mistakes", "bold")]
        if not stats.mistakes:
            lines.append(Content.styled("None recorded yet.", "dim"))
        from tutor.engine.mistake_text import mistake_summary

        for m in stats.mistakes[:8]:
            room = self.size.width - len(f"{m.count:>3}× {m.field_id} ") - 4
            lines.append(Content.assemble((f"{m.count:>3}× ", "bold"), (f"{m.field_id} ", "$accent"),
                                          mistake_summary(self.exam, m.field_id, m.id, room)))
        self.query_one("#stats-mistakes", Static).update(Content("\n").join(lines))

        lines = [Content.styled(self.exam.word("mocks") if hasattr(self.exam, "word") else "Mock midterms", "bold")]
        if not stats.mocks:
            lines.append(Content.styled("None yet: m starts one.", "dim"))
        else:
            top = stats.mocks[-1].max_score or self.exam.points
            lines.append(Content.assemble(("Scores ", "dim"),
                                          (sparkline([m.score or 0.0 for m in stats.mocks], 0, top), "bold $accent"),
                                          (f"  (0–{top:g})", "dim")))
            for mock in stats.mocks[-8:][::-1]:
                bonus = f" + {mock.bonus:g}/{mock.max_bonus:g}" if mock.max_bonus else ""
                when = mock.started_at.astimezone().strftime("%a %d %b %H:%M")
                lines.append(Content(f"{when}  {mock.score or 0:g}/{mock.max_score or top:g}{bonus}  "
                                     f"in {clock_time(mock.time_used_s or 0)}"))
        self.query_one("#stats-mocks", Static).update(Content("\n").join(lines))

    def _title_width(self) -> int:
        """Room for concept titles: what the other columns (about 50 cells) leave, 16 to 30."""
        return max(16, min(30, self.size.width - 52))

    def on_resize(self) -> None:
        """Titles get more or less room."""
        if self.is_mounted and self._title_width() != self._shown_width:
            self.refresh_stats()

    @on(DataTable.RowSelected, "#stats-mastery")
    def _concept_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.open_screen("review", event.row_key.value)

    def action_review(self) -> None:
        """Review what is due."""
        self.app.open_screen("review")

    def action_mock(self) -> None:
        """Sit (or resume) a mock."""
        self.app.open_screen("mock")
