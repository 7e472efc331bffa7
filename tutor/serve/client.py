"""A simulated student: signs in over HTTP, opens a tutor tab over the websocket, presses
keys and waits for text on the screen. Used by the serve benchmark and the tests.

The screen is read from the terminal stream with escape sequences dropped, which is enough
to find the words a screen shows (a verdict, a title) in what has arrived since a mark.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

import aiohttp

PALETTE_SETTLE_S = 1.0  # longer than the palette's batches of results, on a loaded server
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def plain(stream: str) -> str:
    """Terminal output without its escape sequences."""
    return _ESCAPES.sub("", stream)


class StudentClient:
    """One browser tab's worth of traffic, with bounded waits."""

    def __init__(self, base_url: str, *, origin: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.origin = origin or self.base_url
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.screen = ""
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.closed = False

    async def __aenter__(self) -> StudentClient:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def sign_in(self, student_id: str, password: str) -> int:
        """POST the sign-in form; returns the final HTTP status (200 once at the tutor page)."""
        async with self.http.post(f"{self.base_url}/signin", data={"id": student_id, "password": password},
                                  headers={"Origin": self.origin}) as response:
            await response.read()
            return response.status

    async def open_tab(self, width: int = 100, height: int = 32, *, query: str = "") -> None:
        """Open the websocket, as the tutor page does, and start reading the screen."""
        extra = f"&{query}" if query else ""
        self.ws = await self.http.ws_connect(f"{self.base_url}/ws?width={width}&height={height}{extra}",
                                             headers={"Origin": self.origin}, max_msg_size=0)
        await self.ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
                self._changed.set()
        self.closed = True
        self._changed.set()

    def mark(self) -> int:
        """A position in the stream: `wait_for` looks only at what comes after it."""
        return len(self.screen)

    async def wait_for(self, text: str, *, since: int = 0, timeout: float = 30.0) -> float:
        """Seconds until `text` shows after `since`; TimeoutError (naming the text) otherwise."""
        start = time.perf_counter()
        deadline = start + timeout
        while text not in plain(self.screen[since:]):
            if self.closed:
                raise ConnectionError(f"the session closed before {text!r} appeared")
            left = deadline - time.perf_counter()
            if left <= 0:
                tail = plain(self.screen[since:])[-300:]
                raise TimeoutError(f"{text!r} did not appear within {timeout:g} s; last text: {tail!r}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass
        return time.perf_counter() - start

    async def go_to_part(self, part_id: str, *, timeout: float = 30.0) -> None:
        """On the practice screen, open a part through the command palette, as a student
        would, and wait until it shows. The palette's list holds the results of the query so
        far ("4") until those of the whole query ("4a") are in, a batch a quarter of a second
        later: Enter waits for them, or a loaded tab could open another part."""
        mark = self.mark()
        await self.keys("\x10")  # ctrl+p
        await self.wait_for("🔎", since=mark, timeout=timeout)
        await self.keys(part_id)
        await self.wait_for(f"Go to part {part_id}", since=mark, timeout=timeout)
        await asyncio.sleep(PALETTE_SETTLE_S)
        mark = self.mark()
        await self.keys("\r")
        await self.wait_for(f"Part {part_id} ·", since=mark, timeout=timeout)

    async def keys(self, text: str) -> None:
        """Type into the terminal (as xterm.js sends it)."""
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", text]))

    async def close(self) -> None:
        """Close the tab and the HTTP session."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, asyncio.CancelledError):
                self._reader.cancel()
        await self.http.close()
