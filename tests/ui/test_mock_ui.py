"""The mock midterm in the TUI, driven by Pilot with an injected clock (time jumps, no sleeps)."""

from __future__ import annotations

import functools
from datetime import timedelta

from tests.study.test_mock_clock import Elapsed
from tests.ui.ui_pilot import settle, until
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.clock import countdown
from tutor.ui.mock_runner import TICK_S, runner_for
from tutor.ui.screens.mock import MockScreen
from tutor.ui.screens.mock_results import MockResultsScreen
from tutor.ui.screens.mock_submit import SubmitModal

# wait in half-ticks of the countdown (which ticks every TICK_S)
_until = functools.partial(until, tries=int(5 / TICK_S), step=TICK_S / 2)


async def _settle(pilot) -> None:
    """Let a newly shown screen finish mounting before the test ends the app."""
    await pilot.pause()
    await pilot.pause()


def test_countdown_format_and_warning_levels():
    from tutor.ui.clock import level

    assert countdown(110 * 60) == "110:00" and countdown(61.2) == "1:02" and countdown(0) == "0:00"
    assert countdown(-5) == "0:00" and countdown(0.4) == "0:01"
    assert (level(601), level(600), level(121), level(120)) == ("", "-warn", "-warn", "-urgent")


async def test_whole_mock_autosubmits_once_from_inside_the_submit_modal(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 0.05))  # 3 seconds
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MockScreen)
        await pilot.press("enter")                                     # Start
        await pilot.pause()
        await pilot.press(*"Discrete vs continuous.")                  # 1a (text)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("down", "enter")                              # 1b: GD
        await pilot.press("ctrl+l", *["down"] * 9, "enter")              # parts list: 4a
        await pilot.pause()
        assert app.screen.part_id == "4a"
        await pilot.press(*"-ln(0.3)", "enter")                         # right; Enter moves on
        await pilot.pause()
        assert app.screen.part_id == "4b"
        await pilot.press(*"ln(0.4)")                                   # the sign slip
        await pilot.press("ctrl+f")                                     # flag 4b
        await pilot.press("ctrl+s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SubmitModal)
        assert modal.flagged == ["4b"] and "4a" not in modal.unanswered and "1c" in modal.unanswered
        assert "0:03" in str(modal.query_one("#submit-clock").render())

        clock.advance(seconds=4)                                        # past the deadline
        await _until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results")
        runner_gone = runner_for(app) is None

        mocks = store.mocks(exam.id)
        assert len(mocks) == 1 and mocks[0].submit_reason == "timeout" and runner_gone
        grade = store.mock_grade(mocks[0].id)
        answered = {f.field_id: (f.verdict, f.score) for f in grade.fields if f.verdict != "blank"}
        assert answered == {"1a.explain": ("self-grade", 0.0), "1b.more_accurate": ("correct", 2.0),
                            "4a.loss": ("correct", 3.0), "4b.loss": ("incorrect", 0.0)}
        assert (grade.score, grade.bonus, grade.time_used_s) == (5.0, 0.0, 3.0)
        problems = {p.problem_id: p.score for p in grade.problems}
        assert problems == {"1": 2.0, "2": 0.0, "3": 0.0, "4": 3.0, "5": 0.0}
        assert store.mock_flags(mocks[0].id) == {"4b"}

        # a late second trigger changes nothing
        assert store.finish_mock(exam, mocks[0].id, lambda f, r: None, "timeout").submitted_now is False
        assert len(store.mocks(exam.id)) == 1
        assert sorted(a.field_id for a in store.attempts(exam.id) if a.verdict != "blank") == [
            "1a.explain", "1b.more_accurate", "4a.loss", "4b.loss"]
        from tutor.model.printed import printed_exam

        # each field of the exam as printed once, blanks too (no tutor's additions)
        assert len(store.attempts(exam.id)) == len(printed_exam(exam).field_ids())

        # self-grade the written answer: the total follows
        await _until(pilot, lambda: bool(app.screen.query("#grade-explain")), "the rubric")
        app.screen.query_one("#grade-explain").focus()
        await pilot.press("enter")                                      # "Grade myself"
        await pilot.pause()
        graded = store.mock_grade(mocks[0].id)
        assert not graded.pending and graded.field("1a.explain").self_graded
        assert graded.score == 5.0 + graded.field("1a.explain").score
        assert store.get_mock(mocks[0].id).score == graded.score


async def test_relaunch_resumes_with_the_time_really_left(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "4a.loss", "-ln(0.3)")
    store.close()                       # power lost at minute 40
    clock.advance(minutes=40)
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", None))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen) and screen.runner.session.id == session.id
        assert str(screen.query_one("#mock-clock").render()) == "⏱ 70:00 left"
        assert screen.part_id == "1a"   # the first part still without an answer
        await screen.show_part("4a")
        assert screen.query_one("#input-loss").value == "-ln(0.3)"
        clock.advance(minutes=61)       # 9 minutes left: the warning style
        await _until(pilot, lambda: screen.query_one("#mock-clock").has_class("-warn"), "the warning")
        clock.advance(minutes=8)
        await _until(pilot, lambda: screen.query_one("#mock-clock").has_class("-urgent"), "the urgent style")


async def test_plain_launch_goes_back_to_an_open_mock(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 110)
    store.close()                       # the terminal closed mid-mock
    clock.advance(minutes=25)
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=None)    # plain `tutor`
    async with app.run_test(size=(100, 32)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MockScreen), "the mock")
        await pilot.pause()
        assert app.screen.runner.session.id == session.id
        assert str(app.screen.query_one("#mock-clock").render()) == "⏱ 85:00 left"


