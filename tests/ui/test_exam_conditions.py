"""Exam conditions: while a mock of the exam runs (here or in another terminal on the same
data), practice, review, critique, hints, solutions and `tutor answer` give nothing away."""

from __future__ import annotations

import json

from tests.ui.ui_pilot import settle, type_text, until
from tutor.study import open_store
from tutor.ui.screens.exam_closed import ExamClosedScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.review import ReviewScreen


def _text(widget) -> str:
    return str(widget.render())


def _screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_practice_opened_during_another_terminals_mock_shows_nothing_of_the_exam(exam, tmp_path):
    other = open_store(tmp_path / "data", exams=[exam])     # the terminal sitting the mock
    session = other.start_mock(exam.id, 30)
    app_store = open_store(tmp_path / "data", exams=[exam])
    from tutor.ui.app import make_app

    app = make_app([exam], app_store, ("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ExamClosedScreen)
        assert not app.query(PracticeScreen) and not any(isinstance(s, PracticeScreen) for s in app.screen_stack)
        shown = _screen_text(app)
        assert "Mock running — 30:00 left" in shown or "Mock running — 29:59 left" in shown
        await pilot.press("h", "s", "c")                   # no hint, solution or critique
        await settle(pilot)
        assert isinstance(app.screen, ExamClosedScreen)
        other.finish_mock(exam, session.id)                 # submitted in the other terminal
        await until(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice to reopen")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen) and app.screen.part_id == "4a"
    other.close()
    app_store.close()


async def test_a_mock_started_elsewhere_closes_open_practice_and_its_checks(exam, tmp_path):
    from tutor.ui.app import make_app

    app_store = open_store(tmp_path / "data", exams=[exam])
    app = make_app([exam], app_store, ("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        other = open_store(tmp_path / "data", exams=[exam])
        other.start_mock(exam.id, 30)
        practice = app.screen
        await type_text(pilot, "-ln(0.3)")
        await pilot.press("enter")                          # checked before the poll notices
        await settle(pilot)
        assert isinstance(app.screen, ExamClosedScreen)
        assert practice.query_one("#feedback-loss").verdict != "correct"
        assert app_store.attempts(exam.id) == []            # nothing checked, nothing recorded
        other.close()
    app_store.close()


async def test_review_is_closed_and_home_shows_the_time_left(exam, tmp_path):
    from tutor.ui.app import make_app

    store = open_store(tmp_path / "data", exams=[exam])
    store.start_mock(exam.id, 2)
    app = make_app([exam], store, ("home",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Mock running — 2:00 left" in _text(app.screen.query_one("#summary")) or \
            "Mock running — 1:59 left" in _text(app.screen.query_one("#summary"))
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ExamClosedScreen)
        assert not any(isinstance(s, ReviewScreen) for s in app.screen_stack)
        await pilot.press("m")                              # back to the mock
        await settle(pilot)
        assert type(app.screen).__name__ == "MockScreen"
    store.close()


async def test_escape_in_a_mock_asks_before_leaving(exam, tmp_path):
    from tutor.ui.app import make_app
    from tutor.ui.screens.mock import MockScreen

    store = open_store(tmp_path / "data", exams=[exam])
    app = make_app([exam], store, ("mock", 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")                          # start
        await settle(pilot)
        await pilot.press("escape", "escape")               # leave the input; then asks
        await settle(pilot)
        assert type(app.screen).__name__ == "LeaveModal"
        assert "clock keeps running" in _screen_text(app)
        await pilot.press("n")                              # stay
        await settle(pilot)
        assert isinstance(app.screen, MockScreen) and app.screen.runner.state == "running"
    store.close()


def test_tutor_answer_in_another_terminal_gives_no_verdict(run_tutor, tmp_path, exam):
    data = tmp_path / "data"
    store = open_store(data, exams=[exam])
    store.start_mock(exam.id, 30)
    store.close()
    out = run_tutor("answer", "4a", "-ln(0.3)", "--json", data_dir=data)
    assert out.returncode == 2
    reply = json.loads(out.stdout)
    assert reply["verdict"] == "closed" and "score" not in reply and "feedback" not in reply
    assert "mock" in out.stderr and "running" in out.stderr
    fresh = run_tutor("answer", "4a", "-ln(0.3)", data_dir=tmp_path / "elsewhere")
    assert fresh.returncode == 0 and not (tmp_path / "elsewhere").exists()
