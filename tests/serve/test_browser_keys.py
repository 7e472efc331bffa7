"""Keys that a browser keeps for itself (ctrl+n opens a window, ctrl+t a tab, ctrl+w closes
one) have alternatives in the mock: page down / page up move between parts, also while typing."""

from __future__ import annotations

import asyncio

from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.mock import MockScreen

BROWSER_RESERVED = {"ctrl+n", "ctrl+t", "ctrl+w", "ctrl+shift+n", "ctrl+shift+t", "ctrl+shift+w", "ctrl+tab"}


def test_page_down_and_up_move_between_mock_parts_even_while_typing(tmp_path, exam):
    async def scenario() -> None:
        store = open_store(tmp_path, exams=[exam])
        app = make_app([exam], store=store, start=("mock", 30))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MockScreen)
            await pilot.press("enter")  # Start
            await pilot.pause()
            assert app.screen.part_id == "1a"
            await pilot.press(*"Discrete", "pagedown")  # typing in 1a's text box, then next
            await pilot.pause()
            assert app.screen.part_id == "1b"
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            assert app.screen.part_id == "1d"
            await pilot.press("pageup")
            await pilot.pause()
            assert app.screen.part_id == "1c"
            footer_keys = {a.binding.key for a in app.screen.active_bindings.values() if a.binding.show}
            assert not footer_keys & BROWSER_RESERVED, "the footer offers a key the browser takes"
            assert {"pagedown", "pageup"} <= footer_keys
            await pilot.press("ctrl+s", "escape")  # the submit modal, kept working
            await pilot.pause()
            app.push_screen(HelpScreen(app.screen))
            await pilot.pause()
            text = app.screen.text()
            assert "pgdn" in text and "pgup" in text and "^n" in text
        store.close()

    asyncio.run(asyncio.wait_for(scenario(), 60))
