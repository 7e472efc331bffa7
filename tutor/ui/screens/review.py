"""Review: the concepts that are due, one at a time — a question first, then the idea (which
would give the answer away if shown first) with a rating, then the next due date. With nothing
due: when the next review is, and the weakest concepts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.widgets import Button, Collapsible, OptionList, Static
from textual.widgets.option_list import Option

from tutor.engine.exam_numbers import exam_part
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.field_base import FieldWidget, points_text
from tutor.ui.widgets.math_text import MathText
from tutor.ui.widgets.part_view import field_widget
from tutor.ui.widgets.self_grade import SelfGrade
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader

RATINGS = ((1, "Again", "forgot it"), (2, "Hard", "with effort"), (3, "Good", "knew it"), (4, "Easy", "trivial"))


def when(moment: datetime, now: datetime) -> str:
    """`in 2 days (Thu 20 Feb 12:00)` in the learner's local time."""
    from tutor.study.timeutil import until

    local = moment.astimezone()
    return f"{until(moment, now)} ({local.strftime('%a %d %b %H:%M')})"


class ReviewScreen(TutorScreen):
    """Due concepts first; each: question → the idea and a rating → next due date."""

    stage: reactive[str] = reactive("", bindings=True)
    """question | rating | rated | idle; the keys that work (rate, check, to the rating) follow it."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("1", "rate(1)", "Again", show=False, id="review.rate-again"),
        Binding("2", "rate(2)", "Hard", show=False, id="review.rate-hard"),
        Binding("3", "rate(3)", "Good", show=False, id="review.rate-good"),
        Binding("4", "rate(4)", "Easy", show=False, id="review.rate-easy"),
        Binding("ctrl+r", "to_rating", "Rate", priority=True, id="review.to-rating",
                tooltip="Done with the question: rate how well you knew it"),
        Binding("ctrl+s", "submit", "Check", priority=True, id="review.check",
                tooltip="Check the answer in the box (in the checklist: grade yourself)"),
        Binding("escape", "leave_input", "Keys", id="review.leave-input", tooltip="Leave the input"),
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to where you came from"),
    ]

    def __init__(self, concept: str | None = None) -> None:
        super().__init__()
        self.start_concept = concept
        self.queue: list[str] = []
        self.done = 0
        self.concept = ""
        self.part: Any = None
        self.variant = 0
        self.results: dict[str, tuple[Any, int | None]] = {}

    def compose(self) -> ComposeResult:
        """Header, the review pane, footer."""
        yield TutorHeader()
        yield VerticalScroll(id="review-body")
        yield TutorFooter()

    async def on_mount(self) -> None:
        """Queue the due concepts and show the first (or what is next)."""
        self.sub_title = "Review"
        self.app.preload_engine()
        due = [c.concept for c in self.store.due_concepts(self.exam.id) if c.concept in self.exam.concepts]
        start = self.start_concept
        self.queue = [start] if start is not None and start in self.exam.concepts else due
        if self.queue:
            await self.open_concept(self.queue[0])
        else:
            await self.show_idle()
        self.guard_exam_conditions()

    async def _show(self, *widgets: Any) -> None:
        body = self.query_one("#review-body", VerticalScroll)
        await body.remove_children()
        await body.mount(*widgets)
        body.scroll_home(animate=False)

    # -- 1. the concept: its question first ----------------------------------------------
    async def open_concept(self, concept_id: str) -> None:
        """Start a concept: its question straight away (the idea comes after the answer)."""
        self.concept, self.results = concept_id, {}
        await self.show_question()

    def _record(self, concept_id: str) -> str:
        mastery = next((m for m in self.store.mastery(self.exam) if m.id == concept_id), None)
        if mastery is None or mastery.attempts == 0:
            return "You have not answered a part on this yet."
        bits = [f"{mastery.attempts} graded result{'s' if mastery.attempts != 1 else ''}"]
        if mastery.accuracy is not None:
            bits.append(f"recent accuracy {round(mastery.accuracy * 100)}%")
        card = self.store.concept_cards(self.exam.id).get(concept_id)
        reviewed_today = card is not None and card.last_review is not None and \
            (self.store.now() - card.last_review).days < 1
        if mastery.retrievability is not None and not reviewed_today:
            bits.append(f"predicted recall {round(mastery.retrievability * 100)}%")
        elif reviewed_today:
            bits.append("last seen today")
        return "Your record: " + " · ".join(bits)

    # -- 2. a question -------------------------------------------------------------------
    async def show_question(self) -> None:
        """A part tagged with the concept, preferring one not seen recently."""
        part = self.store.pick_review_part(self.exam, self.concept)
        if part is None:
            await self.show_rating()
            return
        part, self.variant = self._fresh_numbers(part)
        self.part, self.stage = part, "question"
        problem = self.exam.problem_of(part.id)
        position = f"Concept {self.done + 1} of {self.done + len(self.queue)} due · " if self.queue else ""
        widgets: list[Any] = [Static(Content.assemble((f"{position}Question for ", "dim"),
                                                      (self.exam.concepts[self.concept].title, "bold")),
                                     markup=False, id="review-title")]
        if problem.context.strip():
            widgets.append(Collapsible(MathText(problem.context), title=Content(f"Problem {problem.id} · {problem.title}"),  # type: ignore[arg-type]
                                       collapsed=False, id="review-context"))
        numbers = f" · variant {self.variant}: fresh numbers" if self.variant else ""
        widgets.append(Static(Content.assemble((f"Part {part.id}", "bold"), f" · {points_text(part.points)}",
                                               (numbers, "dim")),
                              markup=False, id="review-part-title"))
        widgets.append(MathText(part.prompt, id="review-prompt"))
        if part.figure or part.figure_plot or part.figure_image:
            from tutor.ui.widgets.figure import FigureView

            widgets.append(FigureView(part, id="review-figure"))
        single = len(part.fields) == 1
        fields = [field_widget(f, raw_latex=False, show_label=not single or bool(f.label)) for f in part.fields]
        widgets += fields
        widgets.append(Button("Rate how well you knew it (ctrl+r)", id="review-to-rating"))
        await self._show(*widgets)
        if fields:
            fields[0].focus_input()

    def _fresh_numbers(self, part: Any) -> tuple[Any, int]:
        """The part with numbers the learner has not just seen (the exam's, if it has none)."""
        if not part.params:
            return part, 0
        from tutor.engine.exam_numbers import render_variant
        from tutor.study.seen_variants import next_variant

        try:
            variant = next_variant(self.store, self.exam.id, part)
        except ValueError:  # content problem: the exam's own numbers still make a good question
            return exam_part(part), 0
        shown, problem = render_variant(part, variant)
        return (shown, variant) if problem is None else (exam_part(part), 0)

    @on(FieldWidget.Submitted)
    def _field_submitted(self, event: FieldWidget.Submitted) -> None:
        event.stop()
        if not event.raw.strip():
            event.widget.feedback.show_message("invalid", "Type or pick an answer first (not counted).")
            return
        event.widget.feedback.show_pending()
        self._check(event.widget, self.part, event.widget.field, event.raw)

    @work(thread=True, group="review-check", exit_on_error=False)
    def _check(self, widget: FieldWidget, part: Any, field: Any, raw: str) -> None:
        """Check and record in a thread; the attempt is committed before its feedback shows."""
        from tutor.study.answering import check_and_record

        # `field` comes from the part as shown, its numbers already filled in for the variant
        try:
            checked = check_and_record(self.store, self.exam, part, field, raw, mode="review",
                                       variant=self.variant)
        except Exception as exc:  # noqa: BLE001 - a worker's top: say what failed, keep the answer
            self.app.call_from_thread(widget.feedback.show_message, "invalid",
                                      f"Could not check or save this answer: {exc}")
            return
        self.app.call_from_thread(self._show_result, widget, field, checked)

    def _show_result(self, widget: FieldWidget, field: Any, checked: Any) -> None:
        result, attempt_id = checked.result, checked.attempt_id
        if result is None:  # a mock of this exam is running
            widget.feedback.cancel_pending()
            self.exam_conditions(checked.closed)
            return
        if result.verdict != "invalid":
            self.results[field.id] = (result, attempt_id)
        if widget.is_attached:
            if result.verdict == "invalid":
                widget.show_invalid(result)
            else:
                widget.show_result(result, attempt_id)
            self.call_after_refresh(widget.feedback.scroll_visible, immediate=True)  # once laid out at its new height

    @on(SelfGrade.Graded)
    def _self_graded(self, event: SelfGrade.Graded) -> None:
        event.stop()
        from tutor.study.answering import self_grade

        field = event.panel.field
        _result, attempt_id = self.results.get(field.id, (None, None))
        self.results[field.id] = (self_grade(self.store, attempt_id, event.score, field.points), attempt_id)
        event.panel.remove()
        self.notify(f"You gave yourself {event.score:g}/{field.points:g}.", timeout=3)

    @on(Button.Pressed, "#review-to-rating")
    async def _to_rating_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.show_rating()

    async def action_to_rating(self) -> None:
        """Done with the question: rate it."""
        if self.stage == "question":
            await self.show_rating()

    def action_submit(self) -> None:
        """ctrl+s: check the box you are in (what it holds when the key arrived), or grade
        yourself when in a written answer's checklist."""
        self.after_typing(self._submit_focused)

    def _submit_focused(self) -> None:
        node: DOMNode | None = self.focused
        while node is not None and not isinstance(node, FieldWidget | SelfGrade):
            node = node.parent
        if isinstance(node, SelfGrade):
            node.action_confirm()
        elif isinstance(node, FieldWidget):
            node.submit()
        else:
            self.notify("Put the cursor in an answer box first.", timeout=3)

    # -- 3. the rating -------------------------------------------------------------------
    def suggested(self) -> int | None:
        """The rating the checked answers suggest (None when nothing was checked)."""
        from tutor.study.answering import suggest_from_results

        return suggest_from_results(r for r, _ in self.results.values())

    async def show_rating(self) -> None:
        """Again / Hard / Good / Easy, each with the next due date it gives; one preselected."""
        self.stage = "rating"
        now = self.store.now()
        preview = self.store.preview_ratings(self.exam.id, self.concept)
        suggestion = self.suggested()
        buttons = []
        for value, name, _meaning in RATINGS:
            label = f"{value} {name}\n{self._short(preview[value], now)}"
            button = Button(label, id=f"rate-{value}", classes="rating")
            if value == suggestion:
                button.add_class("-suggested")
                button.variant = "primary"
            buttons.append(button)
        note = ("Suggested from your answer: " + RATINGS[suggestion - 1][1]) if suggestion else \
            "How well did you know it? (1-4)"
        concept = self.exam.concepts[self.concept]
        await self._show(
            Static(Content.assemble(("Rate: ", "dim"), (concept.title, "bold")),
                   markup=False, id="review-title"),
            Static(note, markup=False, id="review-note"),
            Horizontal(*buttons, id="review-ratings"),
            Static(Content.styled("The idea", "bold"), markup=False, id="review-idea-title"),
            MathText(concept.summary, id="review-summary"),
            Static(self._record(self.concept), markup=False, id="review-record"),
        )
        (buttons[(suggestion or 3) - 1]).focus()

    @staticmethod
    def _short(moment: datetime, now: datetime) -> str:
        from tutor.study.timeutil import until

        return until(moment, now).replace("in ", "")

    @on(Button.Pressed, ".rating")
    async def _rating_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_rate(int(str(event.button.id).split("-")[1]))

    async def action_rate(self, rating: int) -> None:
        """Record the rating and show when the concept comes back."""
        if self.stage != "rating":
            return
        self.stage = "rated"
        card = self.store.rate_concept(self.exam.id, self.concept, rating)
        now = self.store.now()
        if self.queue and self.queue[0] == self.concept:
            self.queue.pop(0)
            self.done += 1
        title = self.exam.concepts[self.concept].title
        following = "Next concept" if self.queue else "Done"
        button = Button(following, id="review-next", variant="primary")
        await self._show(
            Static(Content.assemble((f"{RATINGS[rating - 1][1]}. ", "bold"), f"{title}: next review ",
                                    (when(card.due, now), "bold $accent")), markup=False, id="review-title"),
            Static(f"{len(self.queue)} more due in this session." if self.queue else "That was the last one due.",
                   markup=False, id="review-note"),
            button,
        )
        button.focus()

    @on(Button.Pressed, "#review-next")
    async def _next_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.queue:
            await self.open_concept(self.queue[0])
        else:
            self.start_concept = None
            await self.show_idle()

    # -- nothing due ---------------------------------------------------------------------
    async def show_idle(self) -> None:
        """When the next review is, and the weakest concepts to study now."""
        self.stage, self.concept = "idle", ""
        now = self.store.now()
        later = [c for c in self.store.concept_cards(self.exam.id).values()
                 if c.due > now and c.concept in self.exam.concepts]
        if later:
            soonest = min(later, key=lambda c: c.due)
            lead = "All done for now. " if self.done else "Nothing is due. "
            head = Content.assemble((lead, "bold"), "Next review: ",
                                    (self.exam.concepts[soonest.concept].title, "bold"), " ",
                                    (when(soonest.due, now), "$accent"))
        else:
            head = Content.assemble(("Nothing to review yet. ", "bold"),
                                    "Practise a few parts or sit a mock: what you miss comes back here.")
        weakest = self.store.weakest_concepts(self.exam, n=5)
        options = OptionList(*[Option(self._weak_label(m), id=m.id) for m in weakest], id="review-weakest",
                             markup=False)
        options.border_title = "Weakest concepts — enter reviews one now"
        await self._show(Static(head, markup=False, id="review-title"), options)
        options.focus()

    @staticmethod
    def _weak_label(mastery: Any) -> Content:
        if mastery.mastery is None:
            return Content.assemble((mastery.title, "bold"), ("  not practised yet", "dim"))
        return Content.assemble((mastery.title, "bold"), (f"  mastery {round(mastery.mastery * 100)}%", "dim"))

    @on(OptionList.OptionSelected, "#review-weakest")
    async def _weak_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.queue = []
            await self.open_concept(event.option.id)

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rating keys only at the rating; escape leaves an input before leaving the screen."""
        if action == "rate":
            return self.stage == "rating"
        if action == "to_rating":
            return self.stage == "question"
        if action == "submit":
            return self.stage == "question"
        return super().check_action(action, parameters)

    def action_leave_input(self) -> None:
        """Leave the input so the screen's keys work."""
        self.query_one("#review-body").focus()
