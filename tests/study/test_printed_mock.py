"""The mock covers the exam as printed: 100 + 6 points, without the tutor's added numeric
companions, which stay in practice."""

from __future__ import annotations

from tutor.model.printed import printed_exam
from tutor.study import open_store


def test_the_printed_exam_drops_the_tutors_additions_and_keeps_the_points(exam):
    added = [f.full_id for p in exam.parts for f in p.fields if f.addition]
    assert {"1c.shrink", "1c.ratio", "4g.v_factor", "4g.a_factor", "5a.target"} <= set(added)
    printed = printed_exam(exam)
    assert not [f for p in printed.parts for f in p.fields if f.addition]
    for part in printed.parts:
        assert abs(sum(f.points for f in part.fields) - part.points) < 1e-6, part.id
    assert printed.part("1c").field("explain").points == 7
    assert sum(p.points for p in printed.problems if not p.bonus) == 100
    assert sum(p.points for p in printed.problems if p.bonus) == 6
    assert printed_exam(exam) is printed                  # computed once
    assert exam.part("1c").field("shrink").points == 0.5   # practice keeps them


def test_a_submitted_mock_grades_only_the_printed_fields(tmp_path, exam):
    store = open_store(tmp_path, exams=[exam])
    printed = printed_exam(exam)
    session = store.start_mock(exam.id, 110)
    store.save_answer(session.id, "4a.loss", "-ln(0.3)")
    grade = store.finish_mock(printed, session.id).grade
    ids = {f.field_id for f in grade.fields}
    assert "1c.shrink" not in ids and "4g.v_factor" not in ids and "1c.explain" in ids
    assert (grade.max_score, grade.max_bonus, grade.score) == (100.0, 6.0, 3.0)
    assert grade.part("1c").max == 7
    store.close()
