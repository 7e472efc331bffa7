"""Review in the TUI: a wrong practice answer brings its concepts back; rating reschedules."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.ui_pilot import until
from tutor.study import Attempt, open_store
from tutor.ui.app import make_app
from tutor.ui.screens.review import ReviewScreen


async def test_wrong_practice_answer_comes_back_in_review_and_rating_moves_it(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"ln(0.3)", "enter")                      # the sign slip, in practice
        await until(pilot, lambda: store.attempt_count(exam.id) == 1, "the attempt")
        assert [c.concept for c in store.due_concepts(exam.id)] == list(exam.part("4a").concepts)

        clock.advance(days=1)                                        # the next day
        await pilot.press("escape", "escape")                        # home
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.stage == "question",
                    "the review screen")
        screen = app.screen                                          # the question comes first
        concept = screen.concept
        assert concept == "cross-entropy"
        assert exam.concepts[concept].title in str(screen.query_one("#review-title").render())
        assert not screen.query("#review-summary")                   # the idea waits for the answer
        assert screen.part.id == "4a"                                # the miss itself is asked again
        # review asks with fresh numbers, not the exam's own (-ln 0.3)
        from tutor.engine import render_part

        assert screen.variant > 0
        assert screen.part.prompt != render_part(exam.part("4a"), 0).prompt
        assert "fresh numbers" in str(screen.query_one("#review-part-title").render())
        right = screen.part.field("loss").answer
        assert right != "-ln(0.3)"
        await pilot.press(*right, "ctrl+s")                          # ctrl+s checks here too
        await until(pilot, lambda: bool(screen.results), "the check")
        last = store.attempts(exam.id)[-1]
        assert (last.mode, last.verdict, last.variant) == ("review", "correct", screen.variant)
        assert store.get_setting(f"variants:{exam.id}")["4a"] == screen.variant  # the next review moves on
        await pilot.press("ctrl+r")                                  # to the rating
        await pilot.pause()
        assert screen.stage == "rating"
        assert screen.query("#review-summary")                       # now the idea is shown
        before = store.concept_cards(exam.id)[concept].due
        assert app.focused.id == "rate-3" and app.focused.has_class("-suggested")   # Good, preselected
        await pilot.press("3")
        await pilot.pause()
        after = store.concept_cards(exam.id)[concept]
        assert after.due >= clock() + timedelta(days=1) and after.due > before
        assert "next review" in str(screen.query_one("#review-title").render())
        assert concept not in [c.concept for c in store.due_concepts(exam.id)]
        await pilot.pause()


async def test_nothing_due_says_when_and_offers_the_weakest(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    part = exam.part("4a")
    store.record_attempt(Attempt(exam.id, part.id, "loss", "-ln(0.3)", "correct", 3, 3))
    app = make_app([exam], store=store, start=("review",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.stage == "idle"
        title = str(screen.query_one("#review-title").render())
        assert title.startswith("Nothing is due. Next review: ") and "in 2 days" in title
        weakest = screen.query_one("#review-weakest")
        assert weakest.option_count == 5
        await pilot.press("enter")                                   # review the weakest now
        await pilot.pause()
        assert screen.stage == "question" and screen.concept == weakest.get_option_at_index(0).id
        await pilot.pause()


async def test_feedback_is_styled_when_review_is_the_first_screen_opened(tmp_path, clock, exam):
    """Verdict panels take their border and margin from the widget itself, not from the
    practice screen's stylesheet (which review never loads when it is opened first)."""
    from textual.color import Color

    from tutor.ui.widgets.feedback import FeedbackPanel

    store = open_store(tmp_path, clock=clock, exams=[exam])
    part = exam.part("4a")
    store.record_attempt(Attempt(exam.id, part.id, "loss", "ln(0.3)", "incorrect", 0, 3))
    clock.advance(days=1)
    app = make_app([exam], store=store, start=("review",))
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.stage == "question",
                    "the review screen")                             # the question comes first
        screen = app.screen
        await pilot.press(*"2", "enter")                             # a wrong answer
        await until(pilot, lambda: bool(screen.results), "the check")
        await pilot.pause()
        panel = screen.query_one(FeedbackPanel)
        assert panel.display and panel.has_class("-incorrect")
        edge, color = panel.styles.border_left
        assert edge == "outer" and color == Color.parse(app.get_css_variables()["error"])
        assert panel.styles.margin.top == 1 and panel.styles.padding.left == 1
