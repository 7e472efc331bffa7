"""A minimal Chrome DevTools Protocol driver for the browser test: headless Chromium, one page.

Every wait is bounded and says what it waited for. The browser runs with a throwaway profile
and is killed (its whole process group) on close.
"""

from __future__ import annotations

import asyncio
import base64
import re
import shutil
from typing import Any

from tests.serve.driver import PageDriver

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The system Chromium, if installed."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser(PageDriver):
    """Headless Chromium and one page, driven over CDP."""

    name = "chromium"
    LISTENING = re.compile(r"DevTools listening on (ws://\S+)")

    def __init__(self, executable: str) -> None:
        super().__init__(executable)
        self.session_id = ""

    def launch(self) -> None:
        """Start Chromium (headless, its DevTools on a free loopback port)."""
        self._launch([self.executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                      "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                      "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--remote-debugging-port=0",
                      f"--user-data-dir={self.profile}", "--window-size=1200,800", "about:blank"])

    async def start(self, timeout: float = 30.0) -> None:
        """Launch Chromium (unless launched already) and attach to a fresh page."""
        if self.proc is None:
            self.launch()
        url = await asyncio.wait_for(asyncio.to_thread(self._listening_url), timeout)
        await self._connect(url, timeout)
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self.session_id = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            await self.call(f"{domain}.enable", session=True)
        self.started = True

    def _message(self, message_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
        message = super()._message(message_id, method, {k: v for k, v in params.items() if k != "session"})
        if params.get("session"):
            message["sessionId"] = self.session_id
        return message

    def _event(self, data: dict[str, Any]) -> None:
        method, params = data.get("method", ""), data.get("params", {})
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

    async def call(self, method: str, *, session: bool = False, timeout: float = 20.0, **params: Any) -> Any:
        """One CDP command (on the page's session if `session`), with a bounded wait."""
        return await super().call(method, timeout=timeout, session=session, **params)

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

    async def key(self, key: str, *, code: str = "", key_code: int = 0, text: str = "", modifiers: int = 0) -> None:
        """Press and release one key, as a keyboard would (to the focused element)."""
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code, "modifiers": modifiers}
        await self.call("Input.dispatchKeyEvent", session=True, type="keyDown", text=text, **base)
        await self.call("Input.dispatchKeyEvent", session=True, type="keyUp", **base)

    async def screenshot(self, path: str) -> None:
        """Save a PNG of the page (for a failure's report)."""
        shot = await self.call("Page.captureScreenshot", session=True, format="png")
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
