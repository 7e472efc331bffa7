"""Keys and focus by one rule: a check grades what the box holds when the key arrives; typing
goes to the box; after Check focus stays where you can type; letters are commands only
outside a box, and the common commands have a ctrl key that works inside one."""

from __future__ import annotations

from textual.widgets import Input, RadioSet, TextArea

from tests.ui.ui_pilot import key_for, settle, until
from tutor.ui.widgets.rubric import RubricPanel


def _text(widget) -> str:
    return str(widget.render())


def _burst(app, text: str, *keys: str) -> None:
    """Queue every key at once, as a terminal delivers a paste or a fast typist's keys."""
    from textual import events

    for char in text:
        app.post_message(events.Key(key_for(char), char))
    for key in keys:
        app.post_message(events.Key(key, None))


async def test_a_burst_of_keys_then_ctrl_s_grades_exactly_what_the_box_holds(app_for, store, exam):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        answer = "Classification predicts a discrete class; regression predicts a real number."
        _burst(app, answer, "ctrl+s")                              # one burst, as a paste or a fast typist
        await settle(pilot)
    [attempt] = store.attempts(exam.id)
    assert attempt.raw == answer


async def test_a_burst_then_enter_in_a_line_box_grades_all_of_it(app_for, store, exam):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _burst(app, "-ln(0.3)", "ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#feedback-loss").verdict == "correct"
    assert [a.raw for a in store.attempts(exam.id)] == ["-ln(0.3)"]


async def test_focus_stays_in_the_box_after_a_correct_check(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"-ln(0.3)", "enter")
        await settle(pilot)
        assert app.screen.query_one("#feedback-loss").verdict == "correct"
        assert isinstance(app.focused, Input)
        await pilot.press("l", "n")                                  # retyping types; no commands fire
        await settle(pilot)
        assert app.screen.part_id == "4a" and not app.raw_latex
        assert app.focused.value == "-ln(0.3)ln"


async def test_capital_v_returns_to_the_exam_numbers_after_v(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "v")
        await settle(pilot)
        assert app.screen.states["4a"].variant != 0
        await pilot.press("V")
        await settle(pilot)
        assert app.screen.states["4a"].variant == 0
        assert not (isinstance(app.focused, Input) and "V" in app.focused.value)


async def test_ctrl_keys_work_inside_a_box(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.view
        await pilot.press("ctrl+t")                                  # a hint, while typing
        await settle(pilot)
        assert app.screen.states["4a"].hints == 1 and isinstance(app.focused, Input)
        await pilot.press("ctrl+o")                                  # a solution step
        await settle(pilot)
        assert app.screen.states["4a"].steps == 1
        await pilot.press("ctrl+g")                                  # fresh numbers
        await settle(pilot)
        assert app.screen.states["4a"].variant != 0
        await pilot.press("ctrl+r")                                  # the exam's numbers
        await settle(pilot)
        assert app.screen.states["4a"].variant == 0
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.part_id == "4b"
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.screen.part_id == "4a" and view is not None


async def test_enter_selects_a_choice_option(app_for, store, exam):
    app = app_for(start=("practice", "1d"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, RadioSet)
        await pilot.press("down", "enter")
        await settle(pilot)
        radio = app.focused
        assert isinstance(radio, RadioSet) and radio.pressed_button is not None
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [a.field_id for a in store.attempts(exam.id)] == ["1d.good_idea"]


async def test_enter_picks_in_a_multiple_choice_list(app_for):
    from textual.widgets import SelectionList

    app = app_for(start=("practice", "2c"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, SelectionList)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.focused.selected) == 1


async def test_self_grading_has_keys(app_for, store, exam):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Classification", "ctrl+s")
        await settle(pilot)
        if isinstance(app.focused, TextArea):                        # from the box, one key away
            await pilot.press("tab")
            await settle(pilot)
        assert any(isinstance(a, RubricPanel) for a in [app.focused, *app.focused.ancestors])
        await pilot.press("1")                                       # tick the first idea
        await pilot.press("ctrl+s")                                  # grade myself
        await settle(pilot)
    [attempt] = store.attempts(exam.id)
    assert attempt.self_graded


async def test_demos_leave_p_to_the_plot_key(exam):
    from tutor.ui.app import make_app

    app = make_app([exam], None, ("demos", "vanishing"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.focused, Input)
        screen = app.screen
        assert screen.plot_index == 0
        await pilot.press("p")
        await settle(pilot)
        assert not any(isinstance(w, Input) and "p" in w.value for w in screen.query(Input))
        assert screen.plot_index == 1


def test_practice_rule_is_written_in_the_help():
    from tutor.ui.screens.help import KEY_RULE

    assert "ctrl+s" in KEY_RULE and "escape" in KEY_RULE.lower()


async def test_every_rating_button_is_visible_at_60x20(exam, tmp_path):
    from tutor.study import Attempt, open_store
    from tutor.ui.app import make_app

    store = open_store(tmp_path / "data", exams=[exam])
    store.record_attempt(Attempt(exam.id, "4a", "loss", "ln(0.3)", "incorrect", 0, 3))
    app = make_app([exam], store, ("review",))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert screen.stage == "rating"
        body = screen.query_one("#review-body").region
        for value in range(1, 5):
            button = screen.query_one(f"#rate-{value}").region
            assert body.contains_region(button), (value, button, body)
    store.close()


async def test_a_long_burst_previews_the_latest_text_only(app_for):
    from tutor.engine.exam_numbers import exam_field

    app = app_for(start=("practice", "2b"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        term = "outer((f - y) * where(g > 0, 1, alpha), x)"
        answer = " + ".join([term] * 11)                             # 492 characters
        _burst(app, answer)
        await settle(pilot)
        await until(pilot, lambda: "(m×n)" in _text(app.screen.query_one("#preview-dW")), "the preview")
        field = app.screen.query_one("#field-dW")
        assert field.value() == answer
        assert field.previewer.computed <= 5                         # not one preview per key
        shown = _text(app.screen.query_one("#preview-dW"))
        assert shown.startswith("↳") and "(m×n)" in shown and exam_field(app.exam, "2b.dW").kind == "formula"
