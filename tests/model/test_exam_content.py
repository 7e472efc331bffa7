"""The shipped exam's content against the exam itself and its solution key (polish pass)."""

from __future__ import annotations

from tutor.mathtext import render_text


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


def test_1c_accepts_the_numbers_its_hint_displays_on_50_variants(exam):
    import re

    from tutor.engine import check, part_params, render_part

    part = exam.part("1c")
    ratio = exam.field("1c.ratio")
    for v in range(50):
        shown = part_params(part, v)
        hint = render_part(part, v).hints[2]
        m = re.search(r"\$([0-9.]+)\^\{(\d+)\} \\approx 10\^\{(-?[0-9.]+)\}\$", hint)
        assert m, hint
        factor, layers, expo = m.groups()
        assert int(layers) == int(shown["layers"])
        for typed in (f"{factor}^{layers}", f"10^({expo})"):
            result = check(ratio, typed, params=shown)
            assert result.verdict == "correct", (v, typed, result.feedback)
        assert check(exam.field("1c.shrink"), factor, params=shown).verdict == "correct"


def test_1c_says_the_weight_gradient_is_about_equally_tiny_in_every_layer(exam):
    from tutor.demos import vanishing

    part = exam.part("1c")
    text = " ".join(part.solution) + part.field("explain").model_answer
    assert "both factors are tiny in the early layers" not in text
    assert "every layer" in part.solution[2]
    trace = vanishing.run(depth=10, width=100, init="small", scale=0.01)   # the exam's numbers
    norms = [s.weight_grad_norm for s in trace.layers]
    assert max(norms) / min(norms) < 2                                       # flat across layers
    grads = [s.grad_norm for s in trace.layers]
    assert grads[-1] / grads[0] > 1e8                                        # while ‖∂L/∂h‖ vanishes


def test_4e_figure_says_the_graph_mapping_comes_from_the_students_description(exam):
    figure = " ".join(exam.part("4e").figure.split())
    assert "the scanned student's description" in figure


def test_critique_verdicts_match_the_key(exam):
    assert "About 3 of 5" in exam.part("2c").scan.why and "4 of 5" not in exam.part("2c").scan.why
    assert exam.part("4d").scan.verdict == "wrong"


def test_no_exam_artefacts_in_prompts(exam):
    for part in exam.parts:
        assert "box your final answer" not in part.prompt, part.id


def test_2a_solution_answers_in_both_notations_are_accepted(exam):
    import re

    from tutor.engine import check

    snippets = re.findall(r"`([^`]+)`", exam.part("2a").solution[-1])
    assert len(snippets) == 2
    for snippet in snippets:
        assert check(exam.field("2a.graph"), snippet).verdict == "correct", snippet
