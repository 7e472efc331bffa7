"""A minimal Chrome DevTools Protocol driver for the browser test: headless Chromium, one page.

Every wait is bounded and says what it waited for. The browser runs with a throwaway profile
and is killed (its whole process group) on close.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from typing import Any

import aiohttp

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The system Chromium, if installed."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium and one page, driven over CDP."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.profile = tempfile.mkdtemp(prefix="tutor-chromium-")
        self.proc: subprocess.Popen[bytes] | None = None
        self.http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.session_id = ""
        self.frames: list[str] = []  # websocket frames the page received (decoded text)
        self.console: list[str] = []
        self.requests: list[str] = []  # every URL the page asked for

    async def start(self, timeout: float = 30.0) -> None:
        """Launch Chromium and attach to a fresh page."""
        args = [self.executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}", "--window-size=1200,800", "about:blank"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        url = await asyncio.wait_for(asyncio.to_thread(self._devtools_url), timeout)
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(url, max_msg_size=0)
        self._reader = asyncio.ensure_future(self._read())
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self.session_id = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            await self.call(f"{domain}.enable", session=True)

    def _devtools_url(self) -> str:
        assert self.proc is not None and self.proc.stderr is not None
        seen = []
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace")
            seen.append(line)
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                return found.group(1)
        raise RuntimeError("Chromium exited before opening DevTools:\n" + "".join(seen[-20:]))

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._pending:
                future = self._pending.pop(data["id"])
                if not future.done():
                    if "error" in data:
                        future.set_exception(RuntimeError(f"CDP error: {data['error']}"))
                    else:
                        future.set_result(data.get("result", {}))
            else:
                self._event(data.get("method", ""), data.get("params", {}))

    def _event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.webSocketFrameReceived":
            response = params["response"]
            payload = response.get("payloadData", "")
            if response.get("opcode") == 2:
                payload = base64.b64decode(payload).decode("utf-8", "replace")
            self.frames.append(payload)
        elif method == "Network.requestWillBeSent":
            self.requested(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))

    def requested(self, url: str) -> None:
        """Hook: every URL the page asks for (the test checks none leaves the server)."""
        self.requests.append(url)

    async def call(self, method: str, *, session: bool = False, timeout: float = 20.0, **params: Any) -> Any:
        """One CDP command (on the page's session if `session`), with a bounded wait."""
        assert self.ws is not None
        message_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session_id
        await self.ws.send_str(json.dumps(message))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise TimeoutError(f"Chromium did not answer {method} within {timeout:g} s") from None

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                                 awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    async def navigate(self, url: str) -> None:
        """Open a URL in the page."""
        await self.call("Page.navigate", session=True, url=url)

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
        raise TimeoutError(f"waited {timeout:g} s for {what}; last value {last!r}")

    def screen_text(self, since: int = 0) -> str:
        """What the terminal received over the websocket from frame `since`, without escapes."""
        from tutor.serve.client import plain

        return plain("".join(self.frames[since:]))

    async def wait_for_text(self, text: str, since: int = 0, timeout: float = 30.0) -> None:
        """Wait until the terminal has been sent `text` (after frame `since`)."""
        deadline = time.monotonic() + timeout
        while text not in self.screen_text(since):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page never showed {text!r} within {timeout:g} s; "
                                   f"it last showed: {self.screen_text(since)[-400:]!r}")
            await asyncio.sleep(0.1)

    async def key(self, key: str, *, code: str = "", key_code: int = 0, text: str = "", modifiers: int = 0) -> None:
        """Press and release one key, as a keyboard would (to the focused element)."""
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code, "modifiers": modifiers}
        await self.call("Input.dispatchKeyEvent", session=True, type="keyDown", text=text, **base)
        await self.call("Input.dispatchKeyEvent", session=True, type="keyUp", **base)

    async def type_text(self, text: str) -> None:
        """Type printable characters one key at a time."""
        for char in text:
            code = f"Key{char.upper()}" if char.isalpha() else ("Digit" + char if char.isdigit() else "")
            await self.key(char, code=code, key_code=ord(char.upper()) if char.isalnum() else 0, text=char)

    async def screenshot(self, path: str) -> None:
        """Save a PNG of the page (for a failure's report)."""
        shot = await self.call("Page.captureScreenshot", session=True, format="png")
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        """Kill Chromium and remove its profile."""
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self.http is not None:
            await self.http.close()
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)
