"""The warm tutor every served tab is forked from (`tutor.serve.forked`): imported once, in
the fork server, before it forks anything.

It imports everything a tab can reach (Textual, every screen and widget, the engine with
numpy and lark, the demos, the command line) and then runs one short practice session
headless on an in-memory store, so the lazy paths, the caches Textual, Rich and the tutor
fill on first use, and the exam cache are warm too. It opens no database, starts no thread
that outlives it and leaves no event loop behind: a fork must not inherit any of those.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import os
import pkgutil
import sqlite3

log = logging.getLogger("tutor.serve")

PACKAGES = ("tutor.model", "tutor.mathtext", "tutor.engine", "tutor.study", "tutor.demos", "tutor.ui", "tutor.cli")
# never in a tab: run-as-a-program modules, and the PostgreSQL driver unless the class uses it
SKIPPED = ("__main__", "tutor.study.pg")
WARM_UP_S = 30.0
WARM_FLAG = "TUTOR_SERVE_WARM"


def import_everything() -> list[str]:
    """Import every module of the packages a tab runs; the names that failed to import."""
    failed: list[str] = []
    wanted = list(PACKAGES)
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            wanted.append(info.name)
    for name in wanted:
        if name.endswith(SKIPPED) and not (name == "tutor.study.pg" and os.environ.get("TUTOR_DB")):
            continue
        try:
            importlib.import_module(name)
        except ImportError:  # an optional extra that is not installed: the tab imports it if it can
            failed.append(name)
    return failed


async def _practice_once() -> None:
    """One headless session: home, practice at the first part, an answer checked."""
    from tutor.cli.main import build_parser
    from tutor.model import load_exams
    from tutor.ui.app import make_app

    build_parser()
    exams = load_exams()
    app = make_app(exams, None, ("practice", exams[0].parts[0].id))
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("1", "enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
    finally:
        app.store.close()


def warm_up() -> None:
    """Import everything and run the practice session once (bounded in time). Content that
    does not load, a full disk or a slow machine only cost the tabs their speed: each tab
    loads its exams and reports problems itself."""
    from tutor.model import ContentErrors

    import_everything()
    try:
        asyncio.run(asyncio.wait_for(_practice_once(), WARM_UP_S))
    except (ContentErrors, TimeoutError, OSError, sqlite3.Error, LookupError, ValueError, RuntimeError):
        log.warning("tutor serve: the warm-up session failed; tabs start cold", exc_info=True)
    # what is left lives as long as the warm tutor: out of the collector's way in every fork,
    # whose collections would otherwise walk (and so copy) all of it
    gc.collect()
    gc.freeze()


# Only in the fork server that `tutor.serve.forked.start_warm` starts (it sets this variable
# for that process alone): importing the module anywhere else does nothing.
if os.environ.pop(WARM_FLAG, None) == "1":
    warm_up()
