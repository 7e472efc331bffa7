"""Mock results you can learn from: per part your answer, the reference, the verdict with the
anticipated-mistake feedback, the worked solution on request; written parts wait for you."""

from __future__ import annotations

from textual.widgets import Collapsible

from tests.ui.ui_pilot import until
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.screens.mock_results import MockResultsScreen
from tutor.ui.widgets.rubric import RubricPanel


def _text(widget) -> str:
    return "\n".join(str(w.render()) for w in widget.query("Static"))


async def _results(pilot, app):
    await until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results", tries=50, step=0.1)
    await until(pilot, lambda: bool(app.screen.query("#result-4b")), "the parts", tries=50, step=0.1)
    await pilot.pause()


async def test_each_part_shows_answer_reference_feedback_and_solution_on_request(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "4b.loss", "ln(0.4)")
    store.save_answer(session.id, "1a.explain", "Classification predicts a discrete label.")
    clock.advance(hours=2)
    app = make_app([exam], store, ("mock", None))
    async with app.run_test(size=(80, 24)) as pilot:
        await _results(pilot, app)
        wrong = app.screen.query_one("#result-4b")
        shown = _text(wrong)
        graded = store.mock_grade(session.id).field("4b.loss")
        assert graded.mistake and graded.feedback               # the anticipated sign slip
        assert "Your answer  ln(0.4)" in shown and "Reference    −ln(0.4) = 0.916291" in shown
        assert "wrong" in shown.splitlines()[0]
        feedback = " ".join(str(w.render()) for w in wrong.query(".field-feedback"))
        assert feedback.split()[:3] == graded.feedback[0].split()[:3]
        solution = wrong.query_one(Collapsible)
        assert solution.collapsed                          # on request only
        solution.collapsed = False
        await pilot.pause()
        assert not solution.collapsed
        blank = _text(app.screen.query_one("#result-4a"))
        assert "(left blank)" in blank and "−ln(0.3) = 1.20397" in blank
        written = app.screen.query_one("#result-1a")
        assert "to grade yourself" in _text(written)        # pending until self-graded
        assert written.query_one(".self-grade-slot").query(RubricPanel)
