"""`tutor list [--json]`: exams, parts, points, concepts and fields with their kinds."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tutor.cli.output import json_text

if TYPE_CHECKING:
    from tutor.cli.subparsers import Subparsers



def add_parser(sub: Subparsers) -> None:
    """Register the `list` command."""
    p = sub.add_parser("list", help="list exams, parts and fields")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def exams_as_json(exams: list) -> dict:
    """The JSON shape of `tutor list --json`."""
    return {
        "exams": [
            {
                "id": exam.id,
                "title": exam.title,
                "minutes": exam.minutes,
                "points": exam.points,
                "bonus": exam.bonus,
                "parts": [
                    {
                        "id": part.id,
                        "points": part.points,
                        "concepts": list(part.concepts),
                        "fields": [{"id": f.full_id, "kind": f.kind} for f in part.fields],
                    }
                    for part in exam.parts
                ],
            }
            for exam in exams
        ]
    }


def run(args: argparse.Namespace, exams: list) -> int:
    """Print the listing."""
    if args.json:
        print(json_text(exams_as_json(exams), indent=2))
        return 0
    for exam in exams:
        print(f"{exam.id}  {exam.title}  ({exam.minutes} min, {exam.points:g} points + {exam.bonus:g} bonus)")
        for problem in exam.problems:
            tag = "  bonus" if problem.bonus else ""
            print(f"  Problem {problem.id}: {problem.title}  [{problem.points:g} pts{tag}]")
            for part in problem.parts:
                fields = ", ".join(f"{f.full_id} ({f.kind})" for f in part.fields)
                print(f"    {part.id:<4} {part.points:>4g} pts  {', '.join(part.concepts)}")
                print(f"         fields: {fields}")
    return 0
