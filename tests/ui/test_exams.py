"""Several exams in one tutor: the chooser on home, ids, demo links, mock, review and stats
for each — driven through Pilot with the shipped exam and the test exam `dl-quiz` side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.ui.ui_pilot import settle, type_text
from tutor.model import load_exams
from tutor.ui.app import make_app

QUIZ = Path(__file__).parents[1] / "fixtures" / "exams" / "dl-quiz.yaml"


@pytest.fixture(scope="module")
def both():
    """The shipped exam and the quiz, as two exams found together."""
    return load_exams() + load_exams([QUIZ])


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_home_offers_every_exam_and_remembers_the_one_chosen(both, store):
    app = make_app(both, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = _text(app, "#exams")
        assert "c147-w21-midterm" in listing and "dl-quiz" in listing
        assert "0/19 right" in listing and "0/8 right" in listing
        assert app.exam.id == "c147-w21-midterm" and "c147-w21-midterm" in app.title
        await pilot.press("2")
        await settle(pilot)
        assert app.exam.id == "dl-quiz" and "dl-quiz" in app.title
        summary = _text(app, "#summary")
        assert "Deep Learning Quiz 1" in summary and "30 minutes" in summary
        assert "Practice quiz" in _text(app, "#menu")          # the exam's own word for a mock
    again = make_app(both, store)                             # next launch: the quiz again
    assert again.exam.id == "dl-quiz"
    assert make_app(both, store, exam_id="c147-w21-midterm").exam.id == "c147-w21-midterm"


async def test_one_exam_shows_no_chooser(exam, store):
    app = make_app([exam], store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#exams").display
        assert app.title == "tutor"


async def test_practice_of_the_second_exam_records_under_its_own_id(both, store):
    app = make_app(both, store, ("practice", "1a"), exam_id="dl-quiz")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.exam.id == "dl-quiz" and app.screen.part_id == "1a"
        await type_text(pilot, "2080")
        await pilot.press("enter")
        await settle(pilot)
    assert [(a.part_id, a.verdict) for a in store.attempts("dl-quiz")] == [("1a", "correct")]
    assert store.attempts("c147-w21-midterm") == []


async def test_demo_from_the_second_exam_comes_back_to_its_part_without_a_crash(both, store):
    app = make_app(both, store, ("practice", "1c"), exam_id="dl-quiz")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "d")
        await settle(pilot)
        demos = app.screen
        assert type(demos).__name__ == "DemosScreen" and demos.demo.name == "cross-entropy"
        assert "dl-quiz" not in str(demos.query_one("#demo-title").render())  # its own exam: plain ids
        demos.query_one("#demo-view").focus()
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "PracticeScreen"
        assert (app.screen.exam.id, app.screen.part_id) == ("dl-quiz", "1c")
        assert len(app.screen_stack) == 2


async def test_a_demo_linked_by_several_parts_lists_every_exam_s_parts(both, store):
    app = make_app(both, store, ("demo", "lr-drop"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#demo-view").focus()
        await pilot.press("o")
        await settle(pilot)
        picker = app.screen.query_one(OptionList)
        options = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert options[0].startswith("c147-w21-midterm: 4f") and options[1].startswith("dl-quiz: 3a")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PracticeScreen"
        assert (app.screen.exam.id, app.screen.part_id, app.exam.id) == ("dl-quiz", "3a", "dl-quiz")


async def test_mock_of_the_second_exam_uses_its_parts_and_words(both, store):
    app = make_app(both, store, ("mock", None), exam_id="dl-quiz")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.sub_title == "Practice quiz"
        await pilot.press("enter")                                   # start
        await settle(pilot)
        assert app.screen.part_id == "1a"
    assert store.active_mock("dl-quiz") is not None and store.active_mock("c147-w21-midterm") is None


async def test_review_and_stats_open_for_the_second_exam(both, store):
    app = make_app(both, store, ("stats",), exam_id="dl-quiz")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.exam.id == "dl-quiz"
        assert "Practice quizzes" in " ".join(str(w.render()) for w in app.screen.query("Static"))
    app = make_app(both, store, ("review",), exam_id="dl-quiz")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ReviewScreen" and app.screen.exam.id == "dl-quiz"


async def test_the_shipped_exam_draws_figures_1_and_2(exam, store):
    for part_id, demo, labels in (("4e", "batch-vs-minibatch", ["A", "B"]), ("4f", "lr-drop", ["cost"])):
        app = make_app([exam], store, ("practice", part_id))
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            figure = app.screen.query_one("FigureView")
            assert figure.error is None and figure.plot is not None
            assert [s.label for s in figure.plot.series] == labels
            assert demo in str(app.screen.query_one("#figure-status").render())
            assert app.screen.query_one("#figure-plot")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_home_with_two_exams_fits_a_small_terminal_without_scrolling(both, store, size):
    from tests.ui.ui_pilot import screen_lines

    app = make_app(both, store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.max_scroll_y == 0                      # everything shows at once
        text = "\n".join(screen_lines(app))
        for exam in both:
            assert exam.id in text
        for word in ("Practice", "Review", "Demos", "Stats", "Help", "Quit", "Total"):
            assert word in text, word
        menu = screen.query_one("#menu")
        assert menu.region.bottom <= size[1] - 1              # above the footer, border included


def test_home_with_two_exams_at_80x24(snap_compare, both):
    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(make_app(both, None), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("exam_id", ["c147-w21-midterm", "dl-quiz"])
async def test_every_demo_link_of_both_exams_goes_there_and_back_without_a_crash(both, store, exam_id):
    # d on every part that names a demo, then o: back at that same part of that same exam
    exam = next(e for e in both if e.id == exam_id)
    linked = [(part.id, part.demo) for part in exam.parts if part.demo]
    assert linked
    app = make_app(both, store, ("practice", linked[0][0]), exam_id=exam_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        practice = app.screen
        for part_id, demo in linked:
            await practice.show_part(part_id, focus_input=False)
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert type(app.screen).__name__ == "DemosScreen" and app.screen.demo.name == demo, part_id
            app.screen.query_one("#demo-view").focus()
            await pilot.press("o")
            await settle(pilot)
            assert app.screen is practice
            assert (app.screen.exam.id, app.screen.part_id) == (exam_id, part_id)
