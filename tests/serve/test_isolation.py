"""A student reaches only their own progress: never by URL, cookie, id or origin."""

from __future__ import annotations

import asyncio

import aiohttp
from itsdangerous import URLSafeTimedSerializer

from tutor.serve.client import StudentClient, plain
from tutor.study import open_store


def run(coro, timeout: float = 90):
    """Run one scenario with a bounded time."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def _ws_status(url: str, cookies: dict[str, str] | None = None, origin: str | None = None,
                     query: str = "") -> int:
    """The HTTP status of a websocket handshake (101 when it opened)."""
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession(cookies=cookies or {}) as http:
        try:
            ws = await http.ws_connect(f"{url}/ws?width=80&height=24{query}", headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101


def _cookie(client: StudentClient) -> str:
    return next(c.value for c in client.http.cookie_jar if c.key == "tutor_session")


def test_signed_out_visitors_reach_only_the_sign_in_page(served):
    async def scenario():
        async with aiohttp.ClientSession() as http, http.get(served.url + "/", allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/signin"
        assert await _ws_status(served.url, origin=served.url) == 403
        assert await _ws_status(served.url, origin=served.url, query="&student=alice") == 403
    run(scenario())


def test_a_wrong_password_is_refused_and_attempts_are_rate_limited(served):
    async def scenario():
        async with StudentClient(served.url) as client:
            assert await client.sign_in("alice", served.passwords["bob"]) == 401
            assert await client.sign_in("bob", served.passwords["alice"]) == 401
            for _ in range(4):
                assert await client.sign_in("alice", "guess") == 401
            # five failures for alice: now even her right password waits
            assert await client.sign_in("alice", served.passwords["alice"]) == 429
            assert await client.sign_in("bob", served.passwords["bob"]) == 200  # others are not locked out
    run(scenario())


def test_a_websocket_from_another_origin_is_refused(served):
    async def scenario():
        async with StudentClient(served.url) as client:
            assert await client.sign_in("alice", served.passwords["alice"]) == 200
            cookie = {"tutor_session": _cookie(client)}
        assert await _ws_status(served.url, cookie, origin="http://evil.example") == 403
        assert await _ws_status(served.url, cookie, origin=None) == 403
    run(scenario())


def test_an_edited_or_forged_cookie_is_refused(served):
    async def scenario():
        async with StudentClient(served.url) as client:
            assert await client.sign_in("alice", served.passwords["alice"]) == 200
            value = _cookie(client)
        _, signature = value.split(".", 1)  # alice's timestamp and signature on bob's payload
        bob_payload = URLSafeTimedSerializer(b"any").dump_payload({"s": "bob", "g": 2}).decode()
        edited = {"tutor_session": f"{bob_payload}.{signature}"}
        forged = {"tutor_session": URLSafeTimedSerializer(b"not the class secret" * 3, salt="tutor-session-v1")
                  .dumps({"s": "bob", "g": 2})}
        for cookie in (edited, forged):
            assert await _ws_status(served.url, cookie, origin=served.url) == 403
            async with aiohttp.ClientSession(cookies=cookie) as http, \
                    http.get(served.url + "/", allow_redirects=False) as response:
                assert response.status == 303
    run(scenario())


def test_each_student_works_in_their_own_progress_whatever_the_url_says(served):
    async def scenario():
        async with StudentClient(served.url) as alice, StudentClient(served.url) as bob:
            assert await alice.sign_in("alice", served.passwords["alice"]) == 200
            assert await bob.sign_in("bob", served.passwords["bob"]) == 200
            # the query names bob and a folder: both are ignored, the cookie decides
            await alice.open_tab(query=f"student=bob&data_dir={served.student_dir('bob')}")
            await alice.wait_for("Practice")
            mark = alice.mark()
            await alice.keys("p")
            await alice.wait_for("Parts", since=mark)
            await alice.go_to_part("4a")
            await alice.keys("-ln(0.3)")
            await asyncio.sleep(0.2)
            mark = alice.mark()
            await alice.keys("\r")
            await alice.wait_for("Correct", since=mark)
            await bob.open_tab()
            await bob.wait_for("Practice")
            await asyncio.sleep(0.5)
            assert "0/7" in plain(bob.screen)  # problem 4: nothing tried, on bob's home
    run(scenario())
    alice_store = open_store(served.student_dir("alice"))
    bob_store = open_store(served.student_dir("bob"))
    try:
        assert alice_store.attempt_count() == 1
        assert bob_store.attempt_count() == 0
    finally:
        alice_store.close()
        bob_store.close()


def test_server_files_are_not_reachable_by_url(served):
    async def scenario():
        async with StudentClient(served.url) as client:
            assert await client.sign_in("alice", served.passwords["alice"]) == 200
            for path in ("/static/../class/secret", "/static/%2e%2e/%2e%2e/class/roster.db", "/assets/../web.py",
                         "/download/anything", "/students/bob/tutor.db"):
                async with client.http.get(served.url + path, allow_redirects=False) as response:
                    body = await response.read()
                    assert response.status in (403, 404), (path, response.status)
                    assert b"scrypt$" not in body and b"SQLite" not in body
    run(scenario())
