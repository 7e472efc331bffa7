"""Practice: the parts list on the left, one part on the right, instant feedback.

The engine (numpy, lark) is imported only inside worker threads, the first time an answer
is previewed or checked, so opening this screen stays quick.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.reactive import reactive

from tutor.engine.exam_numbers import render_variant
from tutor.ui.keys import in_box
from tutor.ui.screens.practice_checks import ChecksAnswers
from tutor.ui.screens.practice_state import PartState
from tutor.ui.widgets.field_base import FieldWidget
from tutor.ui.widgets.part_view import PartView
from tutor.ui.widgets.parts_list import PartsList
from tutor.ui.widgets.self_grade import SelfGrade
from tutor.ui.widgets.status_line import StatusLine
from tutor.ui.widgets.tutor_footer import TutorFooter
from tutor.ui.widgets.tutor_header import TutorHeader


def _no_variants(exam: Any) -> str:
    varied = ", ".join(p.id for p in exam.parts if p.params) or "none yet"
    return f"This part has no numbers to vary. Parts that do: {varied}."


DIMMED_WHY = {
    "demo": lambda exam: "No demo is linked to this part; the palette (ctrl+p) lists all demos.",
    "variant": _no_variants,
    "critique": lambda exam: f"There is no {exam.word('scan')} for this part.",
}
"""Why each key the footer dims on some parts does nothing there."""


class PracticeScreen(ChecksAnswers):
    """Answer any part, see why an answer is right or wrong, reveal hints and the solution."""

    part_id: reactive[str] = reactive("", bindings=True)
    """The part on screen; the footer's keys follow it (demo, variants, critique dim)."""

    CSS_PATH = "practice.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-normal"), (110, "-wide")]
    BINDINGS = [
        Binding("escape", "leave_input", "Keys", id="practice.leave-input",
                tooltip="Leave the input so the letter keys work"),
        Binding("escape", "back", "Back", id="practice.back", tooltip="Back to the home screen"),
        Binding("ctrl+s", "submit", "Check", priority=True, id="practice.check",
                tooltip="Check the focused answer (Enter does it in one-line inputs)"),
        Binding("a", "answer", "Answer", show=False, id="practice.answer",
                tooltip="Into the first answer box waiting for an answer"),
        Binding("h", "hint", "Hint", id="practice.hint", tooltip="Reveal the next hint"),
        Binding("s", "step", "Solution", id="practice.step",
                tooltip="Reveal the next step of the worked solution"),
        Binding("c", "critique", "Critique", id="practice.critique",
                tooltip="Judge the scanned student answer"),
        Binding("d", "demo", "Demo", id="practice.demo", tooltip="Open the live demo linked to this part"),
        Binding("n", "next_part", "Next", id="practice.next", tooltip="Next part"),
        Binding("b", "prev_part", "Prev", show=False, id="practice.prev", tooltip="Previous part"),
        Binding("l", "toggle_latex", "LaTeX", show=False, id="practice.latex",
                tooltip="Show math as raw LaTeX / as Unicode"),
        Binding("p", "parts", "Parts", show=False, id="practice.parts",
                tooltip="Go to the parts list (shows it on narrow terminals)"),
        Binding("v", "variant", "Variant", id="practice.variant",
                tooltip="New numbers, same question (parts with numbers)"),
        Binding("V", "exam_numbers", "Exam numbers", show=False, id="practice.exam-numbers",
                tooltip="Back to the exam's own numbers"),
        # the same commands from inside an answer box, where letters type (the footer shows
        # these only there); none is a key a browser keeps (ctrl+n, ctrl+t, ctrl+w)
        *in_box(
            Binding("f2", "hint", "Hint", id="practice.hint.in-box"),
            Binding("ctrl+o", "step", "Solution", id="practice.step.in-box"),
            Binding("f4", "critique", "Critique", id="practice.critique.in-box"),
            Binding("f8", "demo", "Demo", id="practice.demo.in-box"),
            Binding("pagedown", "after_typing('next_part')", "Next", id="practice.next.in-box"),
            Binding("pageup", "after_typing('prev_part')", "Prev", show=False, id="practice.prev.in-box"),
            Binding("ctrl+n", "after_typing('next_part')", "Next", show=False,
                    id="practice.next.terminal", tooltip="Next part (in a terminal)"),
            Binding("ctrl+b", "after_typing('prev_part')", "Prev", show=False,
                    id="practice.prev.terminal", tooltip="Previous part (in a terminal)"),
            Binding("f9", "toggle_latex", "LaTeX", show=False, id="practice.latex.in-box"),
            Binding("ctrl+l", "parts", "Parts", show=False, id="practice.parts.in-box"),
            Binding("ctrl+g", "after_typing('variant')", "Variant", id="practice.variant.in-box"),
            Binding("ctrl+r", "after_typing('exam_numbers')", "Exam numbers", show=False,
                    id="practice.exam-numbers.in-box"),
        ),
    ]

    def __init__(self, part_id: str | None = None) -> None:
        super().__init__()
        self.start_part = part_id
        self.states: dict[str, PartState] = {}
        self.seen_problems: set[str] = set()

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, parts list | part view, footer."""
        status = self.store.part_status(self.exam.id, self.exam)
        part_id = self._opening_part(status)
        part, state, context_open = self._enter(part_id)
        yield TutorHeader()
        with Horizontal(id="practice-body"):
            yield PartsList(self.exam, status, id="parts")
            # composed with the screen, not mounted after it: the first frame is the whole screen
            yield PartView(self.exam, part, raw_latex=self.app.raw_latex, context_open=context_open,
                           hints_shown=state.hints, steps_shown=state.steps, variant=state.variant)
        yield StatusLine(id="status")
        yield TutorFooter()

    def _opening_part(self, status: dict[str, str]) -> str:
        """The requested part, else one with an answer typed but not checked, else the first
        one not yet right."""
        if self.start_part in {p.id for p in self.exam.parts}:
            return str(self.start_part)
        drafted = self.saved.drafted(self.exam)
        return drafted[0] if drafted else next(
            (p.id for p in self.exam.parts if status.get(p.id) != "right"), self.exam.parts[0].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys this part has nothing for: its demo, its variants, its scanned answer."""
        if action in ("demo", "variant", "critique") and self.part_id:
            part = self.exam.part(self.part_id)
            available = {"demo": bool(part.demo), "variant": bool(part.params),
                         "critique": part.scan is not None}[action]
            return True if available else None
        if action == "after_typing" and parameters[:1] in (("next_part",), ("prev_part",)):
            return self._in_input()   # outside a box n and b move, and page keys scroll
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        """A dimmed key (no demo, no numbers to vary, no scanned answer) says why it does
        nothing instead of nothing happening."""
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled or active.binding.action not in DIMMED_WHY:
            return
        event.stop()
        self.say(DIMMED_WHY[active.binding.action](self.exam))

    def say(self, text: str, seconds: float = 4.0) -> None:
        """A short message on the status line above the footer (it covers nothing)."""
        self.query_one(StatusLine).say(text, seconds)

    @property
    def view(self) -> PartView | None:
        """The part currently shown."""
        views = self.query(PartView)
        return views.first() if views else None

    async def on_mount(self) -> None:
        """Fill the opening part's view (composed with the screen) and focus its first box."""
        self.app.preload_engine()
        self.watch(self.app, "raw_latex", self._raw_latex_changed, init=False)
        view = self.view
        assert view is not None
        self._fill_view(view, self.part_id, self._state(self.part_id))
        fields = view.fields
        # focus now, not at the next turn, so that the first frame's footer has the box's keys
        self.set_focus(fields[0].input_widget() if fields else view)
        view.typing = self._in_input()   # the key line too (the focus event comes after that frame)
        self.query_one(TutorFooter).settle()
        self._refresh_marks()  # the ✎ of drafts from earlier sessions
        self.guard_exam_conditions()

    def on_screen_resume(self) -> None:
        """Back from critique, a demo or a mock: refresh the marks; closed while a mock runs."""
        self._refresh_marks()
        self.closed_for_mock()

    # -- moving between parts ----------------------------------------------------------
    def rendered(self, part_id: str) -> Any:
        """The part as shown: placeholders filled for its current variant (0: the exam's)."""
        state = self._state(part_id)
        part, problem = render_variant(self.exam.part(part_id), state.variant)
        if problem:
            self.notify(f"Could not fill in this part's numbers: {problem}", severity="error")
        return part

    async def show_part(self, part_id: str, *, focus_input: bool = True, keep_shown: bool = True) -> None:
        """Show a part (keeping what was typed and revealed on the one we leave, unless
        `keep_shown` is False: the fields on screen belong to numbers no longer asked)."""
        if keep_shown:
            self._save_drafts()
        part, state, context_open = self._enter(part_id)
        view = self.view
        assert view is not None
        with self.app.batch_update():  # one layout and one frame for the whole change
            # the same view shows the new part: no focus moving away and back, one layout
            await view.show(part, raw_latex=self.app.raw_latex, context_open=context_open,
                            hints_shown=state.hints, steps_shown=state.steps, variant=state.variant)
            self._fill_view(view, part_id, state)
            fields = view.fields
            if focus_input and fields:
                fields[0].focus_input()
            else:
                view.focus()

    def _enter(self, part_id: str) -> tuple[Any, PartState, bool]:
        """Make `part_id` the part on screen: the part as shown, its state, and whether its
        problem's setup opens (the first time the problem is seen)."""
        state = self._state(part_id)
        part = self.rendered(part_id)
        problem = part.problem_id
        context_open = problem not in self.seen_problems
        self.seen_problems.add(problem)
        self.part_id = part_id
        self.sub_title = f"Practice · {part_id}"
        return part, state, context_open

    def _fill_view(self, view: PartView, part_id: str, state: PartState) -> None:
        """What the learner left on the part: drafts and results, from the top."""
        self.query_one(PartsList).select_part(part_id)
        for widget in view.fields:
            if widget.field.id in state.drafts:
                widget.set_value(state.drafts[widget.field.id])
            if widget.field.id in state.results:
                result, attempt_id = state.results[widget.field.id]
                widget.show_result(result, attempt_id)
        view.scroll_home(animate=False)

    def _step(self, delta: int) -> str | None:
        ids = [p.id for p in self.exam.parts]
        i = ids.index(self.part_id) + delta
        return ids[i] if 0 <= i < len(ids) else None

    # -- actions -----------------------------------------------------------------------
    def on_descendant_focus(self) -> None:
        """The part's key line follows focus into and out of a box (Textual also runs the
        base screen's handler, which updates the footer)."""
        if self.view is not None:
            self.view.typing = self._in_input()

    def action_leave_input(self) -> None:
        """Leave the input: focus the part, where h, s, n, b… work."""
        if self.view is not None:
            self.view.focus()

    async def action_next_part(self) -> None:
        """Go to the next part (from a box, into the next part's box)."""
        target = self._step(+1)
        if target is None:
            self.say("This is the last part.", 3)
        else:
            await self.show_part(target, focus_input=self._in_input())

    async def action_prev_part(self) -> None:
        """Go to the previous part (from a box, into the previous part's box)."""
        target = self._step(-1)
        if target is None:
            self.say("This is the first part.", 3)
        else:
            await self.show_part(target, focus_input=self._in_input())

    def action_hint(self) -> None:
        """Reveal the next hint."""
        view, state = self.view, self.states[self.part_id]
        if view is None or self.closed_for_mock():
            return
        if not view.part.hints:
            self.say("This part has no hints; s shows the worked solution.")
        elif view.hints_shown < len(view.part.hints):
            view.hints_shown += 1          # the view's watcher reveals it and scrolls to it
            state.hints = view.hints_shown
        else:
            self.say("No more hints. s reveals the worked solution step by step.")

    def action_step(self) -> None:
        """Reveal the next step of the worked solution."""
        view, state = self.view, self.states[self.part_id]
        if view is None or self.closed_for_mock():
            return
        if not view.part.solution:
            self.say("This part has no worked solution.")
        elif view.steps_shown < len(view.part.solution):
            view.steps_shown += 1
            state.steps = view.steps_shown
        else:
            self.say("That was the last step of the solution.", 3)

    def action_critique(self) -> None:
        """Judge the scanned student's answer to this part."""
        part = self.exam.part(self.part_id)
        if part.scan is None:
            self.say(DIMMED_WHY["critique"](self.exam), 3)
            return
        if self.closed_for_mock():
            return
        from tutor.ui.screens.critique import CritiqueScreen

        self.app.push_screen(CritiqueScreen(part))

    def action_demo(self) -> None:
        """Open the live demo linked to this part."""
        part = self.exam.part(self.part_id)
        if not part.demo:
            self.say(DIMMED_WHY["demo"](self.exam))
            return
        self.app.open_screen("demos", part.demo)

    def action_toggle_latex(self) -> None:
        """Show math as raw LaTeX, or as Unicode again (the app's reactive; see `_raw_latex_changed`)."""
        self.app.action_toggle_latex()

    async def _raw_latex_changed(self, raw: bool) -> None:
        """Watcher of the app's `raw_latex`: draw the part again in the new notation."""
        if self.part_id:
            await self.show_part(self.part_id, focus_input=self._in_input())
        self.say("Math shown as raw LaTeX." if raw else "Math shown as Unicode.", 2)

    def action_parts(self) -> None:
        """Focus the parts list (showing it on narrow terminals)."""
        self.set_class(not self.has_class("-show-parts"), "-show-parts")
        self.query_one(PartsList).focus()

    async def action_variant(self) -> None:
        """New numbers for the same question (parts whose numbers can vary).

        Variants continue from the last one this learner saw of the part, across sessions,
        and never repeat the numbers just shown.
        """
        part = self.exam.part(self.part_id)
        if not part.params:
            await self._set_variant(1)  # explains which parts vary
            return
        from tutor.study.seen_variants import next_variant

        await self._set_variant(next_variant(self.store, self.exam.id, part, self.states[self.part_id].variant))

    async def action_exam_numbers(self) -> None:
        """Back to the exam's own numbers."""
        await self._set_variant(0)

    async def _set_variant(self, variant: int) -> None:
        """Show the part with `variant`'s numbers; focus goes back into the box only if it was
        there (a letter key pressed outside a box leaves focus outside, so V still works)."""
        if not self.exam.part(self.part_id).params:
            self.say(DIMMED_WHY["variant"](self.exam))
            return
        state = self.states[self.part_id]
        if variant == state.variant:
            return
        self.draft_saver.cancel()  # what it would save belongs to the old numbers
        state.variant, state.drafts, state.results = variant, {}, {}
        self.saved.put(self.part_id, variant, {})  # what was typed belonged to the old numbers
        await self.show_part(self.part_id, keep_shown=False, focus_input=self._in_input())
        self.say(f"Variant {variant}: new numbers, same question." if variant
                 else "The exam's own numbers.", 3)

    def action_answer(self) -> None:
        """Into the first answer box not yet answered right (else the first box)."""
        view = self.view
        if view is None or not view.fields:
            return
        results = self.states[self.part_id].results
        waiting = [w for w in view.fields if w.field.id not in results
                   or results[w.field.id][0].verdict != "correct"]
        (waiting or view.fields)[0].focus_input()

    def action_after_typing(self, action: str) -> None:
        """A command key pressed inside a box: run it once the keys before it have landed."""
        self.after_typing(self.run_action, action)

    def action_submit(self) -> None:
        """ctrl+s: check the focused field (exactly what it holds when the key arrived), grade
        yourself in a rubric, or check every answered field of the part."""
        self.after_typing(self._submit_focused)

    def _submit_focused(self) -> None:
        view = self.view
        if view is None:
            return
        node: DOMNode | None = self.focused
        while node is not None and not isinstance(node, FieldWidget | SelfGrade):
            node = node.parent
        if isinstance(node, SelfGrade):
            node.action_confirm()
            return
        if isinstance(node, FieldWidget):
            node.submit()
            return
        answered = [w for w in view.fields if w.value().strip()]
        if not answered:
            self.say("Type or pick an answer first.", 3)
        for widget in answered:
            widget.submit()

    @on(PartsList.PartChosen)
    async def _part_chosen(self, event: PartsList.PartChosen) -> None:
        self.remove_class("-show-parts")
        await self.show_part(event.part_id)
