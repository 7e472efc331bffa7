"""Turning a source's aggregate rows into the `ClassReport`: the content's side of the sums.

The rows say what each student answered; the exam says which concepts each part is tagged
with, what each field is worth, and the words of each mistake and misconception.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.classroom.report import (
    ClassReport,
    ConceptRow,
    DueRow,
    ExamReport,
    MisconceptionRow,
    MistakeRow,
    PartRow,
)

if TYPE_CHECKING:
    from tutor.classroom.layout import ClassFolder
    from tutor.classroom.report_rows import FieldRow, HitRow, ReportRows, ReportSource
    from tutor.model import Exam, Field


def report_source(folder: ClassFolder, db: str | None = None) -> ReportSource:
    """Where a class's progress is: the PostgreSQL database at `db` (else $TUTOR_DB), or each
    student's own store in the class folder."""
    import os

    url = db if db is not None else os.environ.get("TUTOR_DB")
    if url:
        from tutor.classroom.report_pg import PostgresSource

        return PostgresSource(folder, url)
    from tutor.classroom.report_sqlite import FolderSource

    return FolderSource(folder)


def class_report(source: ReportSource, exams: list[Exam], now: datetime | None = None) -> ClassReport:
    """The report over every student the source knows, for these exams (ReportUnavailable
    when the source cannot be read at all)."""
    from tutor.study.timeutil import utc_now

    moment = now or utc_now()
    students = source.students()
    return build_report(exams, len(students), source.rows([e.id for e in exams], moment))


def build_report(exams: list[Exam], students: int, rows: ReportRows) -> ClassReport:
    """The report for these exams from every student's rows."""
    from tutor.classroom.report_rows import ReportRows as Rows

    by_exam: dict[str, ReportRows] = {exam.id: Rows() for exam in exams}
    for f in rows.fields:
        if f.exam_id in by_exam:
            by_exam[f.exam_id].fields.append(f)
    for h in rows.hits:
        if h.exam_id in by_exam:
            by_exam[h.exam_id].hits.append(h)
    for m in rows.mocks:
        if m.exam_id in by_exam:
            by_exam[m.exam_id].mocks.append(m)
    for d in rows.due:
        if d.exam_id in by_exam:
            by_exam[d.exam_id].due.append(d)
    return ClassReport(students, tuple(exam_report(e, by_exam[e.id]) for e in exams),
                       tuple(sorted(set(rows.unreadable))))


def exam_report(exam: Exam, rows: ReportRows) -> ExamReport:
    """One exam's report from its rows."""
    concepts = _concepts(exam, rows.fields)
    mistakes, misconceptions = _hits(exam, rows.hits)
    scores = tuple(sorted(m.fraction for m in rows.mocks))
    due = tuple(sorted((DueRow(d.student, d.due) for d in rows.due if d.due > 0),
                       key=lambda d: (-d.due, d.student_id)))
    started = len({f.student for f in rows.fields if f.answers > 0})
    return ExamReport(exam.id, exam.title, started, concepts, mistakes, _parts(exam, rows.fields), scores, due,
                      misconceptions)


def _concepts(exam: Exam, fields: list[FieldRow]) -> tuple[ConceptRow, ...]:
    tags = {p.id: p.concepts for p in exam.parts}
    attempts: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    missed_by: dict[str, set[str]] = defaultdict(set)
    for f in fields:
        for concept in tags.get(f.part_id, ()):  # a part since removed from the content counts nowhere
            attempts[concept] += f.answers
            if f.misses:
                misses[concept] += f.misses
                missed_by[concept].add(f.student)
    rows = (ConceptRow(cid, exam.concepts[cid].title if cid in exam.concepts else cid, len(missed_by[cid]),
                       misses[cid], attempts[cid])
            for cid in set(exam.concepts) | set(attempts))
    return tuple(sorted(rows, key=lambda c: (-c.students_missed, -c.misses, c.id)))


def _parts(exam: Exam, fields: list[FieldRow]) -> tuple[PartRow, ...]:
    specs = {p.id: ([(f.full_id, f.points) for f in p.fields], p.points) for p in exam.parts}
    mine: dict[tuple[str, str], dict[str, FieldRow]] = {}  # (student, part) -> field -> row
    for f in fields:
        if f.answers > 0 and f.part_id in specs:  # a part since removed from the content counts nowhere
            mine.setdefault((f.student, f.part_id), {})[f.field_id] = f
    tried: Counter[str] = Counter()
    right: Counter[str] = Counter()
    first: dict[str, list[float]] = defaultdict(list)
    for (_, part_id), answered in mine.items():
        part_fields, points = specs[part_id]
        tried[part_id] += 1
        earned, all_right = 0.0, True
        for full_id, field_points in part_fields:
            row = answered.get(full_id)
            if row is None:
                all_right = False  # a field not answered: not right, and 0 on the first try
                continue
            earned += row.first * field_points
            all_right = all_right and row.latest_correct == 1
        right[part_id] += all_right
        first[part_id].append(earned / points if points else 0.0)
    return tuple(PartRow(p.id, p.points, tried[p.id], right[p.id],
                         statistics.fmean(first[p.id]) if first.get(p.id) else None) for p in exam.parts)


def _field(exam: Exam, field_id: str) -> Field | None:
    """The field with the exam's numbers filled in (its feedback names them), if it still exists."""
    from tutor.engine.exam_numbers import exam_field

    try:
        return exam_field(exam, field_id)
    except (KeyError, StopIteration):
        return None


def _hits(exam: Exam, hits: list[HitRow]) -> tuple[tuple[MistakeRow, ...], tuple[MisconceptionRow, ...]]:
    times: Counter[tuple[str, str, bool]] = Counter()
    who: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    fields: dict[str, Field | None] = {}
    for h in hits:
        fld = fields[h.field_id] if h.field_id in fields else fields.setdefault(h.field_id, _field(exam, h.field_id))
        # a written answer stored before all its misconceptions were kept has the first in `mistake`
        written = h.written or (fld is not None and any(m.id == h.id for m in fld.misconceptions))
        key = (h.field_id, h.id, written)
        times[key] += h.times
        who[key].add(h.student)
    mistakes: list[MistakeRow] = []
    misconceptions: list[MisconceptionRow] = []
    for key, n in times.items():
        field_id, hit_id, written = key
        fld, students = fields.get(field_id), len(who[key])
        if written:
            found = next((m for m in fld.misconceptions if m.id == hit_id), None) if fld else None
            concept, words = ((found.concept or ""), _words(found.feedback)) if found else ("", "")
            misconceptions.append(MisconceptionRow(field_id, hit_id, concept, words, students, n))
        else:
            listed = next((m for m in fld.mistakes if m.id == hit_id), None) if fld else None
            mistakes.append(MistakeRow(field_id, hit_id, _words(listed.feedback) if listed else "", students, n))
    mistakes.sort(key=lambda r: (-r.students, -r.times, r.field_id, r.id))
    misconceptions.sort(key=lambda r: (-r.students, -r.times, r.field_id, r.id))
    return tuple(mistakes), tuple(misconceptions)


def _words(text: str) -> str:
    """Feedback on one line, its math as Unicode (as the tutor shows it)."""
    from tutor.mathtext import render_text

    return " ".join(render_text(text).split())

