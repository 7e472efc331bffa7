"""`tutor serve`: the tutor for a class, in the browser (see tutor.serve)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers
    from tutor.model import Exam


def add_parser(sub: Subparsers) -> None:
    """Register the `serve` command."""
    from tutor.cli.cmd_launch import minutes_arg
    from tutor.serve.config import DEFAULT_IDLE_MINUTES

    p = sub.add_parser("serve", help="serve the tutor to a class in the browser, after sign-in")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; put a TLS proxy in front for a class)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--public-url", metavar="URL", default=None,
                   help="the address students open, e.g. https://tutor.example.edu (default http://HOST:PORT)")
    p.add_argument("--max-sessions", type=_positive, default=None, metavar="N",
                   help="tutor sessions at once (default: 20 per CPU core, within half the memory)")
    p.add_argument("--idle-minutes", type=minutes_arg, default=DEFAULT_IDLE_MINUTES, metavar="M",
                   help=f"end a session nobody has typed in for M minutes (default {DEFAULT_IDLE_MINUTES:g})")
    p.add_argument("--no-fork", dest="fork", action="store_false",
                   help="start every tab as a new tutor process instead of a fork of a warm one (slower)")
    p.set_defaults(func=run)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is between 0 and 65535")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Serve until Ctrl+C."""
    import sys

    from tutor.serve.config import ServeConfig, default_max_sessions

    if args.public_url and not args.public_url.lower().startswith(("http://", "https://")):
        print("tutor serve: --public-url must start with http:// or https://", file=sys.stderr)
        return 2
    import os

    db = getattr(args, "db", None) or os.environ.get("TUTOR_DB") or None
    if db:
        from tutor.study.pg import database_problem

        problem = database_problem(db)
        if problem is not None:
            print(f"tutor serve: {problem}", file=sys.stderr)
            return 2
    config = ServeConfig(data_dir=getattr(args, "data_dir", None), db=db, content=getattr(args, "content", None),
                         host=args.host, port=args.port, public_url=args.public_url,
                         max_sessions=args.max_sessions or default_max_sessions(), idle_minutes=args.idle_minutes,
                         exams=exams, fork=args.fork)
    from tutor.serve.run import run as serve

    return serve(config)
