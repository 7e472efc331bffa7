"""Review: results feed one FSRS card per concept; missed concepts come back, ratings move them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tutor.study import AGAIN, EASY, GOOD, HARD, Attempt, suggest_rating


def _wrong(part="1b", field="x"):
    return Attempt("mini", part, field, "-2", "incorrect", 0, 5, "sign")


def _right(part="1b", field="x", hints=0):
    return Attempt("mini", part, field, "2", "correct", 5, 5, hints_used=hints)


@pytest.mark.parametrize("args, rating", [
    (("incorrect", 0, 5), AGAIN),
    (("correct", 5, 5), GOOD),
    (("correct", 5, 5, 2), HARD),          # right after hints
    (("partial", 2, 5), HARD),
    (("correct", 5, 5, 0, True), AGAIN),   # the solution was read, not recalled
    (("blank", 0, 5), AGAIN),
    (("invalid", 0, 5), None),             # a typo in the syntax says nothing about recall
    (("self-grade", 0, 5), None),          # not graded yet
])
def test_suggested_rating_follows_the_result(args, rating):
    assert suggest_rating(*args) == rating


def test_a_wrong_answer_in_practice_makes_the_parts_concepts_due(store, clock):
    assert store.due_concepts("mini") == []
    store.record_attempt(Attempt("mini", "2a", "a", "0", "incorrect", 0, 4))
    assert [c.concept for c in store.due_concepts("mini")] == ["alpha", "gamma"]


def test_the_next_day_exactly_the_missed_concepts_are_due(store, clock):
    store.record_attempt(_wrong("1b"))               # beta missed
    store.record_attempt(_right("3a", "y"))          # gamma right
    clock.advance(days=1)
    assert [c.concept for c in store.due_concepts("mini")] == ["beta"]


def test_rating_in_review_moves_the_due_date(store, clock):
    store.record_attempt(_wrong())
    before = store.due_concepts("mini")[0]
    clock.advance(minutes=5)
    card = store.rate_concept("mini", "beta", GOOD)
    assert card.due >= clock() + timedelta(days=1) > before.due
    assert store.due_concepts("mini") == []
    assert store.next_due("mini") == card.due
    clock.advance(minutes=5)
    again = store.rate_concept("mini", "beta", AGAIN)  # the learner may always override
    assert again.due == clock() + timedelta(minutes=10)
    assert [c.concept for c in store.due_concepts("mini")] == ["beta"]


def test_easy_pushes_further_than_good_and_hard(tmp_path, clock, open_study):

    dues = {}
    for rating in (HARD, GOOD, EASY):
        s = open_study(tmp_path / str(rating), clock=clock)
        s.rate_concept("mini", "alpha", AGAIN)
        clock.advance(minutes=10)
        dues[rating] = s.rate_concept("mini", "alpha", rating).due
        clock.advance(minutes=-10)
        s.close()
    assert dues[HARD] < dues[GOOD] < dues[EASY]                   # Easy is never the same as Good
    assert dues[EASY] - dues[GOOD] >= timedelta(days=1)


def test_retrying_after_a_wrong_answer_does_not_hide_the_miss(store, clock):
    store.record_attempt(_wrong())
    clock.advance(seconds=30)
    store.record_attempt(_right())
    clock.advance(days=1)
    assert [c.concept for c in store.due_concepts("mini")] == ["beta"]


def test_a_later_wrong_answer_in_the_same_sitting_still_counts(store, clock):
    store.record_attempt(_right())
    clock.advance(minutes=2)
    store.record_attempt(_wrong())
    assert [c.concept for c in store.due_concepts("mini")] == ["beta"]


def test_right_after_hints_comes_back_sooner_than_right(store, clock):
    store.record_attempt(_right("1b", hints=1))           # beta: Hard
    store.record_attempt(_right("3a", "y"))               # gamma: Good
    cards = store.concept_cards("mini")
    assert cards["beta"].due < cards["gamma"].due


def test_invalid_input_feeds_nothing(store):
    store.record_attempt(Attempt("mini", "1b", "x", "2 +", "invalid", 0, 5))
    assert store.concept_cards("mini") == {}


def test_card_ids_are_the_concept_tags_and_times_are_utc(store, clock):
    store.record_attempt(_wrong())
    card = store.concept_cards("mini")["beta"]
    assert card.concept == "beta" and card.due.utcoffset() == timedelta(0)
    assert card.last_review == clock()


def test_mock_results_feed_review_but_a_blank_part_rates_nothing(store, clock, mini, check):
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "1b.x", "2")     # beta right
    store.save_answer(session.id, "2a.a", "1")     # 2a half right -> alpha, gamma Hard
    store.save_answer(session.id, "1a.t", "a guess")  # text: waits for the self-grade
    store.finish_mock(mini, session.id, check)     # 3a blank: no answer, so no rating; 1a pending
    cards = store.concept_cards("mini")
    assert set(cards) == {"beta", "alpha", "gamma"} and cards["gamma"].reps == 1  # 2a's Hard only
    clock.advance(days=1)
    assert [c.concept for c in store.due_concepts("mini")] == ["alpha", "gamma"]
    store.self_grade_mock(mini, session.id, "1a.t", 0)  # the text answer scored 0: alpha missed
    assert store.concept_cards("mini")["alpha"].last_review == clock()


def test_review_picks_the_part_not_seen_for_longest(store, clock, mini):
    assert store.pick_review_part(mini, "gamma").id == "2a"  # never seen: exam order
    store.record_attempt(_right("2a", "a"))
    clock.advance(minutes=1)
    assert store.pick_review_part(mini, "gamma").id == "3a"  # 2a was just seen
    store.record_attempt(_right("3a", "y"))
    assert store.pick_review_part(mini, "gamma").id == "2a"
    assert store.pick_review_part(mini, "delta") is None     # no part is tagged with it


def test_weakest_concepts_put_known_weaknesses_first(store, clock, mini):
    store.record_attempt(_right("3a", "y"))         # gamma strong
    store.record_attempt(_wrong("1b"))              # beta weak
    clock.advance(days=2)
    weakest = [m.id for m in store.weakest_concepts(mini, n=4)]
    assert weakest == ["beta", "alpha", "delta", "gamma"]  # never practised ranks as unknown (0.5)


def test_rating_preview_matches_what_rating_then_does(store, clock):
    store.record_attempt(_wrong())
    clock.advance(minutes=15)
    preview = store.preview_ratings("mini", "beta")
    assert preview[AGAIN] < preview[HARD] < preview[GOOD] < preview[EASY]
    assert store.concept_cards("mini")["beta"].reps == 1  # previewing stored nothing
    assert store.rate_concept("mini", "beta", EASY).due == preview[EASY]


def test_review_asks_the_latest_miss_again_before_moving_on(store, clock, mini):
    store.record_attempt(_right("3a", "y"))
    clock.advance(minutes=1)
    store.record_attempt(Attempt("mini", "2a", "a", "7", "incorrect", 0, 4))   # gamma missed at 2a
    clock.advance(minutes=1)
    assert store.pick_review_part(mini, "gamma").id == "2a"     # not 3a, although 3a is older
    store.record_attempt(Attempt("mini", "2a", "a", "1", "correct", 4, 4))     # the miss is mended
    clock.advance(minutes=1)
    assert store.pick_review_part(mini, "gamma").id == "3a"     # back to the oldest
    store.record_attempt(Attempt("mini", "3a", "y", "2", "partial", 1, 2))     # a partial answer is a miss too
    assert store.pick_review_part(mini, "gamma").id == "3a"
