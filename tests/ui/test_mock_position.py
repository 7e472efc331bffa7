"""The mock comes back at the part you were on, and its ● marks agree with the header's count."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.ui_pilot import until
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.screens.mock import MockScreen


def _dots(screen) -> int:
    options = screen.query_one("#mock-parts", OptionList)
    return sum(str(options.get_option_at_index(i).prompt).startswith("●") for i in range(options.option_count))


async def test_a_resumed_mock_opens_at_the_part_you_were_on(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")                                   # start
        await pilot.pause()
        await pilot.press("ctrl+l", *["down"] * 11, "enter")           # 4b, with 1a-4a unanswered
        await until(pilot, lambda: app.screen.part_id == "4b", "part 4b")
    store.close()
    store = open_store(tmp_path, clock=clock, exams=[exam])           # tutor closed and reopened
    app = make_app([exam], store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MockScreen) and app.screen.part_id, "the mock")
        assert app.screen.part_id == "4b"
    store.close()


async def test_the_parts_marks_follow_the_answered_count(tmp_path, clock, exam):
    store = open_store(tmp_path, clock=clock, exams=[exam])
    app = make_app([exam], store=store, start=("mock", 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Discrete")
        await until(pilot, lambda: "1/19 answered" in str(app.screen.query_one("#mock-status").render()),
                    "the count")
        assert _dots(app.screen) == 1
        await pilot.press(*["backspace"] * 8)
        await until(pilot, lambda: "0/19 answered" in str(app.screen.query_one("#mock-status").render()),
                    "the count")
        assert _dots(app.screen) == 0
    store.close()
