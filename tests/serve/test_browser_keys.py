"""Keys that a browser keeps for itself (ctrl+n opens a window, ctrl+t a tab, ctrl+w closes
one; Firefox quits on ctrl+q) have alternatives in the mock: page down / page up move between
parts, also while typing. And every other key the tutor binds, pressed in each real browser
(headless Chromium and Firefox), reaches the tutor as that key."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil

from textual import events
from textual._xterm_parser import XTermParser
from textual.binding import Binding

from tests.serve.driver import PageDriver
from tutor.study import open_store
from tutor.ui.app import make_app
from tutor.ui.keys import BROWSER_RESERVED
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.mock import MockScreen


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


# Keys the tutor needs from Textual itself: the command palette, moving the focus, editing an answer.
TEXTUAL_KEYS = {"ctrl+p", "tab", "shift+tab", "backspace", "delete", "left", "right", "home", "end"}
# What the page sends to the tutor when a key is pressed is recorded here, and kept from the
# tutor (so `q` does not quit it): only the browser's half of the path is under test.
RECORD_STDIN = """(() => {
  const send = WebSocket.prototype.send;
  window.tutorStdin = [];
  WebSocket.prototype.send = function (data) {
    if (typeof data === "string" && data.startsWith('["stdin"')) { window.tutorStdin.push(JSON.parse(data)[1]); return; }
    return send.call(this, data);
  };
  return true;
})()"""


def keys_the_tutor_binds() -> dict[str, list[str]]:
    """Every key a tutor screen or widget binds in its own BINDINGS, with the binding ids; the
    terminal-only aliases (ids ending `.terminal`, for keys a browser keeps) are left out."""
    import tutor.ui

    keys: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(tutor.ui.__path__, "tutor.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__):
                continue
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if not (binding.id or "").endswith(".terminal"):
                    keys.setdefault(binding.key, []).append(binding.id or cls.__name__)
    return keys


def textual_keys(data: str) -> list[str]:
    """The keys Textual's input parser (as the tutor's web driver runs it) reads in `data`."""
    parser = XTermParser()
    return [event.key for event in [*parser.feed(data), *parser.feed("")] if isinstance(event, events.Key)]


def test_every_key_the_tutor_binds_reaches_it_from_the_browser(browser: PageDriver, served, tmp_path):
    needed = {**{key: ["textual"] for key in TEXTUAL_KEYS}, **keys_the_tutor_binds()}
    assert {"pagedown", "pageup", "ctrl+s", "f2", "escape", "question_mark"} <= set(needed)
    assert not set(needed) & BROWSER_RESERVED, "a key the browser keeps is bound without a terminal-only id"
    wrong: dict[str, str] = {}

    async def scenario() -> None:
        try:
            await browser.start()
            await browser.sign_in(served.url, "alice", served.passwords["alice"])
            await browser.wait_for_text("Practice", timeout=30)
            assert await browser.evaluate(RECORD_STDIN)
            count = 0
            for name in sorted(needed):
                await browser.press(name)
                try:
                    await browser.wait_until(f"window.tutorStdin.length > {count}", f"{name} to be sent", timeout=3)
                except TimeoutError:
                    wrong[name] = "nothing sent"
                    continue
                # xterm.js sends a key's whole sequence at once; a stray extra shows at the next key
                sent, count, focused = await browser.evaluate(
                    f"[window.tutorStdin.slice({count}).join(''), window.tutorStdin.length,"
                    " !!document.activeElement && document.activeElement.classList.contains('xterm-helper-textarea')]")
                if textual_keys(sent) != [name]:
                    wrong[name] = f"sent {sent!r}, read as {textual_keys(sent)}"
                if not focused:
                    wrong[name] = "the terminal lost the keyboard focus"
                    break
        except BaseException:
            if browser.started:
                await browser.screenshot(str(tmp_path / "failure.png"))
            raise
        finally:
            await browser.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))
    assert not wrong, f"keys that do not reach the tutor from {browser.name}: {wrong} (needed by {[needed[k] for k in wrong]})"
