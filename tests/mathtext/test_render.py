"""`latex_to_unicode` / `render_text`: the exam's formulas read well, and nothing raises."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.mathtext import latex_to_unicode, render_text, split_math, unwrap

HAT = "\u0302"

ISSUE_FORMULAS = [
    (r"\mathbf{W}_k \in \mathbb{R}^{m \times n}", "𝐖ₖ ∈ ℝ^(m×n)"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_k}", "∂ℒ/∂𝐖ₖ"),
    (r"\frac{1}{1-\beta_1^t}", "1/(1−β₁ᵗ)"),
    (r"-\sum_{i=1}^{n_y} y_i \log \hat{y}_i", f"−∑ᵢ₌₁^(n_y) yᵢ log y{HAT}ᵢ"),
    (r"\lambda \|\mathbf{W}\|_F^2", "λ‖𝐖‖²_F"),
    (r"\text{var}(w_{ij}) \ll 2/(n_{\text{in}} + n_{\text{out}})", "var(wᵢⱼ) ≪ 2/(n_in + n_out)"),
]

EXAM_FORMULAS = [
    (r"\mathcal{L} = \frac{1}{2} ||\mathbf{f} - \mathbf{y}||^2", "ℒ = ½ ‖𝐟 − 𝐲‖²"),
    (r"\mathbf{f} = \max(\alpha \cdot \mathbf{g}, \mathbf{g}), \ 0 < \alpha < 1",
     "𝐟 = max(α·𝐠, 𝐠), 0 < α < 1"),
    (r"\mathbf{g} = \mathbf{h} + \mathbf{b}", "𝐠 = 𝐡 + 𝐛"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_k} = "
     r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}} \mathbf{x}^T", "∂ℒ/∂𝐖ₖ = ∂ℒ/∂𝐡 𝐱ᵀ"),
    (r"\mathbf{W}_1\mathbf{x} = \mathbf{W}_1(\mathbf{x} + \lambda \mathbf{z})",
     "𝐖₁𝐱 = 𝐖₁(𝐱 + λ𝐳)"),
    (r"\mathcal{L}_{\text{new}} = \mathcal{L} + \lambda \|\mathbf{W}\|_F^2", "ℒ_new = ℒ + λ‖𝐖‖²_F"),
    (r"\mathbf{x} \in \mathbb{R}^n", "𝐱 ∈ ℝⁿ"),
    (r"\lim_{t \to \infty} \frac{1}{1-\beta_1^t} = 1", "lim_(t→∞) 1/(1−β₁ᵗ) = 1"),
    (r"\tilde{v} = \frac{v}{1 - \beta_1^t}", "v\u0303 = v/(1 − β₁ᵗ)"),
    (r"\frac{\epsilon}{k-1}", "ε/(k−1)"),
    (r"\text{Accuracy} = \frac{\text{Number of correctly-classified examples}}"
     r"{\text{Total number of examples}}",
     "Accuracy = (Number of correctly-classified examples)/(Total number of examples)"),
    (r"y = (0, 0, 1, 0)^T", "y = (0, 0, 1, 0)ᵀ"),
    (r"\frac{1}{N} \sum_{i=1}^{N}\mathcal{L}_i(\theta)", "1/N ∑ᵢ₌₁ᴺ ℒᵢ(θ)"),
    (r"v \leftarrow \beta_1 v + (1-\beta_1)\nabla_\theta \mathcal{L}", "v ← β₁ v + (1−β₁)∇_θ ℒ"),
    (r"e^{-x^2} + x^{(l)} + W^{-1}", "e^(−x²) + x⁽ˡ⁾ + W⁻¹"),
    (r"\sqrt{x+1} + \sqrt[3]{8}", "√(x+1) + ∛8"),
    (r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", "(1 0; 0 1)"),
    (r"\left( a \right)", "( a )"),
]


@pytest.mark.parametrize(("latex", "expected"), ISSUE_FORMULAS + EXAM_FORMULAS)
def test_formulas_render_as_readable_unicode(latex, expected):
    assert latex_to_unicode(latex) == expected


def test_fraction_grouping_is_kept():
    assert latex_to_unicode(r"\frac{a+b}{c}") == "(a+b)/c"
    assert latex_to_unicode(r"\frac{a}{b c}") == "a/(b c)"
    assert latex_to_unicode(r"\frac{-1}{2}") == "(−1)/2"
    assert latex_to_unicode(r"\frac{(a+b)}{2}") == "(a+b)/2"


def test_unknown_macros_are_shown_by_name_not_dropped():
    assert latex_to_unicode(r"\foo{x} + 1") == "foox + 1"


def test_render_text_converts_only_the_math_spans():
    text = r"Let $\mathbf{x} \in \mathbb{R}^n$ cost \$5 (50%)." + "\n$$\\alpha = 1$$\nthen go."
    assert render_text(text) == "Let 𝐱 ∈ ℝⁿ cost $5 (50%).\n    α = 1\nthen go."
    assert [k for k, _ in split_math(text)] == ["text", "inline", "text", "display", "text"]


def test_unwrap_joins_hard_wrapped_lines_but_keeps_paragraphs_lists_and_display_math():
    text = "one line\nwraps here.\n\nNext para:\n- item one\n- item two\n$$x$$\nafter"
    assert unwrap(text) == "one line wraps here.\n\nNext para:\n- item one\n- item two\n$$x$$\nafter"


def _all_texts(exam):
    for problem in exam.problems:
        yield problem.context
        for part in problem.parts:
            yield from (part.prompt, part.figure or "", *part.hints, *part.solution)
            if part.scan:
                yield from (part.scan.answer, part.scan.why)
            for field in part.fields:
                yield from (field.label or "", field.model_answer or "")
                yield from (m.feedback for m in field.mistakes)
                yield from field.option_feedback.values()
                yield from (item.idea for item in field.rubric)


def test_every_text_of_the_shipped_exam_renders_without_leftover_latex(exam):
    leftovers = []
    for text in _all_texts(exam):
        shown = render_text(unwrap(text))
        if re.search(r"\\[A-Za-z]+|\$", shown):
            leftovers.append(shown)
    assert leftovers == []


TOKENS = list("\\{}^_$&%~ab1+-()[]| ") + [
    r"\frac", r"\sqrt", r"\left", r"\right", r"\begin{pmatrix}", r"\end{pmatrix}", r"\mathbf",
    r"\text", r"\hat", r"\\", r"\alpha", r"\sum", r"\|", r"\cdot", r"\in", r"\log"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_malformed_latex_never_raises(latex):
    from tutor.mathtext.walk import Renderer, parse

    # the renderer itself copes (not only the safety net around it)
    assert isinstance(Renderer().render(parse(latex, math=True)), str)
    assert isinstance(render_text("x $" + latex + "$ y"), str)
