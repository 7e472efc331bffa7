"""Tabs are forks of a warm tutor: their own session and environment, a fallback when the warm
tutor cannot start, and `--no-fork` for tabs started as new processes."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from tests.serve.conftest import make_class, start_server
from tests.serve.test_isolation import run
from tests.serve.test_sessions import _stat, _tutors
from tutor.serve import forked
from tutor.serve.config import ServeConfig
from tutor.serve.run import _warm_tutor
from tutor.serve.warm import import_everything


async def _one_tab(url: str, password: str) -> None:
    from tutor.serve.client import StudentClient

    client = StudentClient(url)
    assert await client.sign_in("alice", password) == 200
    await client.open_tab()
    await client.wait_for("Practice")
    return client


def test_a_tab_is_a_fork_of_the_warm_tutor_with_its_own_session_and_environment(served):
    async def scenario():
        client = await _one_tab(served.url, served.passwords["alice"])
        try:
            (tutor,) = _tutors(served.process.pid)
            fields = _stat(tutor)
            assert fields is not None
            parent = int(fields[1])
            assert parent != served.process.pid  # forked by the warm tutor, not started by the server
            assert _stat(parent) is not None and int(_stat(parent)[1]) == served.process.pid
            assert int(fields[3]) == tutor  # its own session: a stop ends its whole group
            # it was given alice's environment: her progress store opened in her own folder
            assert any(served.student_dir("alice").iterdir())
            assert not served.student_dir("bob").exists()
            # typing reaches it and it answers through the web driver: a real, working tutor
            mark = client.mark()
            await client.keys("p")
            await client.wait_for("Parts", since=mark)
        finally:
            await client.close()

    run(scenario())
    assert any("tabs fork from a warm tutor" in line for line in served.output)


def test_no_fork_starts_each_tab_as_a_new_process(tmp_path):
    passwords = make_class(tmp_path)
    server = start_server(tmp_path, "--no-fork")
    try:
        async def scenario():
            client = await _one_tab(server.url, passwords["alice"])
            try:
                (tutor,) = _tutors(server.process.pid)
                assert int(_stat(tutor)[1]) == server.process.pid
            finally:
                await client.close()

        run(scenario())
        assert any("each tab starts a new tutor" in line for line in server.output)
    finally:
        server.stop()


def test_without_a_warm_tutor_the_server_starts_tabs_afresh_and_says_so(monkeypatch):
    def cannot(*_args, **_kwargs):
        raise OSError("no room for another process")

    class State:
        forked = False

        def fork_warm(self):
            self.forked = True

    monkeypatch.setattr(forked, "start_warm", cannot)
    said: list[str] = []
    state = State()
    how = asyncio.run(_warm_tutor(ServeConfig(), state, said.append))
    assert how == "each tab starts a new tutor" and not state.forked
    assert any("no room for another process" in line and "more slowly" in line for line in said)


def test_the_warm_module_warms_nothing_unless_the_fork_server_asks():
    code = "import sys, tutor.serve.warm; print('numpy' in sys.modules, 'textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_every_module_a_tab_can_reach_imports():
    assert import_everything() == []
