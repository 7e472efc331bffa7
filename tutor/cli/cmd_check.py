"""`tutor check [PATH…]`: validate content files; exit 0 when clean, 1 with the errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers
    from tutor.model import ContentError, Exam


SECONDS_PER_FILE = 1.8


def add_parser(sub: Subparsers) -> None:
    """Register the `check` command."""
    p = sub.add_parser("check", help="validate content files", description="Validate exam content: schema, concepts, points, and every reference answer and listed mistake against the engine.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="exam files or folders (default: the shipped content)")
    p.add_argument("--schema", action="store_true",
                   help="print where the JSON Schema of the format is (for `# yaml-language-server: $schema=…`)")
    p.set_defaults(func=run, needs_content=False)


def schema_path() -> Path:
    """The JSON Schema of the content format, shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "schema" / "exam.schema.json"


def run(args: argparse.Namespace, _exams: list) -> int:
    """Load every file, then let the engine verify answers; print a report.

    Errors and warnings are printed as `file:line:column: message`, root cause first; the exit
    status is 1 when there is any error, 0 when there are only warnings (or nothing).
    """
    import time

    from tutor.model import ContentErrors, load_exams

    if getattr(args, "schema", False):
        print(schema_path())
        return 0
    started = time.process_time()  # CPU time: a busy machine must not make a sound file fail
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
        # about 2 s per file in all: the engine gets what loading left (variants beyond the
        # exam's own numbers are checked only while time is left)
        left = started + SECONDS_PER_FILE * len(exams) - time.process_time()
        problems.extend(_engine_errors(exam, max(left / max(len(exams), 1), 0.5)))
    errors = [p for p in problems if not getattr(p, "warning", False)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    for exam in exams:
        fields = sum(len(p.fields) for p in exam.parts)
        print(f"ok  {exam.id}: {len(exam.problems)} problems, {len(exam.parts)} parts, {fields} fields, {exam.points:g} points + {exam.bonus:g} bonus  ({exam.source})")
    if problems:
        print(f"{len(problems)} warning(s)", file=sys.stderr)
    return 0


def _demo_names() -> set[str]:
    from tutor.demos import list_demos

    return {d.name for d in list_demos()}


def _engine_errors(exam: Exam, seconds: float) -> list[ContentError]:
    from tutor.engine.validate import validate_exam

    return list(validate_exam(exam, seconds=seconds))
