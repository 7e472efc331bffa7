"""Running `tutor serve` until Ctrl+C or SIGTERM, then ending every session within 2 s."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable

from aiohttp import web

from tutor.serve.config import ServeConfig
from tutor.serve.web import STATE, ServerState, build_app

STOP_WITHIN_S = 2.0


async def serve(config: ServeConfig, *, announce: Callable[[str], None] = print,
                stop: asyncio.Event | None = None) -> None:
    """Bind, announce the URL, serve until `stop` is set (or SIGINT/SIGTERM), then stop cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    probe = build_app(config, config.url_for_port(config.port))  # validates the folder before binding
    runner = web.AppRunner(probe, handle_signals=False, access_log=None, shutdown_timeout=STOP_WITHIN_S)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port)
    await site.start()
    port = _bound_port(runner, config.port)
    state = probe[STATE]
    if port != config.port:  # --port 0: the real port is known only now
        state.public_url = config.url_for_port(port)
        from tutor.serve.config import origin_of

        state.origin = origin_of(state.public_url)
    state.pool.start_reaper()
    warm = await _warm_tutor(config, state, announce)
    students = len(state.roster.students())
    announce(f"tutor serve: {state.public_url}/ (listening on {config.host}:{port})")
    announce(f"  class folder {state.folder.root} · {students} student(s) on the roster"
             + ("" if students else " — add them with `tutor class roster import FILE`"))
    announce(f"  at most {config.max_sessions} sessions at once · idle sessions end after "
             f"{config.idle_minutes:g} min · {warm} · Ctrl+C stops (progress is saved)")
    if config.host not in ("127.0.0.1", "localhost", "::1") and state.public_url.startswith("http://"):
        announce("  warning: listening beyond this machine without TLS: passwords and cookies cross the "
                 "network in clear. Put a TLS proxy in front and pass --public-url https://…")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await asyncio.wait_for(state.pool.stop_all(STOP_WITHIN_S), STOP_WITHIN_S + 0.5)
        await runner.cleanup()
        announce("tutor serve: stopped; every session ended.")


async def _warm_tutor(config: ServeConfig, state: ServerState, announce: Callable[[str], None]) -> str:
    """Start the warm tutor that tabs fork from, when asked and possible; says how tabs start."""
    from tutor.serve import forked

    if config.tutor_argv is not None or not config.fork or not forked.available():
        return "each tab starts a new tutor"
    announce("tutor serve: warming up the tutor that tabs start from…")
    try:
        await asyncio.get_running_loop().run_in_executor(None, forked.start_warm)
    except (TimeoutError, OSError) as exc:
        announce(f"  warning: the warm tutor did not start ({exc}); each tab starts a new tutor, more slowly")
        return "each tab starts a new tutor"
    state.fork_warm()
    return "tabs fork from a warm tutor"


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


def run(config: ServeConfig) -> int:
    """`tutor serve`: blocks until stopped; returns the exit status."""
    try:
        asyncio.run(serve(config))
    except OSError as exc:
        print(f"tutor serve: cannot listen on {config.host}:{config.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
