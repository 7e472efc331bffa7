"""Keys by one rule: every command letter also has a key that works inside an answer box, the
footer shows those keys while typing, and every binding has an id, so a keymap can remap it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.widgets import Input, TextArea

import tutor.ui
from tests.ui.ui_pilot import footer_keys
from tutor.ui.keys import BROWSER_RESERVED, IN_BOX, is_in_box
from tutor.ui.screens.critique import CritiqueScreen
from tutor.ui.screens.demos import DemosScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.parts_list import PartsList

TYPED = "0.5x"


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _binding_classes() -> list[type]:
    """Every class in tutor.ui that declares BINDINGS itself."""
    classes: dict[str, type] = {}
    for info in pkgutil.walk_packages(tutor.ui.__path__, "tutor.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in cls.__dict__:
                classes[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(classes.values())


def test_every_binding_has_an_id_unique_in_its_class_and_across_the_ui():
    classes = _binding_classes()
    assert len(classes) >= 12
    seen: dict[str, type] = {}
    for cls in classes:
        bindings = [b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]
        assert len(bindings) == len(cls.__dict__["BINDINGS"]), f"{cls.__name__}: a tuple binding has no id"
        ids = [b.id for b in bindings]
        assert all(ids), f"{cls.__name__}: bindings without an id: {[b.key for b in bindings if not b.id]}"
        assert len(set(ids)) == len(ids), f"{cls.__name__}: repeated ids"
        for binding_id in ids:
            assert binding_id not in seen, f"{binding_id} in {cls.__name__} and {seen[binding_id].__name__}"
            seen[binding_id] = cls


@pytest.mark.parametrize("screen", [PracticeScreen, DemosScreen])
def test_every_command_letter_has_a_browser_safe_key_for_inside_a_box(screen):
    bindings = screen.BINDINGS
    letters = {b.id: b for b in bindings if len(b.key) == 1 and b.key.isalpha()}
    in_box = {b.id.removesuffix(IN_BOX): b for b in bindings if is_in_box(b)}
    # `a` goes into a box: inside one there is nothing for it to do
    assert set(letters) - {"practice.answer"} == set(in_box), "a command letter without an in-box key"
    for binding_id, binding in in_box.items():
        assert binding.priority, binding_id
        assert binding.key not in BROWSER_RESERVED, binding_id
        assert binding.description == letters[binding_id].description
        assert letters[binding_id].action in binding.action   # next_part, or after_typing('next_part')


def _box_text(app) -> str:
    focused = app.focused
    assert isinstance(focused, Input | TextArea), focused
    return focused.value if isinstance(focused, Input) else focused.text


# (part, key, what must have happened) -- with focus in the part's first box holding TYPED
PRACTICE_KEYS = [
    ("4a", "f2", lambda app, screen: screen.states["4a"].hints == 1),
    ("1c", "f2", lambda app, screen: screen.states["1c"].hints == 1),
    ("4a", "ctrl+o", lambda app, screen: screen.states["4a"].steps == 1),
    ("1c", "ctrl+o", lambda app, screen: screen.states["1c"].steps == 1),
    ("4a", "f4", lambda app, screen: isinstance(app.screen, CritiqueScreen)),
    ("1c", "f4", lambda app, screen: isinstance(app.screen, CritiqueScreen)),
    ("4a", "f8", lambda app, screen: isinstance(app.screen, DemosScreen)),
    ("1c", "f8", lambda app, screen: isinstance(app.screen, DemosScreen)),
    ("4a", "pagedown", lambda app, screen: screen.part_id == "4b"),
    ("1c", "pagedown", lambda app, screen: screen.part_id == "1d"),
    ("4a", "pageup", lambda app, screen: screen.part_id == "3c"),
    ("1c", "pageup", lambda app, screen: screen.part_id == "1b"),
    ("4a", "f9", lambda app, screen: app.raw_latex),
    ("1c", "f9", lambda app, screen: app.raw_latex),
    ("4a", "ctrl+l", lambda app, screen: isinstance(app.focused, PartsList)),
    ("1c", "ctrl+l", lambda app, screen: isinstance(app.focused, PartsList)),
]


@pytest.mark.parametrize(("part", "key", "happened"), PRACTICE_KEYS,
                         ids=[f"{p}-{k}" for p, k, _ in PRACTICE_KEYS])
async def test_in_box_keys_fire_their_command_and_leave_the_text_alone(app_for, part, key, happened):
    app = app_for(start=("practice", part))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        box = app.focused
        await pilot.press(*TYPED)
        assert _box_text(app) == TYPED
        await pilot.press(key)
        await settle(pilot)
        assert happened(app, screen), key
        if screen.part_id == part and box is not None and box.is_attached:
            assert (box.value if isinstance(box, Input) else box.text) == TYPED
        else:                                  # moved on: what was typed is kept as a draft
            assert TYPED in screen.states[part].drafts.values()


async def test_new_numbers_from_a_box_type_nothing(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.states["4a"].variant != 0 and _box_text(app) == ""
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.states["4a"].variant == 0 and _box_text(app) == ""


async def test_the_footer_shows_in_box_keys_only_while_typing(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)

        def footer() -> set[tuple[str, str]]:
            return {(k.key, k.description) for k in footer_keys(app).values()}

        inside = footer()
        assert {("f2", "Hint"), ("ctrl+o", "Solution"), ("pagedown", "Next")} <= inside
        assert ("h", "Hint") not in inside
        await pilot.press("escape")
        await settle(pilot)
        outside = footer()
        assert {("h", "Hint"), ("s", "Solution"), ("n", "Next")} <= outside
        assert not {key for key, _ in outside} & {"f2", "ctrl+o", "pagedown", "f4", "f8"}


async def test_demo_keys_work_inside_a_parameter_box(exam):
    from tutor.ui.app import make_app

    app = make_app([exam], None, ("demos", "vanishing"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        box = screen.query(Input).first()
        box.focus()
        await settle(pilot)
        before = box.value
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.plot_index == 1 and box.value == before and app.focused is box
        await pilot.press("ctrl+r")                      # defaults: the box shows the default
        await settle(pilot)
        assert box.value == before
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.focused is screen.query_one("#demo-list") and box.value == before
        box.focus()
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert box.value == before


async def test_a_keymap_remaps_a_command_by_its_binding_id(app_for):
    from tutor.ui.screens.help import HelpScreen

    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.set_keymap({"practice.hint": "j", "practice.hint.in-box": "f6"})
        screen = app.screen
        await pilot.press("f6")                          # in the box
        await settle(pilot)
        assert screen.states["4a"].hints == 1 and _box_text(app) == ""
        await pilot.press("escape", "h")                 # the old letter does nothing now
        await settle(pilot)
        assert screen.states["4a"].hints == 1
        await pilot.press("j")
        await settle(pilot)
        assert screen.states["4a"].hints == 2
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(app.screen.text().split())
        assert "j Hint" in text and "f6 Hint" in text and "h Hint" not in text


async def test_the_part_s_key_line_names_the_keys_that_work_where_focus_is(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)

        def line() -> str:
            return str(app.screen.query_one("#links").render())

        inside = line()                                  # focus in the box: h would type
        assert "f2 hint" in inside and "^o solution" in inside and "f4 critique" in inside
        assert "h hint" not in inside and "s solution" not in inside
        await pilot.press("escape")
        await settle(pilot)
        outside = line()
        assert "h hint" in outside and "s solution" in outside and "c critique" in outside
        assert "f2" not in outside
        app.set_keymap({"practice.hint": "j", "practice.hint.in-box": "f6"})
        await pilot.press("a")                           # back into the box
        await settle(pilot)
        assert "f6 hint" in line()
        await pilot.press("escape")
        await settle(pilot)
        assert "j hint" in line()
