"""Sessions: the cap, the idle timeout, one-time links, withdrawn credentials, a clean stop."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from tests.serve.conftest import make_class, start_server
from tests.serve.test_isolation import run
from tutor.bench.serve import proc_stat as _stat
from tutor.bench.serve import tutor_processes
from tutor.classroom import ClassFolder, Roster
from tutor.serve.client import StudentClient


def _descendants(pid: int) -> set[int]:
    """Live (not zombie) processes below `pid`."""
    return set(tutor_processes(pid))


def _tutors(server_pid: int) -> set[int]:
    """The server's tab processes: descendants that lead their own session (each tab's tutor
    does, so a stop can end its whole group); the warm tutor they fork from does not."""
    return {pid for pid in _descendants(server_pid) if (fields := _stat(pid)) and int(fields[3]) == pid}


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


async def _until(predicate, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        await asyncio.sleep(0.1)


def test_the_session_cap_turns_away_the_next_tab_and_frees_the_place_on_close(tmp_path):
    passwords = make_class(tmp_path)
    server = start_server(tmp_path, "--max-sessions", "1")
    try:
        async def scenario():
            async with StudentClient(server.url) as alice, StudentClient(server.url) as bob:
                assert await alice.sign_in("alice", passwords["alice"]) == 200
                assert await bob.sign_in("bob", passwords["bob"]) == 200
                await alice.open_tab()
                await alice.wait_for("Practice")
                async with bob.http.get(server.url + "/") as page:
                    assert page.status == 503 and "full" in await page.text()
                try:
                    await bob.open_tab()
                except aiohttp.WSServerHandshakeError as exc:
                    assert exc.status == 503
                else:
                    raise AssertionError("a second session opened past --max-sessions 1")
                await alice.close()
                deadline = time.monotonic() + 15
                while True:  # the place frees once alice's tutor has quit
                    async with bob.http.get(server.url + "/") as page:
                        if page.status == 200:
                            break
                    assert time.monotonic() < deadline, "alice's place was never freed"
                    await asyncio.sleep(0.2)
                await bob.open_tab()
                await bob.wait_for("Practice")
        run(scenario())
    finally:
        server.stop()


def test_an_idle_session_is_ended_and_its_tutor_quits(tmp_path):
    passwords = make_class(tmp_path)
    server = start_server(tmp_path, "--idle-minutes", "0.03")  # 1.8 s
    try:
        async def scenario():
            async with StudentClient(server.url) as alice:
                assert await alice.sign_in("alice", passwords["alice"]) == 200
                await alice.open_tab()
                await alice.wait_for("Practice")
                assert _tutors(server.process.pid), "no tutor process for the open tab"
                await _until(lambda: alice.closed, "the idle session to close")
                await _until(lambda: not _tutors(server.process.pid), "the idle tutor to quit")
        run(scenario())
    finally:
        server.stop()


def test_stopping_the_server_ends_every_session_and_every_tutor(served):
    async def scenario():
        tabs = [StudentClient(served.url), StudentClient(served.url)]
        for tab, student in zip(tabs, ("alice", "bob")):
            assert await tab.sign_in(student, served.passwords[student]) == 200
            await tab.open_tab()
        for tab in tabs:
            await tab.wait_for("Practice")
        tutors = _tutors(served.process.pid)
        assert len(tutors) == 2
        helpers = _descendants(served.process.pid) - tutors  # the warm tutor and its resource tracker
        assert helpers
        started = time.monotonic()
        served.process.send_signal(2)  # SIGINT, as Ctrl+C
        await _until(lambda: all(t.closed for t in tabs), "every tab to be closed by the server", 5)
        closed_after = time.monotonic() - started
        await asyncio.to_thread(served.process.wait, 10)
        for tab in tabs:
            await tab.close()
        assert closed_after < 2.5, f"sessions took {closed_after:.2f} s to end"
        assert not [pid for pid in tutors if _alive(pid)]
        await _until(lambda: not [pid for pid in helpers if _alive(pid)], "the warm tutor to end with the server", 5)
    run(scenario())
    assert served.process.returncode == 0
    assert "every session ended" in "".join(served.output)


def test_a_sign_in_link_works_once(served):
    roster = Roster(ClassFolder.under(served.data_dir).roster_path)
    link = roster.issue_link("alice", served.url).link
    roster.close()

    async def scenario():
        async with StudentClient(served.url) as first, StudentClient(served.url) as second:
            async with first.http.get(link) as page:
                assert page.status == 200 and "Sign in" in await page.text()
            async with first.http.post(link, headers={"Origin": served.url}) as page:
                assert page.status == 200 and 'id="terminal"' in await page.text()
            async with second.http.post(link, headers={"Origin": served.url}) as page:
                assert page.status == 404 and "used already" in await page.text()
            async with second.http.get(served.url + "/", allow_redirects=False) as page:
                assert page.status == 303
    run(scenario())


def test_new_credentials_end_the_old_sign_in_and_its_sessions(served):
    async def scenario():
        async with StudentClient(served.url) as alice:
            assert await alice.sign_in("alice", served.passwords["alice"]) == 200
            await alice.open_tab()
            await alice.wait_for("Practice")
            roster = Roster(ClassFolder.under(served.data_dir).roster_path)
            roster.issue_password("alice")
            roster.close()
            async with alice.http.get(served.url + "/", allow_redirects=False) as page:
                assert page.status == 303
            await _until(lambda: alice.closed, "the old session to end", 15)
    run(scenario())
