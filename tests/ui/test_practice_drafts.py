"""Practice drafts: what a learner typed and never checked is there when they come back."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from tests.ui.ui_pilot import settle, type_text, until


async def test_an_unchecked_answer_survives_quitting(app_for, exam, store):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Classification predicts a label.")
    # quit at once, the answer never checked; then a new session on the same store
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#field-explain TextArea", TextArea).text == "Classification predicts a label."
    assert store.attempt_count(exam.id) == 0                 # a draft is not an attempt


async def test_typing_is_saved_when_it_pauses_and_a_variant_comes_back_with_its_draft(app_for, exam, store):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "v")                     # variant 1
        await settle(pilot)
        await pilot.press("a")                             # into the box
        await type_text(pilot, "-ln(0.2")
        key = f"practice-drafts:{exam.id}"
        # a slow machine may save part of it first (typing paused): wait for the whole answer
        await until(pilot, lambda: (store.get_setting(key) or {}).get("4a", {}).get("fields") == {"loss": "-ln(0.2"},
                    "the save once typing pauses")
        assert store.get_setting(key)["4a"] == {"variant": 1, "fields": {"loss": "-ln(0.2"}}
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#field-loss Input", Input).value == "-ln(0.2"
        assert "variant 1" in str(app.screen.query_one("#part-title").render())


async def test_new_numbers_start_with_empty_fields(app_for, exam, store):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "1.204")                      # typed for the exam's numbers
        await pilot.press("escape", "v")
        await settle(pilot)
        assert "variant 1" in str(app.screen.query_one("#part-title").render())
        assert app.screen.query_one("#field-loss Input", Input).value == ""
    assert store.get_setting(f"practice-drafts:{exam.id}", {}).get("4a") is None


async def test_home_lists_unchecked_answers_and_practice_goes_on_there(app_for, exam, store):
    app = app_for(start=("practice", "4b"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "-ln(0.4)")
        await pilot.press("enter")                           # checked: not a draft any more
        await settle(pilot)
        await app.screen.show_part("4a")
        await settle(pilot)
        await type_text(pilot, "-ln(0.3")                    # typed, never checked
    assert list(store.get_setting(f"practice-drafts:{exam.id}")) == ["4a"]
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#summary").render())
        assert "Not yet checked: 4a" in " ".join(summary.split())
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.part_id == "4a"
        assert app.screen.query_one("#field-loss Input", Input).value == "-ln(0.3"


async def test_the_parts_list_marks_parts_with_unchecked_answers(app_for, exam, store):
    from tutor.ui.widgets.parts_list import PartsList

    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        parts = app.screen.query_one(PartsList)
        def prompt(pid):
            return str(parts.get_option(pid).prompt)
        assert "✎" not in prompt("4a")
        await type_text(pilot, "-ln(0.3)")
        await until(pilot, lambda: "✎" in prompt("4a"), "the mark once typing pauses")
        assert "✎" not in prompt("4b")
        await pilot.press("enter")                           # checked: no longer a draft
        await settle(pilot)
        assert "✎" not in prompt("4a") and "✓" in prompt("4a")


async def test_a_restored_draft_puts_the_cursor_at_its_end(exam, store):
    from textual.widgets import Input

    from tutor.ui.app import make_app

    store.set_setting(f"practice-drafts:{exam.id}", {"4a": {"variant": 0, "fields": {"loss": "-ln(0."}}})
    app = make_app([exam], store, ("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press(*"3)")
        assert app.focused.value == "-ln(0.3)"

async def test_an_edit_from_the_old_numbers_arriving_during_the_switch_is_dropped(app_for, exam, store):
    """The race behind new numbers sometimes showing the old answer. Keys run their actions in
    the app's task while the screen handles its own messages, so the old field's last Edited
    message can be handled while `v` is half done: after the variant changed, before the old
    field is gone. Queuing that message just before the action starts makes it deterministic."""
    from tutor.ui.widgets.field_base import FieldWidget

    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "1.204")                      # typed for the exam's numbers
        await pilot.press("escape")
        await settle(pilot)
        old = app.screen.query_one("#field-loss", FieldWidget)
        app.screen.post_message(FieldWidget.Edited(old))     # still queued when the switch starts
        await app.screen.action_variant()
        await settle(pilot)
        assert "variant 1" in str(app.screen.query_one("#part-title").render())
        assert app.screen.query_one("#field-loss Input", Input).value == ""
        await app.screen.show_part("4b")                     # leaving saves the drafts
        await settle(pilot)
    assert store.get_setting(f"practice-drafts:{exam.id}", {}).get("4a") is None


async def test_a_pending_draft_save_during_the_switch_keeps_nothing_of_the_old_numbers(app_for, exam, store):
    """The same race through the debounced save: it can fire while `v` is half done, when the
    old fields are still on screen. Queued just before the action, it runs in that window."""
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "1.204")                      # typed for the exam's numbers
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        screen.call_later(screen._save_drafts)               # as if the save timer fired now
        await screen.action_variant()
        await settle(pilot)
        assert screen.query_one("#field-loss Input", Input).value == ""
        await screen.show_part("4b")
        await settle(pilot)
    assert store.get_setting(f"practice-drafts:{exam.id}", {}).get("4a") is None
