"""`tutor show PART [--variant N] [--json]`: a part's prompt as the TUI shows it, for any variant."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING

from tutor.cli.output import json_text

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers
    from tutor.model import Exam, Part


def add_parser(sub: Subparsers) -> None:
    """Register the `show` command."""
    p = sub.add_parser("show", help="print a part's rendered prompt",
                       description="Print a part's prompt with its math rendered (and its numbers "
                                   "filled in for --variant N; 0 is the exam's own numbers).")
    p.add_argument("part", metavar="PART", help="e.g. 4a (prefix EXAM: for another exam)")
    p.add_argument("--variant", type=int, default=None, metavar="N", help="show variant N of a part with params")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _find(target: str, exams: list[Exam]) -> tuple[Exam, Part]:
    from tutor.model.ids import find_part

    exam, part, _ = find_part(target, exams)
    return exam, part


def as_json(exam: Exam, part: Part, variant: int | None) -> dict[str, object]:
    """The JSON shape of `tutor show --json` (prompt text as written, LaTeX and all)."""
    problem = exam.problem_of(part.id)
    return {
        "exam": exam.id, "part": part.id, "problem": problem.id, "title": problem.title,
        "points": part.points, "variant": variant, "variants": bool(part.params),
        "context": problem.context, "prompt": part.prompt, "figure": part.figure,
        "figure_image": part.figure_image,
        "fields": [{"id": f.full_id, "kind": f.kind, "label": f.label, "points": f.points,
                    "options": list(f.options), "multiple": f.multiple, "max_sentences": f.max_sentences}
                   for f in part.fields],
    }


def run(args: argparse.Namespace, exams: list) -> int:
    """Print the part; exit 2 for an unknown part or a variant it does not have."""
    from tutor.engine.variants import render_part
    from tutor.model.ids import IdError

    try:
        exam, part = _find(args.part, exams)
    except IdError as exc:
        message = str(exc)
        if message.startswith("unknown part") and len(exams) == 1:
            ids = ", ".join(p.id for p in exams[0].parts)
            message = f"unknown part '{args.part}'\nvalid parts: {ids}"
        print(f"tutor show: {message}", file=sys.stderr)
        return 2
    try:
        shown = render_part(part, args.variant or 0)
    except ValueError as exc:
        print(f"tutor show: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json_text(as_json(exam, shown, args.variant), indent=2))
        return 0
    width = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    print(render(exam, shown, args.variant, width=width))
    return 0


def _prose(text: str, width: int) -> str:
    """YAML text as paragraphs: its hard line breaks joined (as the TUI does), then wrapped
    to `width` columns when there is one (a terminal); piped, each paragraph is one line."""
    from tutor.mathtext import render_text, unwrap

    shown = render_text(unwrap(text.strip()))
    if width <= 0:
        return shown
    out = []
    for line in shown.split("\n"):
        if len(line) <= width or line.startswith((" ", "\t")):
            out.append(line)
        else:
            out.append(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def render(exam: Exam, part: Part, variant: int | None, width: int = 0) -> str:
    """The part as plain text with Unicode math, paragraphs reflowed (see `_prose`)."""
    from tutor.mathtext import render_text

    def render_prose(text: str) -> str:
        return _prose(text, width)

    problem = exam.problem_of(part.id)
    tag = f"  (variant {variant})" if variant else ""
    lines = [f"Problem {problem.id}: {problem.title}", f"Part {part.id}  [{part.points:g} points]{tag}", ""]
    if problem.context.strip():
        lines += [render_prose(problem.context), ""]
    lines.append(render_prose(part.prompt))
    if part.figure:
        lines += ["", render_prose(f"[figure] {part.figure.strip()}")]
    if part.figure_image:
        lines.append(f"[image] {part.figure_image}")
    lines.append("")
    for f in part.fields:
        extra = ""
        if f.options:
            letters = "abcdefghijklmnopqrstuvwxyz"
            extra = "  options: " + "; ".join(f"({letters[i]}) {o}" for i, o in enumerate(f.options))
            extra += "  (choose several)" if f.multiple else ""
        if f.max_sentences:
            extra = f"  (at most {f.max_sentences} sentences)"
        label = f"  {render_text(f.label)}" if f.label else ""
        lines.append(f"  {f.full_id} [{f.kind}, {f.points:g} pts]{label}{extra}")
    return "\n".join(lines)
