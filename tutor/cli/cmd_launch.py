"""The commands that open the TUI: `tutor` (home), `practice [PART]`, `mock`, `review`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tutor.cli.launch import launch_tui

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers



def add_parser(sub: Subparsers) -> None:
    """Register `practice`, `mock` and `review`."""
    p = sub.add_parser("practice", help="practise part by part (the TUI, opened at PART)")
    p.add_argument("part", nargs="?", help="a part id such as 4a")
    p.set_defaults(func=run_practice)
    p = sub.add_parser("mock", help="sit a timed mock midterm (resumes one in progress)")
    p.add_argument("--minutes", type=minutes_arg, default=None, help="length in minutes, decimals allowed (default: the exam's)")
    p.set_defaults(func=run_mock)
    p = sub.add_parser("review", help="review the concepts that are due")
    p.set_defaults(func=run_review)


def minutes_arg(text: str) -> float:
    """An argparse type: a length in minutes, more than 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes") from None
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError("minutes must be more than 0 and at most 1440")
    return value


def run_home(args: argparse.Namespace, exams: list) -> int:
    """`tutor` with no command: the home screen."""
    return launch_tui(args, exams, start=None)


def run_practice(args: argparse.Namespace, exams: list) -> int:
    """`tutor practice [PART]`."""
    part_id = args.part
    if args.part:
        from tutor.model.ids import IdError, find_part

        try:
            exam, part, _ = find_part(args.part, exams)
        except IdError as exc:
            print(f"tutor practice: {exc}", file=sys.stderr)
            return 2
        args.exam, part_id = exam.id, part.id
    return launch_tui(args, exams, start=("practice", part_id))


def run_mock(args: argparse.Namespace, exams: list) -> int:
    """`tutor mock [--minutes N]`."""
    return launch_tui(args, exams, start=("mock", args.minutes))


def run_review(args: argparse.Namespace, exams: list) -> int:
    """`tutor review`."""
    return launch_tui(args, exams, start=("review",))
