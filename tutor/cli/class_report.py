"""`tutor class report`: the class report (tutor.classroom.report) as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.classroom.report import ClassReport, ExamReport
    from tutor.model import Exam

TOP = 10


def print_report(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Compute the report (from each student's store, or in the class database with `--db` /
    TUTOR_DB) and print it in the asked format."""
    from tutor.classroom import ClassFolder
    from tutor.classroom.report_build import class_report, report_source
    from tutor.classroom.report_rows import ReportUnavailable

    folder = ClassFolder.under(getattr(args, "data_dir", None))
    db = getattr(args, "db", None) or os.environ.get("TUTOR_DB") or ""
    if not db and not folder.roster_path.exists():
        print(f"tutor class report: no class in {folder.root}; add students with `tutor class roster import FILE`",
              file=sys.stderr)
        return 2
    try:
        report = class_report(report_source(folder, db), exams)
    except ReportUnavailable as exc:
        print(f"tutor class report: {exc}", file=sys.stderr)
        return 1
    if report.unreadable:
        print(f"tutor class report: the progress of {len(report.unreadable)} student(s) could not be read "
              f"(damaged, locked, or from a newer tutor): {', '.join(report.unreadable[:10])}"
              + (" …" if len(report.unreadable) > 10 else ""), file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(report_csv(report))
    else:
        sys.stdout.write(report_text(report))
    return 0


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def report_text(report: ClassReport) -> str:
    """The report for a person: the top of each list, and the mock scores as a bar chart."""
    out = [f"Class report · {report.students} student(s) on the roster"]
    for exam in report.exams:
        out += _exam_text(exam)
    return "\n".join(out) + "\n"


def _exam_text(exam: ExamReport) -> list[str]:
    out = ["", f"{exam.title} ({exam.exam_id}) · {exam.students_started} started", ""]
    missed = [c for c in exam.concepts if c.misses][:TOP]
    out.append(f"{'Most-missed concepts':<44} students  misses  answers")
    out += [f"  {c.title[:42]:<42} {c.students_missed:>8} {c.misses:>7} {c.attempts:>8}" for c in missed]
    if not missed:
        out.append("  (no misses yet)")
    out += ["", f"{'Mistakes made most':<52} students  times"]
    out += [f"  {m.field_id + ' ' + m.id:<50} {m.students:>8} {m.times:>6}" for m in exam.mistakes[:TOP]]
    if not exam.mistakes:
        out.append("  (none yet)")
    out += ["", f"{'Misconceptions in written answers':<52} students  times"]
    out += [f"  {m.field_id + ' ' + m.id:<50} {m.students:>8} {m.times:>6}" for m in exam.misconceptions[:TOP]]
    if not exam.misconceptions:
        out.append("  (none yet)")
    tried = sorted((p for p in exam.parts if p.tried), key=lambda p: (-(p.difficulty or 0), p.id))
    out += ["", "Parts, hardest first        tried  right  difficulty  first try"]
    out += [f"  {p.id:<24} {p.tried:>6} {p.right:>6} {_pct(p.difficulty):>11} {_pct(p.first_try):>10}"
            for p in tried]
    if not tried:
        out.append("  (nobody has answered yet)")
    out += ["", f"Mock scores (each student's last mock): {len(exam.mock_scores)} mock(s), "
                f"median {_pct(exam.mock_median)}"]
    counts = exam.mock_histogram()
    widest = max(counts) or 1
    for i, n in enumerate(counts):
        out.append(f"  {f'{i * 10}–{i * 10 + 10}%':>8} {'█' * round(20 * n / widest):<20} {n}")
    out += ["", "Reviews due"]
    out += [f"  {d.student_id:<40} {d.due} concept(s)" for d in exam.due]
    if not exam.due:
        out.append("  (nobody has reviews due)")
    return out


def report_csv(report: ClassReport) -> str:
    """CSV tables, one after another (a blank line between), each row led by its table's name:
    concepts, mistakes, misconceptions, parts, mock_scores, due (columns in docs/serving.md)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["table", "exam", "concept", "title", "students_missed", "misses", "answers"])
    for e in report.exams:
        for c in e.concepts:
            w.writerow(["concepts", e.exam_id, c.id, c.title, c.students_missed, c.misses, c.attempts])
    w.writerow([])
    w.writerow(["table", "exam", "field", "mistake", "students", "times", "feedback"])
    for e in report.exams:
        for m in e.mistakes:
            w.writerow(["mistakes", e.exam_id, m.field_id, m.id, m.students, m.times, m.feedback])
    w.writerow([])
    w.writerow(["table", "exam", "field", "misconception", "students", "times", "concept", "feedback"])
    for e in report.exams:
        for mc in e.misconceptions:
            w.writerow(["misconceptions", e.exam_id, mc.field_id, mc.id, mc.students, mc.times, mc.concept,
                        mc.feedback])
    w.writerow([])
    w.writerow(["table", "exam", "part", "points", "tried", "right", "difficulty", "first_try"])
    for e in report.exams:
        for p in e.parts:
            w.writerow(["parts", e.exam_id, p.id, f"{p.points:g}", p.tried, p.right,
                        "" if p.difficulty is None else f"{p.difficulty:.4f}",
                        "" if p.first_try is None else f"{p.first_try:.4f}"])
    w.writerow([])
    w.writerow(["table", "exam", "from_percent", "to_percent", "mocks"])
    for e in report.exams:
        for i, n in enumerate(e.mock_histogram()):
            w.writerow(["mock_scores", e.exam_id, i * 10, i * 10 + 10, n])
    w.writerow([])
    w.writerow(["table", "exam", "student", "concepts_due"])
    for e in report.exams:
        for d in e.due:
            w.writerow(["due", e.exam_id, d.student_id, d.due])
    return out.getvalue()
