"""Two `tutor serve` nodes on one PostgreSQL database: a class spread over several machines.

A student signs in and answers on one node; the other node signs them in against the same
roster, accepts the first node's cookie, and shows the progress recorded through the first.
"""

from __future__ import annotations

import asyncio

import aiohttp

from tests.serve.conftest import start_server
from tutor.classroom import Roster
from tutor.serve.client import StudentClient
from tutor.study import open_store


def run(coro, timeout: float = 120):
    """Run one scenario with a bounded time."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def _cookie(client: StudentClient) -> dict[str, str]:
    return {c.key: c.value for c in client.http.cookie_jar if c.key == "tutor_session"}


async def _ws_opens(url: str, cookies: dict[str, str]) -> bool:
    async with aiohttp.ClientSession(cookies=cookies) as http:
        try:
            ws = await http.ws_connect(f"{url}/ws?width=80&height=24", headers={"Origin": url})
        except aiohttp.WSServerHandshakeError:
            return False
        await ws.close()
        return True


async def _answer_4a(client: StudentClient) -> None:
    """Open practice at 4a and answer it correctly, as a student at the keyboard would."""
    mark = client.mark()
    await client.keys("p")
    await client.wait_for("Parts", since=mark)
    await client.go_to_part("4a")
    await client.keys("-ln(0.3)")
    await asyncio.sleep(0.2)
    mark = client.mark()
    await client.keys("\r")
    await client.wait_for("Correct", since=mark)


def test_progress_recorded_through_one_node_shows_on_the_other(pg_url, tmp_path):
    roster = Roster(tmp_path / "staff" / "roster.db", db=pg_url)
    roster.add("alice")
    password = roster.issue_password("alice").password
    roster.close()
    one = start_server(tmp_path / "node1", "--db", pg_url)
    two = start_server(tmp_path / "node2", "--db", pg_url)
    try:
        async def scenario():
            async with StudentClient(one.url) as first:
                assert await first.sign_in("alice", password) == 200     # the shared roster
                cookie = _cookie(first)
                await first.open_tab()
                await first.wait_for("Practice")
                await _answer_4a(first)
            # node one's cookie is good on node two (one signing key, kept in the database)
            assert await _ws_opens(two.url, {"tutor_session": cookie["tutor_session"]})
            async with StudentClient(two.url) as second:
                assert await second.sign_in("alice", password) == 200
                await second.open_tab()
                await second.wait_for("Practice")
                await second.wait_for("1/7")                              # problem 4: one part tried
        run(scenario())
    finally:
        assert one.stop() == 0 and two.stop() == 0
    store = open_store(db=pg_url, student="alice")
    try:
        assert store.attempt_count() == 1 and store.attempts()[0].part_id == "4a"
    finally:
        store.close()
    assert not list(tmp_path.glob("node*/class/students/*/tutor.db"))      # nothing kept on a node
