"""The shipped exam's content against the exam itself and its solution key (polish pass)."""

from __future__ import annotations

from tutor.model.mathtext import render_text


def test_the_tutors_numeric_companions_are_marked_as_additions(exam):
    added = {f.full_id for p in exam.parts for f in p.fields if f.addition}
    assert added == {"1c.shrink", "1c.ratio", "4g.v_factor", "4g.a_factor", "5a.target"}


def test_4g_prompt_is_the_exams_question_and_the_adam_equations_are_the_students(exam):
    part = exam.part("4g")
    assert part.prompt.strip().endswith("gets\nlarge.") or part.prompt.strip().endswith("large.")
    for handwriting in ("Adam:", "\\leftarrow", "0 < \\beta_1, \\beta_2 < 1", "{b1}"):
        assert handwriting not in part.prompt
    assert "\\leftarrow" in part.scan.answer and "0 < \\beta_1, \\beta_2 < 1" in part.scan.answer
    assert "the exam gives" not in part.scan.why


def test_a_mistake_that_needs_the_base_stated_says_why_in_its_feedback(exam):
    for fid in ("4a.loss", "4b.loss"):
        for mistake in exam.field(fid).mistakes:
            if mistake.credit_needs:
                assert mistake.score > 0 and "only when the answer states it" in render_text(mistake.feedback)
