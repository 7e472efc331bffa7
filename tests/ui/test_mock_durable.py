"""Nothing typed is lost: mock answers are on disk within 0.2 s of the last key and on quit;
a restored answer puts the cursor at its end, so new typing continues it."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.ui.ui_pilot import until
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.screens.mock import AUTOSAVE_POLL_S
from tutor.ui.screens.mock_answers import DEBOUNCE_S, AnswerBook


def test_an_answer_is_written_within_0_2_s_of_the_last_key():
    now = [0.0]
    writes = []
    book = AnswerBook(lambda fid, raw: writes.append(raw), {}, clock=lambda: now[0])
    book.note("1a.explain", "Discrete")
    # the screen polls every AUTOSAVE_POLL_S: the first poll after the debounce writes it
    now[0] = DEBOUNCE_S + AUTOSAVE_POLL_S
    book.save(settled_only=True)
    assert writes == ["Discrete"] and DEBOUNCE_S + AUTOSAVE_POLL_S <= 0.2


async def test_quitting_right_after_typing_keeps_the_answer(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Discrete")
        await pilot.press("ctrl+q")                                  # at once, no pause to save
    session = store.active_mock(exam.id)
    assert store.mock_answers(session.id)["1a.explain"] == "Discrete"
    store.close()


async def test_a_restored_answer_puts_the_cursor_at_its_end(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    session = store.start_mock(exam.id, 30)
    store.save_answer(session.id, "1a.explain", "Classification is discrete")
    store.set_setting(f"mock-position:{session.id}", "1a")          # the part the learner was on
    app = make_app([exam], store=store)                              # resumes the mock
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.focused, TextArea), "the answer box", tries=400)
        await pilot.press(*"ly")
        await until(pilot, lambda: store.mock_answers(session.id)["1a.explain"].endswith("ly"), "the save")
    assert store.mock_answers(session.id)["1a.explain"] == "Classification is discretely"
    store.close()
