"""`validate_exam`: references accepted, mistakes recognised as themselves, positions in the file."""

from __future__ import annotations

from dataclasses import replace

from tutor.engine import validate_exam
from tutor.engine.validate import validate_field
from tutor.model.positions import Position, SourceMap
from tutor.model.types import Exam, Field, Mistake, Part, Problem

YAML = """\
id: tiny
problems:
  - id: "1"
    parts:
      - id: 1a
        fields:
          - id: loss
            answer: -ln(0.3)
            mistakes:
              - id: same
                answer: ln(10/3)
              - id: sign
                answer: ln(0.3)
              - id: also-sign
                answer: -(-ln(0.3))
"""


# where the loader notes each of these in YAML above (tests/model/test_loader.py checks that it does)
POSITIONS = {
    ("1a",): Position(5, 9),
    ("1a", "loss"): Position(7, 13),
    ("1a", "loss", "answer"): Position(8, 21),
    ("1a", "loss", "mistake", "same"): Position(11, 25),
    ("1a", "loss", "mistake", "sign"): Position(13, 25),
    ("1a", "loss", "mistake", "also-sign"): Position(15, 25),
}


def _exam(tmp_path, field: Field) -> Exam:
    source = tmp_path / "tiny.yaml"
    part = Part(id="1a", problem_id="1", points=3, concepts=(), prompt="p", fields=(field,))
    return Exam(id="tiny", title="t", minutes=1, points=3, bonus=0, concepts={},
                problems=(Problem(id="1", title="p", points=3, parts=(part,)),), source=str(source),
                positions=POSITIONS)


def test_sound_fields_have_no_errors(f4a, dW, db, factor, shape_mn, choice, multi, graph, text):
    where = SourceMap()
    for field in (f4a, dW, db, factor, shape_mn, choice, multi, graph, text):
        assert validate_field(field, where) == [], field.full_id


def test_equivalent_and_duplicate_mistakes_are_reported_at_their_line(tmp_path):
    field = Field(id="loss", part_id="1a", kind="number", points=3, answer="-ln(0.3)", mistakes=(
        Mistake("same", "ln(10/3)", "x"), Mistake("sign", "ln(0.3)", "y"), Mistake("also-sign", "-(-ln(0.3))", "z")))
    errors = validate_exam(_exam(tmp_path, field))
    messages = [(e.line, e.column, e.message) for e in errors]
    assert messages == [
        (11, 25, "1a.loss: mistake 'same' ('ln(10/3)') is equivalent to the reference answer, so it can never be shown"),
        (15, 25, "1a.loss: mistake 'also-sign' ('-(-ln(0.3))') is not recognised as itself: it is taken for "
                 "mistake 'sign' — the two are equivalent; merge them"),
    ]
    assert str(errors[0]).startswith(f"{tmp_path / 'tiny.yaml'}:11:25: ")


def test_broken_references_are_reported(tmp_path):
    bad = Field(id="loss", part_id="1a", kind="number", points=3, answer="-ln(0.3")
    [error] = validate_exam(_exam(tmp_path, bad))
    assert (error.line, error.column) == (8, 21)
    assert "'(' is never closed" in error.message
    wrong = Field(id="loss", part_id="1a", kind="shape", points=3, answer="m x", mistakes=())
    assert "can't read a shape" in validate_exam(_exam(tmp_path, wrong))[0].message


def test_formula_problems_are_reported(dW):
    where = SourceMap()
    broken = replace(dW, answer="outer(delta, zz)")
    assert "unknown name 'zz'" in validate_field(broken, where)[0].message
    never = replace(dW, mistakes=(Mistake("typo", "outer(delta, x) + 0*W", "never shown"),))
    assert "equivalent to the reference" in validate_field(never, where)[0].message
    undefined = replace(dW, mistakes=(Mistake("bad", "delta @ x", "shape error everywhere"),))
    assert "not recognised as itself" in validate_field(undefined, where)[0].message


def test_text_model_answers_must_show_every_rubric_idea(text):
    thin = replace(text, model_answer="Classification is about discrete classes.")
    errors = validate_field(thin, SourceMap())
    assert [e.message.split(": ", 1)[1].strip() for e in errors] == [
        "the model answer does not show rubric idea 'continuous' (add a claim or a term that its wording uses)",
        "the model answer does not show rubric idea 'mini' (add a claim or a term that its wording uses)",
    ]
    ok = replace(text, rubric=text.rubric[:2])
    assert validate_field(ok, SourceMap()) == []


def test_the_shipped_exam_is_sound(exam):
    assert validate_exam(exam) == []


def test_a_busy_machine_does_not_make_a_sound_exam_look_too_large(exam, monkeypatch):
    import itertools
    import time

    wall = itertools.count(step=10.0)        # every look at the wall clock: 10 s later (a loaded machine)
    monkeypatch.setattr(time, "monotonic", lambda: next(wall))
    assert validate_exam(exam) == []         # the budget is CPU time, which the load does not spend
