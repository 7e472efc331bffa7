"""`tutor stats [--json]`: progress from the study store — mastery, mistakes, mock history."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from tutor.cli.output import json_text

if TYPE_CHECKING:
    from datetime import datetime

    from tutor.cli.subparsers import Subparsers
    from tutor.model import Exam
    from tutor.study.store import Store
    from tutor.study.tolerant import Problems


TITLE_WIDTH = 30  # keeps the mastery table inside 80 columns


def add_parser(sub: Subparsers) -> None:
    """Register the `stats` command."""
    p = sub.add_parser("stats", help="progress: mastery per concept, frequent mistakes, mock history")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def stats_json(store: Store, exams: list[Exam], problems: Problems | None = None) -> dict[str, Any]:
    """The `--json` object: totals across exams, each list item naming its exam."""
    out: dict[str, Any] = {"attempts": 0, "mocks": [], "concepts": [], "mistakes": [],
                 "exams": [e.id for e in exams], "store": str(store.path) if store.path else None,
                 "warning": store.warning}
    now = store.now()
    for exam in exams:
        data = store.stats(exam, now, problems).to_json()
        out["attempts"] += data["attempts"]
        for key in ("mocks", "concepts", "mistakes"):
            out[key] += [{**item, "exam": exam.id} for item in data[key]]
        due = store.due_concepts(exam.id, now, problems)
        next_due = store.next_due(exam.id, now, problems)
        out.setdefault("due", []).extend({"exam": exam.id, "id": c.concept} for c in due)
        out.setdefault("next_due", {})[exam.id] = next_due.isoformat() if next_due else None
    return out


def render(store: Store, exams: list[Exam], problems: Problems | None = None) -> str:
    """The human-readable report."""
    from tutor.study import sparkline
    from tutor.study.stats import percent
    from tutor.study.timeutil import clock_time, until

    now = store.now()
    lines: list[str] = []
    for exam in exams:
        stats = store.stats(exam, now, problems)
        due = store.due_concepts(exam.id, now, problems)
        next_due = store.next_due(exam.id, now, problems)
        lines += [exam.title, "=" * len(exam.title), f"Answers recorded: {stats.attempts}"]
        if due:
            names = ", ".join(_title(exam, c.concept) for c in due)
            lines.append(textwrap.fill(f"Due for review now ({len(due)}): {names}", 79, subsequent_indent="  "))
        elif next_due:
            lines.append(f"Nothing due; next review {until(next_due, now)} ({_local(next_due)}).")
        else:
            lines.append("Nothing to review yet: practise a few parts or sit a mock first.")
        lines.append("")
        lines.append(f"{exam.word('mocks')} ({len(stats.mocks)})")
        if stats.mocks:
            lines.append(f"  scores: {sparkline([m.score or 0 for m in stats.mocks], 0, exam.points)}")
            for m in stats.mocks[-10:]:
                bonus = f" + {m.bonus:g}/{m.max_bonus:g} bonus" if m.max_bonus else ""
                lines.append(f"  {_local(m.started_at)}  {m.score or 0:g}/{m.max_score or exam.points:g}{bonus}"
                             f"  in {clock_time(m.time_used_s or 0)}  ({m.submit_reason})")
        else:
            lines.append("  none yet: `tutor mock` starts one.")
        lines += ["", "Mastery (recall = FSRS retrievability, \"learning\" just after a miss;",
                  "         accuracy = last 10 answers)"]
        width = min(max((len(c.title) for c in stats.concepts), default=10), TITLE_WIDTH)
        lines.append(f"  {'concept':<{width}}  {'mastery':<13}    recall  accuracy  review")
        for c in sorted(stats.concepts, key=lambda c: (c.mastery is None, c.mastery or 0)):
            lines.append(f"  {_cut(c.title, width):<{width}}  {_bar(c.mastery)}  {c.recall_text():>8}"
                         f"  {percent(c.accuracy):>8}  {c.review_text(now)}")
        lines += ["", "Most frequent mistakes"]
        if not stats.mistakes:
            lines.append("  none recorded.")
        from tutor.engine.mistake_text import mistake_summary

        for mistake in stats.mistakes:
            head = f"  {mistake.count:>3}×  {mistake.field_id}  "
            lines.append(head + mistake_summary(exam, mistake.field_id, mistake.id, 80 - len(head)))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _title(exam: Exam, concept: str) -> str:
    """A concept's title (its tag if the content no longer defines it)."""
    return exam.concepts[concept].title if concept in exam.concepts else concept


def _bar(value: float | None, width: int = 8) -> str:
    """A small fill bar with the percentage (13 columns), or dots for never practised."""
    if value is None:
        return f"{'·' * width}    —"
    full = round(value * width)
    return f"{'█' * full}{'░' * (width - full)} {round(value * 100):>3d}%"


def _cut(text: str, width: int) -> str:
    """Text cut to a column width with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _local(moment: datetime) -> str:
    """A UTC time shown in the local time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def run(args: argparse.Namespace, exams: list) -> int:
    """Print the statistics (exit 0; the store's warning, if any, goes to stderr)."""
    from tutor.study import open_store
    from tutor.study.tolerant import Problems

    store = open_store(getattr(args, "data_dir", None), exams=exams)
    problems = Problems()
    try:
        if store.warning:
            print(f"tutor: {store.warning}", file=sys.stderr)
        if args.json:
            data = stats_json(store, exams, problems)
            data["skipped"] = dict(sorted(problems.skipped.items()))
            data["missing_tables"] = sorted(problems.missing)
            text = json_text(data, indent=2)
        else:
            text = render(store, exams, problems)
        if problems:
            print(f"tutor: {problems.summary()}", file=sys.stderr)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    finally:
        store.close()
    return 0
