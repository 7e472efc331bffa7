"""What the browser tests' two drivers share: a headless browser in its own process group
with a throwaway profile, one JSON-over-websocket protocol connection with bounded calls, and
the page's view as the tests read it (the terminal's websocket frames, the URLs it asked for,
its console).

`tests.serve.cdp` speaks the DevTools protocol to Chromium, `tests.serve.bidi` WebDriver BiDi
to Firefox; each fills in the protocol's launch, message shapes, events and key presses.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import aiohttp

# Textual's names for the keys a DOM key name spells otherwise: (DOM key, Windows key code, text).
NAMED_KEYS = {
    "enter": ("Enter", 13, "\r"), "escape": ("Escape", 27, ""), "tab": ("Tab", 9, ""),
    "backspace": ("Backspace", 8, ""), "delete": ("Delete", 46, ""), "insert": ("Insert", 45, ""),
    "pageup": ("PageUp", 33, ""), "pagedown": ("PageDown", 34, ""), "home": ("Home", 36, ""),
    "end": ("End", 35, ""), "up": ("ArrowUp", 38, ""), "down": ("ArrowDown", 40, ""),
    "left": ("ArrowLeft", 37, ""), "right": ("ArrowRight", 39, ""),
    **{f"f{n}": (f"F{n}", 111 + n, "") for n in range(1, 13)},
}
PUNCTUATION = {"question_mark": "?", "plus": "+", "minus": "-", "space": " "}
MODIFIER_BITS = {"alt": 1, "ctrl": 2, "meta": 4, "shift": 8}
# Where a US keyboard has the punctuation keys (DOM code, Windows key code).
PUNCTUATION_KEYS = {"?": ("Slash", 191), "+": ("Equal", 187), "-": ("Minus", 189), " ": ("Space", 32),
                    "(": ("Digit9", 57), ")": ("Digit0", 48), ".": ("Period", 190)}


class PageDriver:
    """A headless browser and one page, driven over a JSON-over-websocket protocol."""

    name = "browser"
    # The line the browser prints on stderr once its protocol listens (group 1: the URL).
    LISTENING = re.compile(r"$^")

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.profile = tempfile.mkdtemp(prefix=f"tutor-{self.name}-")
        self.proc: subprocess.Popen[bytes] | None = None
        self.http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._drain: threading.Thread | None = None
        self.stderr_tail: deque[str] = deque(maxlen=40)  # the browser's last words, for a failure
        self.started = False  # a page is open (a failure's screenshot can be taken)
        self.frames: list[str] = []  # websocket frames the page received (decoded text)
        self.console: list[str] = []
        self.requests: list[str] = []  # every URL the page asked for

    # -- the process and the connection ---------------------------------------------------

    def _launch(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True, env=env)

    def _listening_url(self) -> str:
        """Read the browser's stderr (blocking; run in a thread) until it says where it listens."""
        assert self.proc is not None and self.proc.stderr is not None
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace")
            self.stderr_tail.append(line)
            found = self.LISTENING.search(line)
            if found:
                if urlsplit(found.group(1)).hostname not in ("127.0.0.1", "localhost", "::1"):
                    raise RuntimeError(f"{self.name} listens beyond this machine: {found.group(1)}")
                # keep reading, so a chatty browser never blocks on a full pipe
                self._drain = threading.Thread(target=self._read_stderr, daemon=True)
                self._drain.start()
                return found.group(1)
        raise RuntimeError(f"{self.name} exited before its remote protocol listened:\n" + "".join(self.stderr_tail))

    def _read_stderr(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        for raw in self.proc.stderr:
            self.stderr_tail.append(raw.decode("utf-8", "replace"))

    async def _connect(self, url: str, timeout: float) -> None:
        self.http = aiohttp.ClientSession()
        self.ws = await asyncio.wait_for(self.http.ws_connect(url, max_msg_size=0), timeout)
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            data = json.loads(message.data)
            future = self._pending.pop(data["id"], None) if isinstance(data.get("id"), int) else None
            if future is None:
                self._event(data)
            elif not future.done():
                error = self._error(data)
                if error is None:
                    future.set_result(data.get("result", {}))
                else:
                    future.set_exception(RuntimeError(f"{self.name} answered with an error: {error}"))

    async def call(self, method: str, *, timeout: float = 20.0, **params: Any) -> Any:
        """One protocol command and its result, with a bounded wait."""
        assert self.ws is not None
        message_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        await self.ws.send_str(json.dumps(self._message(message_id, method, params)))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise TimeoutError(f"{self.name} did not answer {method} within {timeout:g} s") from None
        finally:
            self._pending.pop(message_id, None)

    # -- what each protocol fills in ------------------------------------------------------

    def _message(self, message_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": message_id, "method": method, "params": params}

    def _error(self, answer: dict[str, Any]) -> Any:
        """The error in a command's answer, or None when it succeeded."""
        return answer.get("error")

    def _event(self, data: dict[str, Any]) -> None:
        """A message that answers no command: an event the test may want to see."""

    def launch(self) -> None:
        """Start the browser process with its throwaway profile (it boots while the test sets up)."""
        raise NotImplementedError

    async def start(self, timeout: float = 30.0) -> None:
        """Launch the browser unless launched already, connect, and open one blank page."""
        raise NotImplementedError

    async def navigate(self, url: str) -> None:
        """Open a URL in the page."""
        raise NotImplementedError

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        raise NotImplementedError

    async def key(self, key: str, *, code: str = "", key_code: int = 0, text: str = "", modifiers: int = 0) -> None:
        """Press and release one key, as a keyboard would. `key` is the DOM key name ("p", "Enter",
        "PageDown"); `modifiers` is a bit set: 1 alt, 2 ctrl, 4 meta, 8 shift."""
        raise NotImplementedError

    async def screenshot(self, path: str) -> None:
        """Save a PNG of the page (for a failure's report)."""
        raise NotImplementedError

    # -- the page as the tests read it ----------------------------------------------------

    def requested(self, url: str) -> None:
        """Hook: every URL the page asks for (the test checks none leaves the server)."""
        self.requests.append(url)

    async def wait_until(self, expression: str, what: str, timeout: float = 20.0) -> Any:
        """Poll a JavaScript expression until it is truthy; TimeoutError naming `what` otherwise."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while time.monotonic() < deadline:
            try:
                last = await self.evaluate(expression)
            except RuntimeError:
                last = None  # mid-navigation
            if last:
                return last
            await asyncio.sleep(0.1)
        raise TimeoutError(f"{self.name} waited {timeout:g} s for {what}; last value {last!r}")

    def screen_text(self, since: int = 0) -> str:
        """What the terminal received over the websocket from frame `since`, without escapes."""
        from tutor.serve.client import plain

        return plain("".join(self.frames[since:]))

    async def wait_for_text(self, text: str, since: int = 0, timeout: float = 30.0) -> None:
        """Wait until the terminal has been sent `text` (after frame `since`)."""
        await self.wait_for_any((text,), since, timeout)

    async def wait_for_any(self, texts: tuple[str, ...], since: int = 0, timeout: float = 30.0) -> str:
        """Wait until the terminal has been sent one of `texts` (after frame `since`); which one."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen_text(since)
            found = next((text for text in texts if text in shown), None)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                wanted = " or ".join(repr(text) for text in texts)
                raise TimeoutError(f"the page in {self.name} never showed {wanted} within {timeout:g} s; "
                                   f"it last showed: {shown[-400:]!r}")
            await asyncio.sleep(0.1)

    async def type_text(self, text: str) -> None:
        """Type printable characters one key at a time."""
        for char in text:
            await self.press(char)

    async def press(self, name: str) -> None:
        """Press a key by Textual's name for it ("p", "V", "ctrl+s", "shift+tab", "pagedown",
        "question_mark"), as a keyboard would."""
        *held, last = name.split("+") if name != "plus" else ["plus"]
        modifiers = sum(MODIFIER_BITS[m] for m in held)
        if last in NAMED_KEYS:
            key, key_code, text = NAMED_KEYS[last]
            await self.key(key, code=key, key_code=key_code, text=text if not modifiers else "", modifiers=modifiers)
            return
        char = PUNCTUATION.get(last, last)
        if len(char) != 1:
            raise ValueError(f"no key for {name!r}")
        if char.isalpha():
            code, key_code = f"Key{char.upper()}", ord(char.upper())
        elif char.isdigit():
            code, key_code = f"Digit{char}", ord(char)
        else:
            code, key_code = PUNCTUATION_KEYS.get(char, ("", 0))
        if char.isupper() or char in "?+()":
            modifiers |= MODIFIER_BITS["shift"]
        text = "" if modifiers & (MODIFIER_BITS["ctrl"] | MODIFIER_BITS["alt"] | MODIFIER_BITS["meta"]) else char
        await self.key(char, code=code, key_code=key_code, text=text, modifiers=modifiers)

    async def sign_in(self, url: str, student: str, password: str) -> None:
        """Sign in on the tutor's page at `url` (signed-out visitors are sent to the sign-in page)
        and wait until the terminal has the keyboard focus, with no click."""
        await self.navigate(url + "/")
        await self.wait_until("location.pathname === '/signin' && !!document.querySelector('#password')",
                              "the sign-in page (signed-out visitors are sent there)")
        await self.evaluate(f"document.querySelector('#id').value = {json.dumps(student)};"
                            f"document.querySelector('#password').value = {json.dumps(password)};"
                            "document.querySelector('form').submit(); true")
        await self.wait_until("location.pathname === '/' && !!document.querySelector('#terminal')",
                              "the tutor page after signing in")
        await self.wait_until(
            "document.activeElement && document.activeElement.classList.contains('xterm-helper-textarea')",
            "the terminal to have the keyboard focus without a click")

    # -- the end --------------------------------------------------------------------------

    def kill(self) -> None:
        """Kill the browser's whole process group and remove its profile (safe to repeat)."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        if self._drain is not None:
            self._drain.join(timeout=5)
        if self.proc is not None and self.proc.stderr is not None and not (self._drain and self._drain.is_alive()):
            self.proc.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    async def close(self) -> None:
        """Close the connection, kill the browser and remove its profile."""
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self.http is not None:
            await self.http.close()
        self.kill()
