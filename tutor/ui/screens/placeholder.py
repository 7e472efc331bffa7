"""An honest stand-in for a screen that is still being built: says what it will do."""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.ui.app import TutorApp
from tutor.ui.screens.registry import TITLES
from tutor.ui.widgets.tutor_footer import TutorFooter

PLANS = {
    "mock": "A timed mock midterm: the whole exam against a countdown (the real 110 minutes, "
            "or the length you choose), moving freely between parts, flags, answers saved as "
            "you go, submission when time runs out, and your results by problem.",
    "review": "Spaced review: the concepts behind the parts you missed come back when they "
              "are due, one question per concept, and you rate how well you knew it so the "
              "next review is scheduled at the right time.",
    "stats": "Statistics: your mastery of each concept, the mistakes you make most, and the "
             "history of your mock midterms.",
    "demos": "Live demos: change a parameter and watch a small network react, with a live plot "
             "and the numbers behind it.",
}


class PlaceholderScreen(Screen[None]):
    """Shown for a registered screen whose module has not landed yet; never crashes."""

    app = getters.app(TutorApp)

    CSS_PATH = "placeholder.tcss"
    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", "Back", show=False)]

    def __init__(self, what: str, *args: Any) -> None:
        super().__init__()
        self.what = what
        self.args = args

    def compose(self) -> ComposeResult:
        """Title, the plan, and what to do meanwhile."""
        title = TITLES.get(self.what, self.what.title())
        lines = [Content.styled(f"{title} is not built yet", "bold"), Content(""),
                 Content(PLANS.get(self.what, "This screen is on its way."))]
        if self.what == "demos" and self.args and self.args[0]:
            lines += [Content(""), *self._demo_lines(str(self.args[0]))]
        lines += [Content(""),
                  Content.styled("Meanwhile: p on the home screen practises any part with "
                                 "instant feedback. esc goes back.", "dim")]
        yield Header()
        with VerticalScroll(id="placeholder-body"):
            yield Static(Content("\n").join(lines), markup=False, id="placeholder-text")
        yield TutorFooter()

    def on_mount(self) -> None:
        """Header subtitle."""
        self.sub_title = TITLES.get(self.what, self.what)

    def _demo_lines(self, name: str) -> list[Content]:
        """What the linked demo is about, from the demo registry when it is available."""
        try:
            from tutor.demos import get_demo

            demo = get_demo(name)
        except Exception:  # noqa: BLE001 - the demo layer may not be there yet
            demo = None
        parts = [p.id for p in self.app.exam.parts if p.demo == name]
        linked = f" (linked from part {', '.join(parts)})" if parts else ""
        if demo is None:
            return [Content.assemble(("Demo: ", "bold"), f"{name}{linked}")]
        return [Content.assemble(("Demo: ", "bold"), f"{demo.title}{linked}"),
                Content(str(demo.summary))]

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()
