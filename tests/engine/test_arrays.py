"""Vectors and matrices as number answers: `[a, b; c, d]`, entry by entry, same tolerances."""

from __future__ import annotations

import pytest

from tutor.engine import check, preview
from tutor.model import ContentErrors, load_exam_text
from tutor.model.types import Field, Mistake

W = Field(id="W", part_id="1a", kind="number", points=2, answer="[1, 2; 3, ln(4)]",
          mistakes=(Mistake(id="transposed", answer="[1, 3; 2, ln(4)]", feedback="That is Wᵀ."),))


@pytest.mark.parametrize(("typed", "verdict", "says"), [
    ("[1, 2; 3, 1.3863]", "correct", ""),                      # within 1 % entry by entry
    ("[1,2;3,2*ln(2)]", "correct", ""),
    ("[1, 3; 2, 1.386294]", "incorrect", "That is Wᵀ."),
    ("[1, 2, 3]", "incorrect", "The answer is a 2×2; you gave a 3-vector."),
    ("5", "incorrect", "write it as [a, b; c, d]"),
    ("[1, 2; 3, 9]", "incorrect", "entry (2, 2) is not the expected value"),
    ("[1, 2; 3]", "invalid", "same number of entries"),
    ("[1, 2; 3, ln(]", "invalid", "never closed"),
])
def test_matrix_answers_are_checked_entry_by_entry(typed, verdict, says):
    result = check(W, typed)
    assert result.verdict == verdict
    assert says in " ".join(result.feedback)


def test_exact_vectors_allow_no_tolerance_and_the_reading_is_shown():
    counts = Field(id="n", part_id="1a", kind="number", points=1, answer="[2080, 32]", exact=True)
    assert check(counts, "[2080, 32]").verdict == "correct"
    assert check(counts, "[2079.9, 32]").verdict == "incorrect"
    assert preview(counts, "[2*1040, 2^5]").text == "[2080, 32]"


def test_an_unquoted_matrix_in_yaml_gets_a_message_that_says_to_quote_it(tmp_path):
    from pathlib import Path

    mini = (Path(__file__).parents[1] / "model" / "mini.yaml").read_text()
    text = mini.replace("answer: -ln(0.3)\n", "answer: [1, 2; 3, 4]\n", 1)
    with pytest.raises(ContentErrors) as info:
        load_exam_text(text, "m.yaml")
    assert "write a vector or matrix in quotes, e.g. answer: '[1, 2; 3, 4]'" in str(info.value)


@pytest.mark.parametrize("reference", ["[2, 3]", "  [2, 3]\n"])
def test_a_bracketed_number_reference_is_an_array_wherever_it_is_read(reference):
    """The dispatcher and the array checker share one rule (`arrays.is_array`), so a reference
    the dispatcher sends to arrays is never refused there as "a single number"."""
    from tutor.engine.arrays import is_array

    field = Field(id="v", part_id="1a", kind="number", points=1, answer=reference)
    assert is_array(reference)
    assert check(field, "[2, 3]").verdict == "correct"
    assert "write it as [a, b; c, d]" in " ".join(check(field, "5").feedback)
