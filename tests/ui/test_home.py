"""The home screen, the menu, the screen registry, help, the palette's screens, and stores that cannot save."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Input

from tests.ui.ui_pilot import footer_keys, on_frames, settle, type_text
from tutor.ui.app import make_app
from tutor.ui.screens import registry
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen


def _text(widget) -> str:
    return str(widget.render())


async def test_home_shows_exam_progress_status_and_menu(app_for, exam):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        summary = _text(app.screen.query_one("#summary"))
        assert exam.title in summary and f"{exam.minutes} minutes" in summary
        for problem in exam.problems:
            assert f"{problem.id} {problem.title}"[:20] in summary
        total = next(line for line in summary.splitlines() if line.startswith("Total"))
        assert total.split()[1:3] == [f"0/{len(exam.parts)}", f"0/{len(exam.parts)}"]
        assert "Review: nothing due" in summary and "Last mock: none yet" in summary
        menu = _text(app.screen.query_one("#menu"))
        for key, title in (("p", "Practice"), ("m", "Mock midterm"), ("r", "Review"),
                           ("d", "Demos"), ("s", "Stats"), ("?", "Help"), ("q", "Quit")):
            assert f" {key}  {title}" in menu


async def test_practice_from_home_and_progress_updates_on_return(app_for, exam):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.part_id == exam.parts[0].id        # first part not yet right
        await pilot.press("escape", "p")                     # p in practice: the parts list
        await pilot.pause()
        parts = app.screen.query_one("#parts")
        assert app.focused is parts
        parts.highlighted = parts.get_option_index("4a")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.part_id == "4a"
        await type_text(pilot, "-ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        progress = _text(app.screen.query_one("#summary"))
        row = next(line for line in progress.splitlines() if line.startswith("4 "))
        assert "1/7" in row and "3/25" in row


async def test_clicking_a_menu_entry_opens_its_screen(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.click("#menu", offset=(12, 1))          # first line (under the border)
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.click("#menu", offset=(12, 6))          # Help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("name", ["mock", "review", "stats", "demos"])
async def test_every_menu_screen_opens_without_crashing(app_for, name):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press({"mock": "m", "review": "r", "stats": "s", "demos": "d"}[name])
        await settle(pilot)
        assert type(app.screen) is registry.resolve(name)


def test_every_registered_screen_imports():
    """A screen module that fails to import fails here, by name (nothing falls back)."""
    for name in registry.SCREENS:
        assert issubclass(registry.resolve(name), Screen), name


def test_a_broken_registry_entry_fails_loudly(monkeypatch):
    monkeypatch.setitem(registry.SCREENS, "stats", "tutor.ui.screens.no_such_module:Nope")
    with pytest.raises(ModuleNotFoundError):
        registry.build("stats")


def _keys_in_help(app) -> str:
    return " ".join(app.screen.text().split())


async def test_help_lists_every_key_of_the_current_screen(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = _keys_in_help(app)
        for binding in HomeScreen.BINDINGS:
            assert f"{binding.key} {binding.description}" in shown
        assert "? Help" in shown and "ctrl+p" in shown
        await pilot.press("escape")
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape", "question_mark")       # leave the input, then help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = _keys_in_help(app)
        for binding in PracticeScreen.BINDINGS:
            key = app.get_key_display(binding)
            assert f"{key} {binding.description}" in shown, binding
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_palette_lists_screens_demos_and_themes(app_for):
    from tutor.ui.commands import TutorCommands

    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        provider = TutorCommands(app.screen)
        texts = [text for text, _, _ in provider.commands()]
        for part in app.exam.parts:
            assert any(text.startswith(f"Go to part {part.id} · ") for text in texts)
        for title in ("Open Practice", "Open Mock midterm", "Open Review", "Open Demos",
                      "Open Stats", "Open Help"):
            assert title in texts
        for demo in {p.demo for p in app.exam.parts if p.demo}:
            assert f"Demo: {demo}" in texts
        assert "Theme: nord" in texts and "Theme: textual-light" in texts
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme: nord")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"


async def test_theme_is_remembered_in_the_store(exam, store):
    app = make_app([exam], store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        app.theme = "gruvbox"
        await pilot.pause()
    assert store.get_setting("theme") == "gruvbox"
    again = make_app([exam], store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"


@pytest.mark.parametrize("store_kind", ["none", "unwritable"])
async def test_app_works_without_a_store_or_with_one_that_cannot_save(exam, store_kind, tmp_path):
    from tutor.study import open_store

    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")               # its data dir cannot be made
    odd = None if store_kind == "none" else open_store(blocker / "data")
    app = make_app([exam], odd, start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_text(pilot, "-ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#feedback-loss").verdict == "correct"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "1/" in _text(app.screen.query_one("#summary"))  # the answer counts, in memory
        if store_kind == "unwritable":
            assert "Not saving" in _text(app.screen.query_one("#summary"))


async def test_no_color_keeps_verdicts_legible(app_for, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        await type_text(pilot, "ln(0.3)")
        await pilot.press("enter")
        await settle(pilot)
        assert "✗ Not right" in _text(app.screen.query_one("#feedback-loss"))
        assert "✗ 4a" in str(app.screen.query_one("#parts").get_option("4a").prompt)
        assert isinstance(app.focused, Input)


async def test_home_footer_shows_its_keys_in_the_first_frame(app_for, monkeypatch):
    from tutor.ui.widgets.tutor_footer import TutorFooter

    app = app_for()
    first: list[list[str]] = []
    on_frames(app, monkeypatch, HomeScreen,
              lambda screen, _: first.append([item.action for item in screen.query_one(TutorFooter).items]))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert first[0] == ["practice", "help", "command_palette"]
        footer = app.screen.query_one(TutorFooter)
        assert not footer.children                          # one widget draws the whole line
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert list(footer_keys(app)) == ["practice", "help", "command_palette"]
