"""Narrow catches where content goes wrong: a bad params block, a checker that crashes while
`tutor check` runs; each gives a message."""

from __future__ import annotations

from dataclasses import replace

from tutor.engine import validate
from tutor.engine.exam_numbers import render_variant


def test_a_broken_params_block_shows_the_part_as_written_and_says_why(exam):
    part = replace(exam.part("4a"), params={"p": {"nonsense": 1}})
    shown, problem = render_variant(part, 3)
    assert shown is part
    assert problem is not None and "unknown generator" in problem


def test_a_checker_that_crashes_is_reported_by_tutor_check_not_raised(exam, monkeypatch):
    def crash(field, where):
        raise KeyError("boom")

    monkeypatch.setattr(validate, "validate_field", crash)
    errors = validate.validate_exam(exam, seconds=5)
    crashed = {e.message for e in errors if "could not be checked (KeyError: 'boom')" in e.message}
    assert "1a.explain: could not be checked (KeyError: 'boom')" in crashed
    assert "the parts' params could not be checked (KeyError: 'boom')" in crashed   # variants too
