"""The one answering workflow: check, commit before the verdict is shown, feed review, suggest
a rating; exam conditions while a mock runs; one verdict rule everywhere."""

from __future__ import annotations

import pytest

from tutor.engine.result import verdict_for
from tutor.study import AGAIN, GOOD, HARD
from tutor.study.answering import check_and_record, self_grade, suggest_from_results


@pytest.mark.parametrize(("score", "top", "verdict"), [
    (5, 5, "correct"), (5 - 1e-12, 5, "correct"), (2.5, 5, "partial"), (0, 5, "incorrect"),
    (0, 0, "incorrect"),
])
def test_one_verdict_rule(score, top, verdict):
    assert verdict_for(score, top) == verdict


def test_a_checked_answer_is_committed_and_rates_its_concepts(store, mini):
    part = mini.part("1b")
    checked = check_and_record(store, mini, part, part.fields[0], "2", mode="practice")
    assert checked.result is not None and checked.result.verdict == "correct"
    assert checked.rating == GOOD and checked.closed is None
    [attempt] = store.attempts(mini.id)
    assert (attempt.id, attempt.verdict, attempt.mode) == (checked.attempt_id, "correct", "practice")
    assert "beta" in store.concept_cards(mini.id)


def test_unreadable_input_is_not_recorded(store, mini):
    part = mini.part("1b")
    checked = check_and_record(store, mini, part, part.fields[0], "2 +* (", mode="practice")
    assert checked.result is not None and checked.result.verdict == "invalid"
    assert checked.attempt_id is None and store.attempts(mini.id) == []


def test_nothing_is_checked_while_a_mock_of_the_exam_runs(store, mini, clock):
    session = store.start_mock(mini.id, 10)
    part = mini.part("1b")
    checked = check_and_record(store, mini, part, part.fields[0], "2", mode="practice")
    assert checked.result is None and checked.closed is not None and checked.closed.id == session.id
    assert store.attempts(mini.id) == [] and store.concept_cards(mini.id) == {}
    clock.advance(minutes=11)  # time is up: the exam is open again (the mock submits on resume)
    assert check_and_record(store, mini, part, part.fields[0], "2").result.verdict == "correct"


def test_self_grade_follows_the_verdict_rule(store, mini):
    part = mini.part("1a")
    checked = check_and_record(store, mini, part, part.fields[0], "the idea is this", mode="practice")
    assert checked.result.verdict == "self-grade" and checked.attempt_id is not None
    assert self_grade(store, checked.attempt_id, 5, 5).verdict == "correct"
    assert self_grade(store, checked.attempt_id, 2, 5).verdict == "partial"
    assert self_grade(store, None, 9, 5).score == 5  # not recorded: clamped, still a verdict


def test_a_question_suggests_one_rating_from_its_answers(store, mini):
    part = mini.part("2a")
    right = check_and_record(store, mini, part, part.fields[0], "1").result
    wrong = check_and_record(store, mini, part, part.fields[1], "SGD").result
    assert suggest_from_results([right]) == GOOD
    assert suggest_from_results([right, wrong]) == HARD
    assert suggest_from_results([wrong]) == AGAIN
    assert suggest_from_results([]) is None


def test_the_mock_grades_with_the_engine_by_default(store, mini):
    session = store.start_mock(mini.id, 10)
    store.save_answer(session.id, "1b.x", "2")
    result = store.finish_mock(mini, session.id)
    assert result.grade.field("1b.x").verdict == "correct"
