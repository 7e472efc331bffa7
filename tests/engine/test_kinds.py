"""Shape, choice, graph and text fields, each accepting and rejecting."""

from __future__ import annotations

import pytest

from tutor.engine import check, preview


# -- shape ---------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["m x n", "(m, n)", "m×n", "m by n", "mxn", "[m, n]", "R^(m x n)", "ℝ^{m×n}", "m * n", "M x N"])
def test_shape_accepts_the_ways_people_write_a_matrix_shape(shape_mn, answer):
    result = check(shape_mn, answer)
    assert result.verdict == "correct", answer
    assert result.interpreted.lower() == "m×n"


@pytest.mark.parametrize("answer", ["m", "(m,)", "m x 1", "(m, 1)", "m by 1", "ℝ^m"])
def test_shape_accepts_the_ways_people_write_a_vector_shape(shape_m, answer):
    result = check(shape_m, answer)
    assert result.verdict == "correct", answer
    assert result.interpreted == "m×1 (a column vector)"


def test_shape_rejections_explain(shape_mn, shape_m):
    assert check(shape_mn, "n x m").feedback == ("that is n×m, the transpose of the right shape — transposed?",)
    from tutor.model.types import Field

    volume = Field(id="out", part_id="1b", kind="shape", points=2, answer="30 x 30 x 16")
    for other in ("16 x 30 x 30", "30 x 16 x 30"):   # not "the transpose" (once said for a 3-D shape)
        assert check(volume, other).feedback == (
            f"That is {other.replace(' x ', '×')}: the right sizes in another order; write them in the order "
            "the question asks for (channels first or last?)",)
    assert check(shape_mn, "m").mistake == "vector"
    assert check(shape_m, "m x n").mistake == "like-W"
    assert "Vectors are columns" in check(shape_m, "1 x m").feedback[0]
    assert check(shape_mn, "k x n").feedback == ("'k' is not one of this problem's dimensions (m, n)",)
    assert check(shape_mn, "m x n x p").verdict == "incorrect"
    bad = check(shape_mn, "m x")
    assert bad.verdict == "invalid" and "write it like m x n" in bad.feedback[0]
    assert check(shape_mn, "").verdict == "invalid"


# -- choice --------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["GD", "gd", " GD ", "b", "(b)", "B)", "g"])
def test_choice_accepts_text_letter_or_prefix(choice, answer):
    result = check(choice, answer)
    assert result.verdict == "correct", answer
    assert result.interpreted == "GD"
    assert result.feedback == ("Right: the exact gradient.",)


def test_choice_aliases_are_the_words_learners_use_for_an_option():
    from tutor.model.types import Field

    field = Field(id="more_accurate", part_id="1b", kind="choice", points=2, answer="GD", options=("SGD", "GD"),
                  aliases={"full-batch GD": "GD", "stochastic": "SGD"})
    assert check(field, "full batch gd").verdict == "correct"        # hyphens and spaces are free
    assert check(field, "Full-Batch GD").interpreted == "GD"
    assert check(field, "stochastic").verdict == "incorrect"
    assert check(field, "stoch").verdict == "invalid"                  # aliases match whole, not by prefix
    assert check(field, "GD.").verdict == "correct" and check(field, "sgd!").interpreted == "SGD"


def test_choice_wrong_option_gets_its_own_feedback(choice):
    result = check(choice, "SGD")
    assert result.verdict == "incorrect" and result.feedback == ("SGD's gradient is noisy.",)
    assert check(choice, "a").interpreted == "SGD"
    assert check(choice, "s").interpreted == "SGD"


def test_choice_invalid_lists_the_options(choice):
    result = check(choice, "Adam")
    assert result.verdict == "invalid"
    assert result.feedback == ("'Adam' is not one of the options: (a) SGD; (b) GD",)
    assert check(choice, "SGD, GD").feedback == ("choose only one option: (a) SGD; (b) GD",)
    assert check(choice, "").verdict == "invalid"


def test_multiple_choice_sets_and_partial_credit(multi):
    assert check(multi, "W_1, b_k").verdict == "correct"
    assert check(multi, "b_k, W1").verdict == "correct"      # order and underscores don't matter
    assert check(multi, "a, d").verdict == "correct"
    half = check(multi, "W_1")
    assert half.verdict == "partial" and half.score == pytest.approx(2)
    assert "not selected but right: b_k" in half.feedback
    wrong = check(multi, "W_1, W_k")
    assert wrong.mistake == "all-weights" and wrong.feedback[0].startswith("Only the weights?")
    assert check(multi, "b_1, W_k").score == 0


def test_ambiguous_prefix_is_invalid():
    from tutor.model.types import Field

    field = Field(id="c", part_id="9z", kind="choice", points=1, answer="bacteria",
                  options=("bacteria", "bacteriophage", "fungus"),
                  option_feedback={"bacteria": "", "bacteriophage": "", "fungus": ""})
    assert "could be bacteria or bacteriophage" in check(field, "bact").feedback[0]
    assert check(field, "bacteria").verdict == "correct"
    assert check(field, "bacteriop").interpreted == "bacteriophage"


