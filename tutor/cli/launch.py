"""Opening the Textual app from the command line, with the study store attached."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.model import Exam
    from tutor.study.store import Store


def open_store_for(args: argparse.Namespace, exams: list[Exam]) -> Store:
    """The study store for these arguments (it never raises; problems land in .warning)."""
    from tutor.study import open_store

    return open_store(getattr(args, "data_dir", None), exams=exams)


HEADLESS = "Headless commands: answer, show, list, check, stats, demo --json."


def terminal_problem() -> str | None:
    """Why this terminal cannot show the TUI (None: it can). `TERM=dumb` cannot move the
    cursor or draw; a terminal that is not UTF-8 would show escapes instead of boxes and math."""
    import os

    from tutor.cli.output import utf8_output

    if os.environ.get("TERM", "").strip().lower() == "dumb":
        return f"tutor: the interactive tutor needs a terminal that can draw (TERM is 'dumb'). {HEADLESS}"
    if not utf8_output(sys.stdout):
        encoding = getattr(sys.stdout, "encoding", None) or "unknown"
        return (f"tutor: the interactive tutor needs a UTF-8 terminal (this one is {encoding}); "
                f"set a UTF-8 locale, for example LANG=C.UTF-8. {HEADLESS}")
    return None


def launch_tui(args: argparse.Namespace, exams: list, start: tuple | None) -> int:
    """Run the TUI until the learner quits; returns the exit status."""
    served = _served_by_web_driver()  # in a browser tab: the terminal checks do not apply
    problem = None if served else terminal_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    if not served and (not sys.stdout.isatty() or not sys.stdin.isatty()):
        print("tutor: the interactive tutor needs a terminal. Headless commands: answer, show, list, check, stats, demo --json.", file=sys.stderr)
        return 2
    from tutor.ui import graphics
    from tutor.ui.app import make_app

    exams = list(getattr(args, "all_exams", None) or exams)   # home offers every exam
    graphics.prepare(exams, served=served)   # asks the terminal, so before Textual starts
    app = make_app(exams, store=open_store_for(args, exams), start=start, exam_id=getattr(args, "exam", None))
    app.run()
    return int(app.return_code or 0)


def _served_by_web_driver() -> bool:
    """True when `tutor serve` (textual-serve) runs us: pipes, not a terminal, but Textual's
    web driver speaks to the browser through them."""
    import os

    return os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver:")
