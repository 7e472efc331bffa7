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
    ("[1, 2, 3]", "incorrect", "The answer is a 2×2; you gave a row of 3 (1×3)."),
    ("5", "incorrect", "write it as [a, b; c, d]"),
    ("[1, 2; 3, 9]", "incorrect", "entry (2, 2) is not the expected value"),
    ("[1, 2; 3]", "invalid", "col 7: row 2 has 1 entry and row 1 has 2 entries: every row of a matrix needs the same number of entries"),
    ("[1 2; 3 4]", "invalid", "col 4: separate the entries of a row with ',': [1, 2; 3, 4]"),
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
    assert "write it as [a, b]" in " ".join(check(field, "5").feedback)


@pytest.mark.parametrize(("typed", "says"), [
    ("[0.2, -0.3, 0.1]", "The answer is a column of 3 (3×1); you gave a row of 3 (1×3): "
                         "write it as [a; b; c], entries split by ';'."),
    ("0.2, -0.3, 0.1", "The answer is a column of 3 (3×1): write it as [a; b; c], entries split by ';'."),
    ("[0.2; -0.3]", "The answer is a column of 3 (3×1); you gave a column of 2 (2×1): write it as [a; b; c]"),
])
def test_a_column_answer_says_it_is_a_column_and_how_to_write_one(typed, says):
    """Once: "The answer is a 3×1; you gave a 3-vector." (both are 3-vectors) and, for a bare
    list, the 2×2 template `[a, b; c, d]`."""
    column = Field(id="g", part_id="3a", kind="number", points=2, answer="[0.2; -0.3; 0.1]")
    assert check(column, "[0.2; -0.3; 0.1]").verdict == "correct"
    result = check(column, typed)
    assert result.verdict == "incorrect" and says in " ".join(result.feedback)


def test_a_vector_typed_for_a_single_number_says_so():
    single = Field(id="loss", part_id="1a", kind="number", points=1, answer="-ln(0.3)")
    for typed in ("[1.2, 0.5]", "[1.2; 0.5]"):
        result = check(single, typed)
        assert result.verdict == "invalid"
        assert "this answer is a single number, not a vector or matrix" in " ".join(result.feedback)


MATRIX_EXAM = """
id: arr
title: Arrays
minutes: 5
points: 2
concepts: {lin: {title: Linear maps, summary: Matrices.}}
problems:
  - id: "1"
    title: Matrices
    points: 2
    parts:
      - id: 1a
        points: 2
        concepts: [lin]
        prompt: Write the 2 by 2 identity times 2.
        fields:
          - id: M
            kind: number
            answer: '[2, 0; 0, 2]'
            exact: true
"""


def test_matrices_answer_the_same_from_the_command_line(tmp_path, run_tutor):
    path = tmp_path / "arr.yaml"
    path.write_text(MATRIX_EXAM, encoding="utf-8")
    right = run_tutor("--content", str(path), "answer", "1a", "[2, 0; 0, 1+1]")
    assert right.returncode == 0 and "interpreted as [2, 0; 0, 2]" in right.stdout
    ragged = run_tutor("--content", str(path), "answer", "1a", "[2, 0; 0]")
    assert ragged.returncode == 2 and "row 2 has 1 entry and row 1 has 2 entries" in ragged.stdout + ragged.stderr
    assert "Traceback" not in ragged.stdout + ragged.stderr


def test_a_mock_grades_a_matrix_entry_by_entry(tmp_path):
    from tutor.model import load_exam
    from tutor.study import open_store

    path = tmp_path / "arr.yaml"
    path.write_text(MATRIX_EXAM, encoding="utf-8")
    exam = load_exam(path)
    store = open_store(tmp_path / "data", exams=[exam])
    for typed, score in (("[2, 0; 0, 2]", 2.0), ("[2, 0; 0, 2.5]", 0.0), ("[2, 0; 0]", 0.0)):
        mock = store.start_mock(exam.id, 5)
        store.save_answer(mock.id, "1a.M", typed)
        store.finish_mock(exam, mock.id)
        assert store.mock_grade(mock.id).score == score, typed
    store.close()
