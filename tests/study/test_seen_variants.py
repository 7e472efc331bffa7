"""Which numbers the learner has seen, per exam: two exams with the same part id keep their
own "new numbers", and what was stored before exams had their own keys still counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.model import load_exam
from tutor.study import open_store
from tutor.study.seen_variants import next_variant, seen_variant

FIXTURE = Path(__file__).parents[1] / "fixtures" / "exams" / "dl-quiz.yaml"


@pytest.fixture
def quiz():
    return load_exam(FIXTURE)


@pytest.fixture
def other(tmp_path, quiz):
    # the same exam under another id: a second exam whose part 1c has numbers too
    text = FIXTURE.read_text(encoding="utf-8").replace("id: dl-quiz\n", "id: other-quiz\n", 1)
    path = tmp_path / "other-quiz.yaml"
    path.write_text(text, encoding="utf-8")
    return load_exam(path)


def test_two_exams_with_the_same_part_id_keep_their_own_variants(tmp_path, quiz, other):
    store = open_store(tmp_path / "data")
    first = next_variant(store, quiz.id, quiz.part("1c"))
    second = next_variant(store, quiz.id, quiz.part("1c"))
    assert second > first >= 1
    # the other exam's 1c has not been shown any numbers yet: it starts from its first variant
    assert next_variant(store, other.id, other.part("1c")) == first
    assert seen_variant(store, quiz.id, "1c") == second
    assert seen_variant(store, other.id, "1c") == first
    store.close()


def test_variants_seen_before_exams_had_their_own_keys_are_not_shown_again(tmp_path, quiz):
    store = open_store(tmp_path / "data")
    store.set_setting("variants", {"1c": 5})           # what an older tutor stored
    assert next_variant(store, quiz.id, quiz.part("1c")) > 5
    assert store.get_setting("variants") == {"1c": 5}   # the old record is kept, not rewritten
    store.close()
