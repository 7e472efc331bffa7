"""The Stats screen: weakest concepts first, mistakes with their feedback, mock history."""

from __future__ import annotations

from tests.study.test_stats_degrade import _sql, _store
from tests.ui.ui_pilot import settle
from tutor.model import load_exams
from tutor.study import Attempt, open_store
from tutor.ui.app import make_app
from tutor.ui.screens.review import ReviewScreen
from tutor.ui.screens.stats import StatsScreen


async def test_stats_screen_shows_mastery_mistakes_and_mocks(tmp_path, clock, exam, check):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    mistake = exam.field("4a.loss").mistakes[0]
    store.record_attempt(Attempt(exam.id, "4a", "loss", "x", "incorrect", 0, 3, mistake.id))
    store.record_attempt(Attempt(exam.id, "4a", "loss", "x", "incorrect", 0, 3, mistake.id))
    store.record_attempt(Attempt(exam.id, "2b", "db_shape", "m", "correct", 2, 2))
    session = store.start_mock(exam.id, 110)
    for part in exam.parts:  # right everywhere except the cross-entropy numbers
        for field in part.fields:
            if field.kind == "text":
                store.save_answer(session.id, field.full_id, "my explanation")  # to self-grade later
            elif part.id not in ("4a", "4b"):
                answer = field.answer if isinstance(field.answer, str) else ", ".join(field.answer)
                store.save_answer(session.id, field.full_id, answer)
    clock.advance(minutes=50)
    store.finish_mock(exam, session.id, check)
    app = make_app([exam], store=store, start=("stats",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        table = screen.query_one("#stats-mastery")
        assert table.row_count == len(exam.concepts)
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == "cross-entropy"                     # the weakest comes first
        mistakes = str(screen.query_one("#stats-mistakes").render())
        from tutor.engine.mistake_text import mistake_summary

        summary = mistake_summary(exam, "4a.loss", mistake.id, 20)
        assert f"2× 4a.loss {summary[:-1]}" in mistakes          # what the mistake was, in words
        assert mistake.id not in mistakes                        # not its slug
        mocks = str(screen.query_one("#stats-mocks").render())
        score = store.mocks(exam.id)[0].score
        assert score > 30 and f"{score:g}/100 + " in mocks and "in 50:00" in mocks
        await pilot.press("enter")                           # review that concept now
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.concept == "cross-entropy"
        await pilot.pause()


async def test_the_stats_screen_shows_the_warning_instead_of_crashing(tmp_path):
    _sql(_store(tmp_path), "DROP TABLE cards", "UPDATE mocks SET started_at = 'yesterday'")
    exams = load_exams()
    store = open_store(tmp_path, exams=exams)
    app = make_app(exams, store, start=("stats",))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#stats-summary").render())
        assert "Answers recorded 4" in summary
        assert "skipped 1 unreadable record (mocks 1) and found no table cards" in summary
    store.close()
