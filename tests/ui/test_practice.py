"""Pilot tests of the practice flows on the real exam, the real engine and a real store."""

from __future__ import annotations

import threading

from textual.widgets import Input, TextArea

from tests.ui.ui_pilot import footer_keys, settle, type_text, until
from tutor.mathtext import render_text, unwrap
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.feedback import PENDING_AFTER_S, FeedbackPanel
from tutor.ui.widgets.part_view import PartView
from tutor.ui.widgets.parts_list import PartsList
from tutor.ui.widgets.reveal import RevealPanel
from tutor.ui.widgets.rubric import RubricPanel


def _text(widget) -> str:
    """What a Static-like widget currently shows, as plain text."""
    return str(widget.render())


def _shown(exam, part_id: str):
    """The part as the learner sees it: the exam's own numbers filled in."""
    from tutor.engine.variants import render_part

    return render_part(exam.part(part_id), 0)


def _feedback(app, field_id: str) -> FeedbackPanel:
    return app.screen.query_one(f"#feedback-{field_id}", FeedbackPanel)


async def _check_4a(pilot) -> None:
    """On 4a: type the right answer and press Enter."""
    await settle(pilot)
    await type_text(pilot, "-ln(0.3)")
    await pilot.press("enter")


async def test_4a_typed_answer_is_marked_correct_and_recorded(app_for, store, exam):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.part_id == "4a"
        assert isinstance(app.focused, Input)          # ready to type straight away
        await type_text(pilot, "-ln(0.3)")
        await settle(pilot)
        preview = app.screen.query_one("#preview-loss")
        assert "1.20397" in _text(preview)             # live "interpreted as" while typing
        await pilot.press("enter")
        await settle(pilot)
        panel = _feedback(app, "loss")
        assert panel.verdict == "correct"
        shown = _text(panel)
        assert "✓ Correct" in shown and "3/3 points" in shown
        marks = app.screen.query_one(PartsList).status
        assert marks["4a"] == "right"
    attempts = store.attempts(exam.id)
    assert [(a.part_id, a.full_field_id, a.raw, a.verdict, a.mode) for a in attempts] == [
        ("4a", "4a.loss", "-ln(0.3)", "correct", "practice")]


async def test_wrong_answer_shows_its_specific_feedback(app_for, exam):
    sign = next(m for m in _shown(exam, "4a").field("loss").mistakes if m.id == "sign")
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
        panel = _feedback(app, "loss")
        assert panel.verdict == "incorrect"
        shown = " ".join(_text(panel).split())
        assert "✗ Not right" in shown and "0/3 points" in shown
        assert " ".join(render_text(sign.feedback).split())[:60] in shown
        assert isinstance(app.focused, Input)          # stays in the input to try again


async def test_invalid_input_is_shown_inline_and_not_counted(app_for, store, exam):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "-ln(0.3")
        await pilot.press("enter")
        await settle(pilot)
        panel = _feedback(app, "loss")
        assert panel.verdict == "invalid"
        assert "Could not read that" in _text(panel)
        assert app.screen.query_one(PartsList).status["4a"] == "new"
    assert store.attempts(exam.id) == []


async def test_attempt_is_recorded_before_feedback_is_shown(app_for, exam, store):
    seen: list[str | None] = []
    record = store.record_attempt

    def spy(attempt, **kwargs):
        seen.append(app.screen.query_one("#feedback-loss", FeedbackPanel).verdict)
        return record(attempt, **kwargs)

    store.record_attempt = spy
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await _check_4a(pilot)
        await settle(pilot)
        assert _feedback(app, "loss").verdict == "correct"
    assert seen == [None]                             # recorded before any verdict showed


async def test_a_quick_check_shows_its_result_without_checking_first(app_for, monkeypatch):
    shown: list[str] = []
    message = FeedbackPanel.show_message
    monkeypatch.setattr(FeedbackPanel, "show_message",
                        lambda self, verdict, text: (shown.append(verdict), message(self, verdict, text)))
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await _check_4a(pilot)
        await settle(pilot)
        await pilot.pause(PENDING_AFTER_S + 0.2)       # past the moment "checking…" would show
        assert _feedback(app, "loss").verdict == "correct"
    assert shown == []                                # one redraw: straight to the verdict


