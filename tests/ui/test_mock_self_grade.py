"""The mock's results: written parts show as pending until graded with the same checklist."""

from __future__ import annotations

from tests.ui.ui_pilot import until
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.screens.mock_results import MockResultsScreen
from tutor.ui.widgets.self_grade import SelfGrade

SIZE = (80, 24)


def _text(widget) -> str:
    return str(widget.render())


async def test_mock_results_show_written_points_pending_then_grade_them(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 0.05))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")                                    # Start
        await pilot.pause()
        await pilot.press(*"Regression predicts discrete labels and classification continuous values.")
        clock.advance(seconds=4)                                      # time is up: submitted
        await until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results", tries=200)
        screen = app.screen
        await until(pilot, lambda: bool(_text(screen.query_one("#results-summary"))), "the summary", tries=200)
        summary = _text(screen.query_one("#results-summary"))
        assert "+ 5 pending" in summary
        assert "✎ 1a pending" in _text(screen.query_one("#results-problems"))
        await until(pilot, lambda: bool(screen.query(SelfGrade)), "the checklist", tries=200)
        panel = screen.query_one(SelfGrade)
        assert "Backwards" in _text(panel.children[0])
        panel.focus()
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.pause()
        (mock,) = store.mocks(exam.id)
        graded = store.mock_grade(mock.id)
        assert not graded.pending and graded.field("1a.explain").score == 2.5
        assert "pending" not in _text(screen.query_one("#results-problems"))