# -- graph ---------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", [
    "x, W -> h; h, b -> g; g -> f",
    "g -> f; b, h -> g; W, x -> h",
    "x, W_k -> h; h, b -> g; g, alpha -> f",
    "x, W → h → g → f; b → g",
    "W,x->h\nh,b->g\ng->f",
    "x, Wk -> h; h, b -> g; g, α -> f",
    "x -> h, W -> h, h -> g, b -> g, g -> f",       # commas between edges, as people list them
    "x, W -> h, h, b -> g, g -> f",
    "x -> h, W -> h; b -> g, h -> g -> f",
])
def test_graph_accepts_any_order_aliases_and_optional_edges(graph, answer):
    result = check(graph, answer)
    assert result.verdict == "correct", (answer, result.feedback)


def test_graph_names_each_wrong_node_and_scores_by_node(graph):
    result = check(graph, "x -> h; h, b -> g; g -> f")
    assert result.verdict == "partial" and result.score == pytest.approx(11 / 3)   # (2 right − 1 wrong) / 3
    assert result.feedback[0] == "the node that computes h takes W, x; yours takes x"
    extra = check(graph, "x, W -> h; h, b, x -> g; g -> f")
    assert extra.feedback[0] == "the node that computes g takes b, h; yours takes b, h, x"
    assert check(graph, "x, W -> h; h -> g; g -> f").mistake == "no-bias"
    strange = check(graph, "x, W -> h; h, b -> g; g -> q")
    assert any("unknown node q" in line for line in strange.feedback)
    assert "nothing computes f: its node takes g" in strange.feedback and strange.score == 0
    assert check(graph, "x, W -> h; h, b -> g; g -> f").interpreted == "W, x → h; b, h → g; g → f"
    assert check(graph, "x -> h, W -> h, h -> g, g -> f, b").interpreted == "W, x → h; h → g; g → b; g → f"


@pytest.mark.parametrize("answer, column", [("x W h", 1), ("x ->", 5), ("-> h", 1), ("x, W -> h; h, b -> ", 20),
                                            ("x -> h, W -> h, 3x -> g", 17)])
def test_graph_malformed_is_invalid_with_a_column(graph, answer, column):
    result = check(graph, answer)
    assert result.verdict == "invalid" and result.column == column


# -- text ----------------------------------------------------------------------------------
def test_text_gives_evidence_and_a_provisional_self_grade(text):
    result = check(text, "Classification deals with discrete classes while regression deals with continuous quantities.")
    assert result.verdict == "self-grade"
    assert result.score == pytest.approx(4.0)        # 2 + 2 of 5 weights, scaled to 5 points
    assert result.feedback == ("you mentioned: discrete ✓, continuous ✓ — not yet: mentions mini-batches",)
    found = {e.item.id: e for e in result.evidence}
    assert found["discrete"].found and found["discrete"].matched == ("discrete",)
    assert not found["mini"].found
    assert result.exact == text.model_answer
    assert result.sentences == 1


def test_text_keywords_tolerate_endings_case_and_hyphens(text):
    result = check(text, "CATEGORIES versus real numbers, learned with minibatches.")
    assert [e.found for e in result.evidence] == [True, True, True]
    assert check(text, "mini batch updates").evidence[2].matched == ("mini batch",)
    assert check(text, "Regression predicts continuity.").evidence[1].found


def test_text_relation_signs_count_and_math_letters_read_plainly():
    from tutor.model.types import Field, RubricItem

    field = Field(id="why", part_id="2c", kind="text", points=2, model_answer="W1 z ≠ 0 afterwards.",
                  rubric=(RubricItem("nonzero", "W1 z is no longer zero", 1, ("≠ 0", "nonzero")),
                          RubricItem("w1", "names W1", 1, ("w1", "w_1", "first layer"))))
    def said(answer):
        return [e.matched for e in check(field, answer).evidence]
    assert said("since W1 z = 0 nothing changes") == [(), ("w1",)]      # "= 0" is not "≠ 0"
    assert said("afterwards W_1 z != 0") == [("≠ 0",), ("w1",)]         # != typed for ≠; W_1 is W1
    assert said("then 𝐖₁𝐳 ≠ 𝟎") == [("≠ 0",), ("w1",)]                  # pasted math letters
    assert said("the first layer") == [(), ("first layer",)]


def test_text_counts_sentences_against_the_limit(text):
    long = "One is discrete. Two is 0.3 of e.g. this! Three? Four."
    result = check(text, long)
    assert result.sentences == 4
    assert result.warnings == ("you wrote 4 sentences; the question asks for at most 3",)
    assert check(text, "").verdict == "invalid"
    assert preview(text, "A. B.").text == "2 sentences of at most 3"
