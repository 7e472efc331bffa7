"""The `tutor` command line: argument parsing and dispatch to one module per command.

Commands that open the TUI go through `tutor.cli.launch`; headless commands print and
return an exit status. Importing this module stays cheap (no numpy, lark or Textual).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from tutor.model import Exam

COMMAND_MODULES = (
    "tutor.cli.cmd_launch",
    "tutor.cli.cmd_answer",
    "tutor.cli.cmd_show",
    "tutor.cli.cmd_demo",
    "tutor.cli.cmd_check",
    "tutor.cli.cmd_list",
    "tutor.cli.cmd_stats",
    "tutor.cli.cmd_serve",
    "tutor.cli.cmd_class",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error names the command that was not understood."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options, then one subcommand per module."""
    parser = _Parser(
        prog="tutor",
        description="A terminal tutor for the ECE C147/C247 Winter 2021 deep-learning midterm.",
        epilog="With no command, tutor opens the home screen.",
    )
    _add_global_options(parser, None)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    for command in sub.choices.values():  # `tutor stats --data-dir X` works as well as `tutor --data-dir X stats`
        _add_global_options(command, argparse.SUPPRESS)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    """--content, --data-dir, --exam and --db; on a subcommand their default is SUPPRESS, so an option
    given before the command is not overwritten."""
    parser.add_argument("--content", metavar="DIR", default=default,
                        help="content folder or exam file (default: the shipped exams and your exams folder)")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where progress is stored (env TUTOR_DATA_DIR); exams in its exams/ folder are offered too")
    parser.add_argument("--exam", metavar="ID", default=default,
                        help="the exam to use when several are loaded (see `tutor list`)")
    parser.add_argument("--db", metavar="URL", default=default,
                        help="keep progress in this PostgreSQL database (postgresql://…, env TUTOR_DB) "
                             "instead of the data dir's SQLite file")


def _version() -> str:
    from tutor import __version__

    return f"tutor {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from tutor.cli.output import setup_streams, undecodable_argument

    setup_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    problem = undecodable_argument(argv)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    db = getattr(args, "db", None)
    if db is not None:
        if not db.startswith(("postgresql://", "postgres://")):
            print("tutor: --db must be a PostgreSQL URL (postgresql://user@host:port/dbname)", file=sys.stderr)
            return 2
        import os

        os.environ["TUTOR_DB"] = db  # every store this command opens (and its sessions) uses it
    func = getattr(args, "func", None)
    if func is None:
        from tutor.cli.cmd_launch import run_home

        func = run_home
    try:
        exams = _load(args) if getattr(args, "needs_content", True) else []
        if exams is None:
            return int(getattr(args, "exit_status", 1))
        return int(func(args, exams) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _load(args: argparse.Namespace) -> list[Exam] | None:
    """The exams the command works on: every exam found, or the one `--exam` names (the TUI
    keeps them all in `args.all_exams`, to offer on home). None after printing why not."""
    from tutor.model import ContentErrors
    from tutor.model.content import discover_exams
    from tutor.model.ids import IdError, find_exam

    try:
        exams, skipped = discover_exams(getattr(args, "content", None), getattr(args, "data_dir", None))
    except ContentErrors as exc:
        print("tutor: the content has errors:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        print("Run `tutor check` after fixing them.", file=sys.stderr)
        return None
    if skipped:
        files = sorted({e.file for e in skipped})
        print(f"tutor: skipped {', '.join(files)} ({len(skipped)} problem(s); `tutor check {files[0]}` lists them)",
              file=sys.stderr)
    args.all_exams = exams
    if getattr(args, "exam", None):
        try:
            exams = [find_exam(args.exam, exams)]
        except IdError as exc:
            print(f"tutor: {exc}", file=sys.stderr)
            args.exit_status = 2
            return None
    return exams


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
