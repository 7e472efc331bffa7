"""`tutor demo`: list the live demos, print one's trace as JSON, or open it in the TUI.

    tutor demo --list [--json]                 the demos, their exam parts and parameters
    tutor demo NAME --json [--set k=v …]       the trace as one JSON object
    tutor demo [NAME] [--set k=v …]            the TUI, opened at the demo

Exit status: 0 on success, 2 for an unknown demo or a bad parameter (the message lists the
demos or names the valid range).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tutor.cli.output import json_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tutor.cli.subparsers import Subparsers
    from tutor.demos.params import Demo
    from tutor.model import Exam



def add_parser(sub: Subparsers) -> None:
    """Register the `demo` command."""
    p = sub.add_parser(
        "demo",
        help="live numpy demos (the TUI, or --json for a trace)",
        description="Live numpy demos that show why the exam's answers are what they are.",
        epilog="Examples: tutor demo --list;  tutor demo vanishing --json --set depth=50 init=xavier",
    )
    p.add_argument("name", nargs="?", help="the demo to run (see --list)")
    p.add_argument("--list", action="store_true", help="list the demos and their parameters")
    p.add_argument("--json", action="store_true", help="print the trace (or, with --list, the demos) as JSON")
    p.add_argument("--set", dest="assignments", action="extend", nargs="+", default=[], metavar="K=V",
                   help="set a parameter, e.g. --set depth=50 init=xavier (repeatable)")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"tutor demo: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace, exams: list) -> int:
    """Carry out `tutor demo`; returns the exit status."""
    from tutor.demos import ParamError, UnknownDemoError, get_demo, list_demos, trace_to_json

    if args.list:
        if args.json:
            print(json_text([_demo_json(d, exams) for d in list_demos()], indent=2))
        else:
            print(_listing(list_demos(), exams))
        return 0
    if not args.name:
        if args.json or args.assignments:
            names = ", ".join(d.name for d in list_demos())
            return _fail(f"name a demo (one of: {names}); `tutor demo --list` shows their parameters")
        from tutor.cli.launch import launch_tui

        return launch_tui(args, exams, start=("demo", None))
    try:
        demo = get_demo(args.name)
        params = demo.parse(args.assignments)
    except UnknownDemoError as exc:
        return _fail(str(exc))
    except ParamError as exc:
        return _fail(f"{demo.name}: {exc}")
    if not args.json:
        from tutor.cli.launch import launch_tui

        start = ("demo", demo.name, params) if args.assignments else ("demo", demo.name)
        return launch_tui(args, exams, start=start)
    trace = demo.function()(**params)
    print(json_text(trace_to_json(trace, _links(demo.name, exams)), indent=2, allow_nan=False))
    return 0


def _links(name: str, exams: list[Exam]) -> list[str]:
    """The parts whose content links this demo: `4e`, or `EXAM:4e` when several exams have a 4e."""
    from tutor.model.ids import demo_links, qualified

    return [qualified(exam, part.id, exams) for exam, part in demo_links(exams, name)]


def _demo_json(demo: Demo, exams: list[Exam]) -> dict[str, object]:
    return {
        "name": demo.name,
        "title": demo.title,
        "summary": demo.summary,
        "parts": _links(demo.name, exams),
        "params": [
            {"name": p.name, "kind": p.kind, "default": p.default, "help": p.help,
             **({"choices": list(p.choices)} if p.kind == "choice" else {"min": p.low, "max": p.high})}
            for p in demo.params
        ],
    }


def _listing(demos: Iterable[Demo], exams: list[Exam]) -> str:
    from tutor.demos import fmt_value

    lines = []
    for demo in demos:
        links = _links(demo.name, exams)
        lines.append(f"{demo.name}  —  {demo.title}" + (f"  (exam {', '.join(links)})" if links else ""))
        lines.append(f"    {demo.summary}")
        width = max(len(f"{p.name}={fmt_value(p.default)}") for p in demo.params)
        for p in demo.params:
            setting = f"{p.name}={fmt_value(p.default)}"
            lines.append(f"    {setting:<{width}}  {p.kind:<6} {p.short_range():<22} {p.help}")
        lines.append("")
    lines.append("Run one: tutor demo NAME [--set k=v …]  (the TUI)   or   tutor demo NAME --json [--set k=v …]")
    return "\n".join(lines)