async def test_deadline_passed_while_closed_shows_results_of_the_saved_answers(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "4a.loss", "-ln(0.3)")
    clock.advance(days=1)
    app = make_app([exam], store=store, start=("mock", None))
    async with app.run_test(size=(100, 32)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results")
        await _settle(pilot)
        submitted = store.get_mock(session.id)
        assert submitted.submit_reason == "expired" and submitted.score == 3.0
        assert submitted.time_used_s == 110 * 60


async def test_autosubmit_reaches_the_learner_on_another_screen(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 1))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press(*"Classification is discrete.")
        await pilot.pause()                            # let the keys land
        await pilot.press("escape", "escape")          # leave the input, then ask to go home
        await pilot.pause()
        assert type(app.screen).__name__ == "LeaveModal"
        await pilot.press("y")                         # leave: the clock keeps running
        await pilot.pause()
        assert not isinstance(app.screen, MockScreen)
        clock.advance(minutes=1, seconds=1)
        await _until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results")
        await _settle(pilot)
        mock = store.mocks(exam.id)[0]
        assert mock.submit_reason == "timeout"
        assert store.mock_answers(mock.id)["1a.explain"] == "Classification is discrete."
        assert mock.time_used_s == timedelta(minutes=1).total_seconds()


def test_autosave_is_debounced_until_typing_pauses():
    from tutor.ui.screens.mock_answers import AnswerBook

    now = [0.0]
    writes = []
    book = AnswerBook(lambda fid, raw: writes.append((fid, raw)), {"4a.loss": "-ln(0.3)"},
                      debounce_s=0.8, clock=lambda: now[0])
    assert book.note("4b.loss", "-l") is True          # blank -> answered
    now[0] = 0.3
    book.note("4b.loss", "-ln(0.4)")
    now[0] = 0.9
    assert book.save(settled_only=True) == []         # still typing 0.6 s ago
    now[0] = 1.2
    assert book.save(settled_only=True) == ["4b.loss"]
    assert writes == [("4b.loss", "-ln(0.4)")]         # one write for the whole burst
    book.note("4a.loss", "-ln(0.3) ")
    assert book.save(settled_only=False) == ["4a.loss"]  # leaving the part saves at once
    assert book.save(settled_only=False) == []


async def test_in_the_app_a_clock_jump_is_ignored_and_a_suspend_submits_once(tmp_path, clock, exam):
    elapsed = Elapsed()
    store = open_store(tmp_path, clock=clock, exams=[exam], elapsed=elapsed)
    app = make_app([exam], store=store, start=("mock", 10))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")                                       # Start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen)
        await _until(pilot, lambda: str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left", "10:00")
        runner = runner_for(app)
        ticks: list[float] = []
        runner.listeners.append(ticks.append)                            # every tick of the clock

        async def three_ticks() -> None:
            seen = len(ticks)
            await _until(pilot, lambda: len(ticks) >= seen + 3, "three ticks")
            await pilot.pause()

        clock.advance(minutes=-30)                                       # wall clock set back
        await three_ticks()
        assert str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left"
        clock.advance(minutes=45)                                        # and 5 minutes past the deadline
        await three_ticks()
        assert str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left"
        assert store.mocks(exam.id) == [] and runner_for(app) is not None
        elapsed.seconds += 90
        await _until(pilot, lambda: str(screen.query_one("#mock-clock").render()) == "⏱ 8:30 left", "8:30")
        elapsed.seconds += 3 * 3600                                      # the laptop slept for three hours
        await _until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results")
        for _ in range(3):                                               # more ticks: still one submission
            runner.tick()
        assert not runner.submit("timeout")
        await settle(pilot)
        mocks = store.mocks(exam.id)
        assert len(mocks) == 1 and mocks[0].submit_reason == "timeout"
        assert mocks[0].time_used_s == 600
        assert store.active_mock(exam.id) is None


async def test_the_mock_screen_shows_no_companion_fields(tmp_path, exam):
    from tutor.ui.app import make_app

    store = open_store(tmp_path, exams=[exam])
    store.start_mock(exam.id, 110)
    app = make_app([exam], store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.part_id                         # the running mock opens at start-up
        await app.screen.show_part("1c")
        await pilot.pause()
        ids = [w.field.id for w in app.screen.query("FieldWidget")]
        assert ids == ["explain"]
        assert "7 pts" in str(app.screen.query_one("#mock-part-title").render())
    store.close()
