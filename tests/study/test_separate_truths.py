"""Practice and the mock keep their own truths: a mock's answers are the mock's, a blank part
rates nothing, and an answer on fresh numbers never hides the exam-number result."""

from __future__ import annotations

from tutor.study import Attempt


def _practise(store):
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
    store.record_attempt(Attempt("mini", "2a", "a", "1", "correct", 4, 4))
    store.record_attempt(Attempt("mini", "2a", "b", "SGD", "incorrect", 0, 6))


def test_a_blank_mock_leaves_every_practice_mark_and_concept_as_it_was(store, clock, mini, check):
    _practise(store)
    clock.advance(hours=1)
    before = (store.part_status("mini", mini), store.problem_progress("mini", mini),
              store.mastery(mini), store.concept_cards("mini"), store.due_concepts("mini"))
    session = store.start_mock("mini", 0.5)
    clock.advance(minutes=1)
    result = store.finish_mock(mini, session.id, check, "timeout")
    assert {p.verdict for p in result.grade.parts} == {"blank"}
    after = (store.part_status("mini", mini), store.problem_progress("mini", mini),
             store.mastery(mini), store.concept_cards("mini"), store.due_concepts("mini"))
    assert after == before


def test_an_answered_mock_part_is_the_mocks_not_practices(store, clock, mini, check):
    _practise(store)
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "1b.x", "-2")  # wrong in the mock
    store.finish_mock(mini, session.id, check)
    assert store.part_status("mini", mini)["1b"] == "right"  # practice still says right
    assert store.concept_cards("mini")["beta"].state != 2  # ...but the miss feeds review
    assert store.pick_review_part(mini, "beta").id == "1b"


def test_a_variant_attempt_keeps_the_exam_number_result(store, mini):
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5, variant=0))
    store.record_attempt(Attempt("mini", "1b", "x", "9", "incorrect", 0, 5, variant=1))
    assert store.part_status("mini", mini)["1b"] == "right"
    progress = {p.problem_id: p for p in store.problem_progress("mini", mini)}
    assert progress["1"].earned == 5.0 and progress["1"].correct == 1


def test_variants_alone_still_mark_a_part_tried(store, mini):
    store.record_attempt(Attempt("mini", "1b", "x", "9", "incorrect", 0, 5, variant=3))
    assert store.part_status("mini", mini)["1b"] == "wrong"


def test_stats_json_lists_parts_with_practice_and_mock(store, clock, mini, check):
    _practise(store)
    store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign"))
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "2a.b", "GD")
    store.finish_mock(mini, session.id, check)
    parts = {p["id"]: p for p in store.stats(mini).to_json()["parts"]}
    assert list(parts) == ["1a", "1b", "2a", "3a"]
    assert parts["1b"] == {"exam": "mini", "id": "1b", "max": 5.0,
                           "practice": {"status": "wrong", "best": 5.0, "last": 0.0},
                           "mock": {"last": 0.0, "verdict": "blank"}}
    assert parts["2a"]["practice"] == {"status": "partly", "best": 4.0, "last": 4.0}
    assert parts["2a"]["mock"] == {"last": 6.0, "verdict": "partial"}
    assert parts["1a"]["practice"] == {"status": "unseen", "best": None, "last": None}