async def test_a_slow_check_says_checking_until_its_result(app_for, store):
    release = threading.Event()
    record = store.record_attempt

    def slow(attempt, **kwargs):
        release.wait(5)
        return record(attempt, **kwargs)

    store.record_attempt = slow
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await _check_4a(pilot)
        for _ in range(60):    # the check is held in its worker: wait on the clock, not on workers
            if _feedback(app, "loss").verdict == "pending":
                break
            await pilot.pause(0.05)
        assert "checking…" in _text(_feedback(app, "loss"))
        release.set()
        await until(pilot, lambda: _feedback(app, "loss").verdict == "correct", "the verdict shows")
        await pilot.pause(PENDING_AFTER_S + 0.1)
        assert _feedback(app, "loss").verdict == "correct"   # nothing late covers the verdict


async def test_hints_and_solution_steps_are_revealed_one_by_one(app_for, exam, store):
    part = _shown(exam, "4a")
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("h")                         # typed into the input, not a hint
        assert app.screen.query_one(Input).value == "h"
        await pilot.press("backspace", "escape")       # leave the input: keys work now
        hints = app.screen.query_one("#hints", RevealPanel)
        solution = app.screen.query_one("#solution", RevealPanel)
        assert (hints.shown, solution.shown) == (0, 0)
        for n in range(1, len(part.hints) + 1):
            await pilot.press("h")
            assert hints.shown == n
            shown = _text(hints)
            assert f"Hint {n} of {len(part.hints)}" in shown
            assert render_text(part.hints[n - 1])[:30] in " ".join(shown.split())
            if n < len(part.hints):
                assert render_text(part.hints[n])[:30] not in " ".join(shown.split())
        await pilot.press("h")                         # no more: stays at the last one
        assert hints.shown == len(part.hints)
        await pilot.press("s")
        assert solution.shown == 1 and "step 1 of" in _text(solution)
        await pilot.press("s")
        assert solution.shown == 2
        # the hints used and the solution seen are recorded with the next answer
        await pilot.press("tab")
        app.screen.query_one(Input).focus()
        await type_text(pilot, "-ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
    (attempt,) = store.attempts(exam.id)
    assert attempt.hints_used == len(part.hints) and attempt.solution_seen


async def test_critique_flow_shows_scan_then_verdict_and_records_it(app_for, exam, store):
    from tutor.ui.screens.critique import CritiqueScreen

    part = exam.part("4a")
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CritiqueScreen)
        scan = app.screen.query_one("#scan-answer")
        assert part.scan.answer[:20] in _text(scan)
        verdict = app.screen.query_one("#critique-verdict")
        assert _text(verdict) == ""                    # nothing revealed before judging
        await pilot.press("3")                         # "wrong" (the grader says correct)
        await pilot.pause()
        shown = " ".join(_text(verdict).split())
        assert "The grader sees it differently" in shown
        assert "You said: wrong. The grader's verdict: correct." in shown
        assert part.scan.why[:40] in shown
        await pilot.press("1")                         # judging twice is not possible
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
    (attempt,) = store.attempts(exam.id)
    assert (attempt.mode, attempt.raw, attempt.verdict) == ("critique", "wrong", "incorrect")


async def test_palette_go_to_part_2b_from_home(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "go to part 2b")
        await settle(pilot)                             # the palette's search is a worker
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.part_id == "2b"
        assert app.screen.query_one(PartView).part.id == "2b"
        # and again from inside practice: moves in place, no new screen
        depth = len(app.screen_stack)
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "go to part 4a")
        await settle(pilot)                             # the palette's search is a worker
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.part_id == "4a" and len(app.screen_stack) == depth


