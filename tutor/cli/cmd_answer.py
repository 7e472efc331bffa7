"""`tutor answer PART[.FIELD] ANSWER [--json] [--variant N]`: check one answer headless.

Prints how the answer was read, the verdict and the feedback (or one JSON object with
--json). Exit status: 0 correct, 1 partial or incorrect, 2 invalid input or unknown id (or a
mock of the exam running: exam conditions, verdict "closed"), 3 self-grade (text fields).
Nothing is recorded.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tutor.cli.output import json_text

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers
    from tutor.engine import Result
    from tutor.model import Exam, Field


EXIT = {"correct": 0, "partial": 1, "incorrect": 1, "invalid": 2, "self-grade": 3}


def add_parser(sub: Subparsers) -> None:
    """Register the `answer` command."""
    p = sub.add_parser(
        "answer",
        help="check one answer headless",
        description="Check one answer against a part's field and print the verdict. "
                    "Exit 0 correct, 1 partial/incorrect, 2 invalid or unknown id, 3 self-grade.",
    )
    p.add_argument("target", metavar="PART[.FIELD]", help="e.g. 4a or 2b.dW (prefix EXAM: for another exam)")
    # REMAINDER, so an answer that starts with a minus sign (-ln(0.3)) is not taken for an option
    p.add_argument("answer", nargs=argparse.REMAINDER, metavar="ANSWER", help="the answer, in the answer language (quote it)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--variant", type=int, default=None, metavar="N", help="check against variant N (0 = the exam's numbers)")
    p.set_defaults(func=run)


def resolve(target: str, exams: list[Exam]) -> tuple[Exam, Field]:
    """(exam, field) for `PART[.FIELD]` or `EXAM:PART[.FIELD]`; KeyError with a reason if none.

    A bare id must belong to exactly one exam; otherwise the message names the exams."""
    from tutor.model.ids import IdError, find_field

    try:
        return find_field(target, exams)
    except IdError as exc:
        message = str(exc)
        if message.startswith("unknown part"):
            message = f"unknown id '{target}'"
        raise KeyError(message) from None


def _valid_ids(exams: list) -> str:
    ids = []
    for exam in exams if len(exams) == 1 else []:
        for part in exam.parts:
            ids.extend([part.id] if len(part.fields) == 1 else [f.full_id for f in part.fields])
    return ", ".join(ids)


def split_answer(args: argparse.Namespace) -> str | None:
    """Join the answer words, taking out --json / --variant N typed after the answer."""
    words = list(args.answer) if isinstance(args.answer, (list, tuple)) else [args.answer]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--" and not out:
            pass   # ends the options typed before the answer (`4a --variant 3 -- -x`), never part of it
        elif word == "--json":
            args.json = True
        elif word == "--variant":
            value = words[i + 1] if i + 1 < len(words) else ""
            args.variant = _variant_number(value)
            i += 1
        elif word.startswith("--variant="):
            args.variant = _variant_number(word[10:])
        else:
            out.append(word)
        i += 1
    return " ".join(out) if out else None


class BadOption(ValueError):
    """An option typed after the answer that cannot be read (`--variant=abc`)."""


def _variant_number(value: str) -> int:
    if not value.strip().isdigit():
        shown = f"'{value}'" if value else "nothing"
        raise BadOption(f"--variant needs a whole number 0 or more (0 = the exam's numbers), got {shown}")
    return int(value)


def run(args: argparse.Namespace, exams: list) -> int:
    """Check the answer and print the result; returns the exit status."""
    from tutor.engine import check

    try:
        answer = split_answer(args)
    except BadOption as exc:
        print(f"tutor answer: {exc}", file=sys.stderr)
        return 2
    if answer is None:
        print("tutor answer: missing ANSWER (e.g. tutor answer 4a \"-ln(0.3)\")", file=sys.stderr)
        return 2
    if not exams:
        print("tutor answer: no exams are loaded", file=sys.stderr)
        return 2
    try:
        exam, field = resolve(args.target, exams)
    except KeyError as exc:
        message = exc.args[0] if exc.args else str(exc)
        if args.json:
            print(json_text({"id": args.target, "verdict": "invalid", "error": message}))
        print(f"tutor answer: {message}", file=sys.stderr)
        if len(exams) == 1:
            print(f"valid ids: {_valid_ids(exams)}", file=sys.stderr)
        return 2
    closed = _exam_conditions(args, exam)
    if closed is not None:
        if args.json:
            print(json_text({"id": field.full_id, "verdict": "closed", "error": closed}))
        print(f"tutor answer: {closed}", file=sys.stderr)
        return 2
    params = None
    if args.variant or exam.part(field.part_id).params:
        try:
            from tutor.engine.variants import part_params

            params = part_params(exam.part(field.part_id), args.variant or 0)
        except (ImportError, ValueError) as exc:
            print(f"tutor answer: variant {args.variant}: {exc}", file=sys.stderr)
            return 2
    result = check(field, answer, params=params)
    if args.json:
        print(json_text(result.to_json()))
    else:
        print(render_text(result))
    return EXIT.get(result.verdict, 2)


def _exam_conditions(args: argparse.Namespace, exam: Exam) -> str | None:
    """Why nothing of this exam is checked now (a mock of it is running), or None."""
    from tutor.study.answering import running_mock_at
    from tutor.study.timeutil import utc_now

    session = running_mock_at(getattr(args, "data_dir", None), exam.id)
    if session is None:
        return None
    left = max(int(session.remaining(utc_now()).total_seconds() + 0.999), 0)
    return (f"a mock of {exam.id} is running ({left // 60}:{left % 60:02d} left): its answers are not "
            "checked until the mock is submitted (exam conditions)")


def render_text(result: Result) -> str:
    """The human-readable report of one result, its `$…$` math shown as Unicode (the JSON
    keeps the LaTeX)."""
    from tutor.mathtext import render_text as math

    lines = [f"{result.field_id}: {result.verdict}  ({round(result.score, 2):g}/{result.max:g} points)"]
    if result.interpreted:
        lead = "your answer:" if result.verdict == "self-grade" else "interpreted as"
        lines.insert(0, f"{lead} {result.interpreted}")
    lines.extend(f"  {math(line)}" for line in result.feedback)
    lines.extend(f"  note: {w}" for w in result.warnings)
    if result.evidence:
        lines.append("  rubric (a suggestion; tick what you really wrote, against the model answer):")
        for e in result.evidence:
            mark = "✗" if e.contradicted else "✓" if e.found else "·"
            shown = f"  [{', '.join(e.matched)}]" if e.matched and e.found else ""
            lines.append(f"    {mark} {math(e.item.idea)}{shown}")
    if result.exact:
        from tutor.mathtext import unwrap

        label = "model answer" if result.verdict == "self-grade" else "exact"
        shown = math(unwrap(result.exact.strip()))   # the YAML's line breaks joined, as `show` does
        lines.append(f"  {label}: " + shown.replace("\n", "\n    "))
    return "\n".join(lines)
