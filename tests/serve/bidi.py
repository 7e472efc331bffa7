"""A minimal WebDriver BiDi driver for the browser test: headless Firefox, one page.

Firefox speaks WebDriver BiDi natively (its remote agent, with a fresh profile whose prefs turn
off first-run pages, telemetry and every background fetch). The page's terminal frames are
read by a preload script that listens on the page's websockets and hands each message back on
a BiDi channel; keys go through `input.performActions`, as a keyboard would. Every wait is
bounded; close kills the browser's process group and removes its profile.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
from typing import Any

from tests.serve.driver import PageDriver

BROWSERS = ("firefox-esr", "firefox")

# A fresh profile's prefs: the remote agent speaks BiDi only; no first-run, update, telemetry,
# experiment or safe-browsing fetches; and anything but loopback goes to a proxy on a closed
# loopback port, so the browser itself can reach no other host.
PREFS: dict[str, bool | int | str] = {
    "remote.active-protocols": 1,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "startup.homepage_welcome_url": "",
    "browser.aboutwelcome.enabled": False,
    "browser.newtabpage.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "network.trr.mode": 5,
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.allow_hijacking_localhost": False,
}

# WebDriver's code points for the keys a DOM key name cannot give as one character.
SPECIAL_KEYS = {
    "Backspace": "\ue003", "Tab": "\ue004", "Enter": "\ue007", "Escape": "\ue00c", "PageUp": "\ue00e",
    "PageDown": "\ue00f", "End": "\ue010", "Home": "\ue011", "ArrowLeft": "\ue012", "ArrowUp": "\ue013",
    "ArrowRight": "\ue014", "ArrowDown": "\ue015", "Insert": "\ue016", "Delete": "\ue017",
    **{f"F{n}": chr(0xE030 + n) for n in range(1, 13)},
}
# The DOM modifier bits (as CDP numbers them) and WebDriver's code points for those keys.
MODIFIER_KEYS = ((1, "\ue00a"), (2, "\ue009"), (4, "\ue03d"), (8, "\ue008"))  # alt, ctrl, meta, shift

# Runs in every new document before its own scripts: each websocket the page opens reports the
# messages it receives (text, or binary decoded as UTF-8) on the channel.
FRAME_SPY = """(channel) => {
  const Native = window.WebSocket;
  class Spied extends Native {
    constructor(...args) {
      super(...args);
      const decoder = new TextDecoder();
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") { channel(event.data); }
        else if (event.data instanceof ArrayBuffer) { channel(decoder.decode(event.data, {stream: true})); }
      });
    }
  }
  window.WebSocket = Spied;
}"""


def find_firefox() -> str | None:
    """The system Firefox, if installed."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def plain_value(remote: dict[str, Any]) -> Any:
    """A BiDi RemoteValue as Python (primitives, arrays and plain objects; other kinds by name)."""
    kind = remote.get("type")
    value = remote.get("value")
    if kind in ("undefined", "null"):
        return None
    if kind == "number" and isinstance(value, str):
        return {"NaN": float("nan"), "-0": -0.0, "Infinity": float("inf"), "-Infinity": float("-inf")}[value]
    if kind in ("string", "number", "boolean", "bigint"):
        return int(value) if kind == "bigint" else value
    if kind in ("array", "set"):
        return [plain_value(item) for item in value or []]
    if kind in ("object", "map"):
        return {key if isinstance(key, str) else str(plain_value(key)): plain_value(item) for key, item in value or []}
    return f"<{kind}>"


class Browser(PageDriver):
    """Headless Firefox and one page, driven over WebDriver BiDi."""

    name = "firefox"
    LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")

    def __init__(self, executable: str) -> None:
        super().__init__(executable)
        self.context = ""

    def launch(self) -> None:
        """Start Firefox (headless, BiDi on a free loopback port) with the fresh profile's prefs."""
        with open(os.path.join(self.profile, "user.js"), "w", encoding="utf-8") as prefs:
            for pref, value in PREFS.items():
                prefs.write(f"user_pref({json.dumps(pref)}, {json.dumps(value)});\n")
        env = dict(os.environ, MOZ_CRASHREPORTER_DISABLE="1")
        self._launch([self.executable, "--headless", "--no-remote", "--remote-debugging-port=0",
                      "--profile", self.profile, "about:blank"], env)

    async def start(self, timeout: float = 30.0) -> None:
        """Launch Firefox (unless launched already), open a BiDi session and take its first tab."""
        if self.proc is None:
            self.launch()
        url = await asyncio.wait_for(asyncio.to_thread(self._listening_url), timeout)
        await self._connect(url.rstrip("/") + "/session", timeout)
        await self.call("session.new", capabilities={}, timeout=timeout)
        tree = await self.call("browsingContext.getTree", maxDepth=0)
        self.context = tree["contexts"][0]["context"] if tree["contexts"] else \
            (await self.call("browsingContext.create", type="tab"))["context"]
        await self.call("browsingContext.setViewport", context=self.context, viewport={"width": 1200, "height": 800})
        await self.call("script.addPreloadScript", functionDeclaration=FRAME_SPY,
                        arguments=[{"type": "channel", "value": {"channel": "frames"}}], contexts=[self.context])
        await self.call("session.subscribe", events=["script.message", "network.beforeRequestSent", "log.entryAdded"],
                        contexts=[self.context])
        self.started = True

    def _error(self, answer: dict[str, Any]) -> Any:
        if answer.get("type") == "error":
            return f"{answer.get('error')}: {answer.get('message')}"
        return None

    def _event(self, data: dict[str, Any]) -> None:
        method, params = data.get("method", ""), data.get("params", {})
        if method == "script.message" and params.get("channel") == "frames":
            self.frames.append(str(plain_value(params["data"])))
        elif method == "network.beforeRequestSent":
            self.requested(params["request"]["url"])
        elif method == "log.entryAdded":
            self.console.append(str(params.get("text", "")))

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.call("script.evaluate", expression=expression, target={"context": self.context},
                                 awaitPromise=True, resultOwnership="none")
        if result.get("type") == "exception":
            raise RuntimeError(f"page script failed: {result['exceptionDetails'].get('text')}")
        return plain_value(result["result"])

    async def navigate(self, url: str) -> None:
        """Open a URL in the page (returns once the new document is interactive)."""
        await self.call("browsingContext.navigate", context=self.context, url=url, wait="interactive")

    async def key(self, key: str, *, code: str = "", key_code: int = 0, text: str = "", modifiers: int = 0) -> None:
        """Press and release one key, as a keyboard would (to the focused element); `code` and
        `key_code` are CDP's and not needed here: Firefox derives them from the key."""
        value = SPECIAL_KEYS.get(key, key)
        if len(value) != 1:
            raise ValueError(f"no WebDriver key for {key!r}")
        held = [point for bit, point in MODIFIER_KEYS if modifiers & bit]
        actions = [{"type": "keyDown", "value": point} for point in held]
        actions += [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
        actions += [{"type": "keyUp", "value": point} for point in reversed(held)]
        await self.call("input.performActions", context=self.context,
                        actions=[{"type": "key", "id": "keyboard", "actions": actions}])

    async def screenshot(self, path: str) -> None:
        """Save a PNG of the page (for a failure's report)."""
        shot = await self.call("browsingContext.captureScreenshot", context=self.context)
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        """End the BiDi session (bounded), then kill Firefox and remove its profile."""
        if self.started:
            try:
                await self.call("session.end", timeout=2)
            except (RuntimeError, TimeoutError):
                pass  # it is killed next either way
        await super().close()
