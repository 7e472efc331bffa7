"""`tutor check [PATH…]`: validate content files; exit 0 when clean, 1 with the errors."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers
    from tutor.model import ContentError, Exam



def add_parser(sub: Subparsers) -> None:
    """Register the `check` command."""
    p = sub.add_parser("check", help="validate content files", description="Validate exam content: schema, concepts, points, and every reference answer and listed mistake against the engine.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="exam files or folders (default: the shipped content)")
    p.set_defaults(func=run, needs_content=False)


def run(args: argparse.Namespace, _exams: list) -> int:
    """Load every file, then let the engine verify answers; print a report."""
    from tutor.model import ContentErrors, load_exams

    paths = args.paths or ([args.content] if args.content else None)
    try:
        exams = load_exams(paths, demo_names=_demo_names())
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    problems = []
    for exam in exams:
        problems.extend(_engine_errors(exam))
    for error in problems:
        print(error, file=sys.stderr)
    if problems:
        print(f"{len(problems)} error(s)", file=sys.stderr)
        return 1
    for exam in exams:
        fields = sum(len(p.fields) for p in exam.parts)
        print(f"ok  {exam.id}: {len(exam.problems)} problems, {len(exam.parts)} parts, {fields} fields, {exam.points:g} points + {exam.bonus:g} bonus  ({exam.source})")
    return 0


def _demo_names() -> set[str]:
    from tutor.demos import list_demos

    return {d.name for d in list_demos()}


def _engine_errors(exam: Exam) -> list[ContentError]:
    from tutor.engine import validate_exam

    return list(validate_exam(exam))