async def test_formula_answer_to_2b_dW(app_for, store, exam):
    app = app_for(start=("practice", "2b"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#input-dW", Input)
        await type_text(pilot, "((f - y) * where(g > 0, 1, alpha)) @ x.T")
        await pilot.press("enter")
        await settle(pilot)
        panel = _feedback(app, "dW")
        assert panel.verdict == "correct", _text(panel)
        # focus moves on to the next field of the part
        assert app.focused is app.screen.query_one("#input-db", Input)
        # a known mistake on the same field gets its own explanation
        app.screen.query_one("#input-dW", Input).value = "(f - y) @ x.T"
        app.screen.query_one("#input-dW", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert panel.verdict == "incorrect"
        assert "leaky-ReLU" in _text(panel)
    verdicts = [(a.full_field_id, a.verdict) for a in store.attempts(exam.id)]
    assert verdicts == [("2b.dW", "correct"), ("2b.dW", "incorrect")]


async def test_text_answer_to_1a_shows_rubric_and_self_grades(app_for, store, exam):
    field = exam.field("1a.explain")
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        area = app.screen.query_one(TextArea)
        assert app.focused is area
        await type_text(pilot, "Classification predicts a discrete class label. "
                               "Regression predicts a continuous number.")
        await settle(pilot)
        assert "2 sentences" in _text(app.screen.query_one("#counter-explain"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        panel = _feedback(app, "explain")
        assert panel.verdict == "self-grade"
        rubric = app.screen.query_one(RubricPanel)
        assert app.focused is rubric                               # the checklist has the keys
        ideas = [_text(w) for w in rubric.query(".sg-idea")]
        assert [i[:4] for i in ideas] == ["[✓] ", "[✓] ", "[ ] "]   # pre-ticked from evidence
        for item, shown in zip(field.rubric, ideas):
            assert render_text(item.idea)[:30] in unwrap(shown)
        evidence = [_text(w) for w in rubric.query(".sg-evidence")]
        assert evidence[0].startswith("found: “classification predicts a discrete")
        assert evidence[2] == "not found in your answer"
        assert "Model answer" in _text(rubric.query_one(".sg-model"))
        assert rubric.ticked() == ("discrete", "continuous")
        await pilot.press("1")                                      # untick: really made?
        await pilot.press("3")
        assert rubric.ticked() == ("continuous", "output-loss")
        await pilot.press("enter")
        await settle(pilot)
        assert panel.verdict == "partial"
        assert "you gave yourself 3.5/5 points" in _text(panel)
        assert app.screen.query_one(PartsList).status["1a"] == "partial"
    (attempt,) = store.attempts(exam.id)
    assert (attempt.verdict, attempt.score, attempt.self_graded) == ("partial", 3.5, True)


async def test_choice_field_with_radio_buttons(app_for, store, exam):
    app = app_for(start=("practice", "1b"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")             # move to GD and press it
        await pilot.press("ctrl+s")
        await settle(pilot)
        panel = _feedback(app, "more_accurate")
        assert panel.verdict == "correct", _text(panel)
        assert render_text(exam.field("1b.more_accurate").option_feedback["GD"])[:30] in \
            " ".join(_text(panel).split())


async def test_next_previous_latex_toggle_demo_and_variant_keys(app_for, exam):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "0.5")                  # a draft survives moving away
        await pilot.press("escape", "n")
        await settle(pilot)
        assert app.screen.part_id == "4b"
        await pilot.press("b")
        await settle(pilot)
        assert app.screen.part_id == "4a"
        assert app.screen.query_one(Input).value == "0.5"
        prompt = app.screen.query_one("#prompt")
        assert "(0.25, 0.25, 0.3, 0.2)ᵀ" in _text(prompt)
        await pilot.press("l")
        await settle(pilot)
        assert "\\hat{y}" in _text(app.screen.query_one("#prompt"))
        await pilot.press("l")
        await settle(pilot)
        assert "(0.25, 0.25, 0.3, 0.2)ᵀ" in _text(app.screen.query_one("#prompt"))
        await pilot.press("d")
        await until(pilot, lambda: type(app.screen).__name__ == "DemosScreen", "the demo screen")
        await until(pilot, lambda: app.screen.demo is not None, "the demo")
        assert app.screen.demo.name == exam.part("4a").demo
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice again")
        await pilot.press("escape")                    # and back home
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "home")


async def test_unwrapped_prompt_reads_as_paragraphs(app_for, exam):
    app = app_for(start=("practice", "2b"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompt = _text(app.screen.query_one("#prompt"))
        assert prompt == render_text(unwrap(_shown(exam, "2b").prompt))
        assert "∂ℒ/∂𝐖ₖ" in prompt


async def test_v_gives_new_numbers_and_checks_against_them(app_for, exam, store):
    from tutor.engine.variants import render_part

    variant_one = render_part(exam.part("4a"), 1)
    exam_prompt = render_text(unwrap(render_part(exam.part("4a"), 0).prompt))
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert _text(app.screen.query_one("#prompt")) == exam_prompt   # placeholders filled
        await pilot.press("escape", "v")
        await settle(pilot)
        assert "variant 1" in _text(app.screen.query_one("#part-title"))
        assert _text(app.screen.query_one("#prompt")) == render_text(unwrap(variant_one.prompt))
        assert _text(app.screen.query_one("#prompt")) != exam_prompt
        await pilot.press("a")                          # v left focus outside the box; a enters it
        await type_text(pilot, str(variant_one.fields[0].answer))
        await pilot.press("enter")
        await settle(pilot)
        assert _feedback(app, "loss").verdict == "correct"
        await pilot.press("ctrl+r")                       # back to the exam's numbers (from the box)
        await settle(pilot)
        assert _text(app.screen.query_one("#prompt")) == exam_prompt
        assert "variant" not in _text(app.screen.query_one("#part-title"))
        assert [a.variant for a in store.attempts(exam.id)] == [1]    # the attempt knows its numbers
        await pilot.press("escape", "v")                  # variants go on: never variant 1 again
        await settle(pilot)
        assert "variant 2" in _text(app.screen.query_one("#part-title"))
        assert app.store.get_setting(f"variants:{exam.id}")["4a"] == 2
        plain = next(p.id for p in exam.parts if not p.params)
        await app.screen.show_part(plain, focus_input=False)
        await settle(pilot)
        assert not footer_keys(app)["variant"].enabled      # nothing to vary here: the key is dimmed
        await pilot.press("v")
        await settle(pilot)
        assert "variant" not in _text(app.screen.query_one("#part-title"))
    assert [a.verdict for a in store.attempts(exam.id)] == ["correct"]


async def test_the_critique_verdict_scrolls_into_view_on_a_small_terminal(app_for):
    app = app_for(start=("practice", "4d"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        body, verdict = app.screen.query_one("#critique-body"), app.screen.query_one("#critique-verdict")
        await pilot.press("2")
        await settle(pilot)
        assert verdict.region.height > 3
        assert body.region.contains_region(verdict.region.intersection(body.region))
        assert verdict.region.y >= body.region.y and verdict.region.y < body.region.bottom  # its top is shown
        assert body.scroll_y > 0                           # it had to scroll to get there


async def test_the_tutors_added_fields_say_so(app_for):
    app = app_for(start=("practice", "1c"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        labels = {w.parent.id: _text(w) for w in app.screen.query(".field-label")}
        assert "the tutor's addition" in labels["field-shrink"] and "the tutor's addition" in labels["field-ratio"]
        assert "the tutor's addition" not in labels["field-explain"]


async def test_critique_of_an_unreadable_scan_offers_cannot_be_assessed_and_records_nothing(app_for, exam, store):
    from tutor.ui.screens.critique import CritiqueScreen

    app = app_for(start=("practice", "2a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CritiqueScreen)
        assert "Can't assess" in str(app.screen.query_one("#judge-unassessable").label)
        await pilot.press("4")
        await pilot.pause()
        shown = " ".join(_text(app.screen.query_one("#critique-verdict")).split())
        assert "Right: this scan cannot be assessed" in shown and "sees it differently" not in shown
        await pilot.press("escape")
    assert store.attempts(exam.id) == []
    app = app_for(start=("practice", "2b"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        await pilot.press("3")                          # "wrong": no disagreement either
        await pilot.pause()
        shown = " ".join(_text(app.screen.query_one("#critique-verdict")).split())
        assert "cannot be assessed" in shown and "sees it differently" not in shown
    assert store.attempts(exam.id) == []


async def test_critique_of_a_readable_scan_has_no_fourth_judgement(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert not app.screen.query("#judge-unassessable")
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.judgement is None


async def test_the_fourth_judgement_fits_at_60_columns(app_for):
    app = app_for(start=("practice", "2a"))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        button = app.screen.query_one("#judge-unassessable")
        assert button.region.width > 0 and button.region.right <= 60
