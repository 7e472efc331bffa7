"""Statistics: mastery per concept, frequent mistakes, mock history, and `tutor stats`."""

from __future__ import annotations

import json
from datetime import timedelta

from tutor.study import Attempt, open_store, sparkline


def test_mastery_combines_retrievability_and_recent_accuracy(store, clock, mini):
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
    store.record_attempt(Attempt("mini", "2a", "a", "half", "partial", 2, 4))
    clock.advance(days=1)
    mastery = {m.id: m for m in store.mastery(mini)}
    beta = mastery["beta"]                       # answered right: graduated, recall decays
    assert not beta.learning and not beta.due_now
    assert 0 < beta.retrievability < 1
    assert beta.mastery == (beta.retrievability + beta.accuracy) / 2 and beta.accuracy == 1.0
    assert mastery["alpha"].accuracy == 0.5 and mastery["gamma"].accuracy == 0.5
    assert mastery["delta"].mastery is None and mastery["delta"].due is None


def test_a_concept_just_missed_is_learning_and_due_with_no_recall_figure(store, clock, mini):
    store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
    clock.advance(days=3)
    store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign"))
    beta = next(m for m in store.mastery(mini) if m.id == "beta")
    assert beta.learning and beta.due_now        # relearning, due again within the learn-ahead
    assert beta.retrievability is None           # FSRS would say 100% right after the miss
    assert beta.mastery == beta.accuracy == 0.5
    assert [c.concept for c in store.due_concepts("mini")] == ["beta"]
    clock.advance(days=1)
    beta = next(m for m in store.mastery(mini) if m.id == "beta")
    assert beta.learning and beta.due_now and beta.retrievability is None


def test_recent_accuracy_counts_only_the_last_ten_answers(store, clock, mini):
    for _ in range(10):
        store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign"))
        clock.advance(seconds=1)
    for _ in range(10):
        store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5, 5))
        clock.advance(seconds=1)
    beta = next(m for m in store.mastery(mini) if m.id == "beta")
    assert beta.accuracy == 1.0 and beta.attempts == 20


def test_most_frequent_mistakes_are_counted_per_field(store, clock, mini):
    for _ in range(3):
        store.record_attempt(Attempt("mini", "1b", "x", "-2", "incorrect", 0, 5, "sign"))
    store.record_attempt(Attempt("mini", "2a", "a", "-1", "incorrect", 0, 4, "sign"))
    stats = store.stats(mini)
    assert [(m.field_id, m.id, m.count) for m in stats.mistakes] == [("1b.x", "sign", 3), ("2a.a", "sign", 1)]


def test_stats_json_has_the_documented_shape(store, clock, mini, check):
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "1b.x", "2")
    clock.advance(minutes=12, seconds=30)
    store.finish_mock(mini, session.id, check)
    data = store.stats(mini).to_json()
    assert data["attempts"] == 1
    assert data["mocks"] == [{
        "id": 1, "started": "2025-02-18T12:00:00.000000+00:00", "submitted": "2025-02-18T12:12:30.000000+00:00",
        "score": 5.0, "max_score": 20.0, "bonus": 0.0, "max_bonus": 2.0, "minutes": 30.0,
        "minutes_used": 12.5, "reason": "manual"}]
    beta = next(c for c in data["concepts"] if c["id"] == "beta")
    assert set(beta) >= {"id", "due", "due_now", "learning", "retrievability", "accuracy"}
    assert beta["accuracy"] == 1.0 and beta["learning"] is False and beta["due_now"] is False
    assert beta["due"] > "2025-02-19"


def test_sparkline_maps_scores_onto_eight_levels():
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([10, 20], 0, 20) == "▅█"
    assert sparkline([]) == ""


def test_tutor_stats_json_through_the_console_script(run_tutor, tmp_path, exam):
    data_dir = tmp_path / "data"
    store = open_store(data_dir, exams=[exam])
    part = exam.parts[0]
    field = part.fields[0]
    store.record_attempt(Attempt(exam.id, part.id, field.id, "my answer", "incorrect", 0, field.points, "made-up"))
    store.record_attempt(Attempt(exam.id, part.id, field.id, "my answer", "incorrect", 0, field.points, "made-up"))
    session = store.start_mock(exam.id, 0.2, now=store.now() - timedelta(minutes=5))
    store.close()

    result = run_tutor("stats", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["attempts"] == 2
    assert data["mistakes"] == [{"id": "made-up", "field": field.full_id, "count": 2, "exam": exam.id}]
    assert {c["id"] for c in data["concepts"]} == set(exam.concepts)
    assert {c["id"] for c in data["due"]} == set(part.concepts)  # the miss made them due
    assert data["mocks"] == [] and session.id == 1  # an unsubmitted mock is not history yet

    text = run_tutor("stats", data_dir=data_dir)
    assert text.returncode == 0 and "Answers recorded: 2" in text.stdout
    assert max(len(line) for line in text.stdout.splitlines()) <= 80
    assert "made-up" in text.stdout


def test_tutor_stats_names_a_mistake_by_what_it_was_not_its_slug(run_tutor, tmp_path, exam):
    from tutor.engine.mistake_text import mistake_summary

    data_dir = tmp_path / "data"
    store = open_store(data_dir, exams=[exam])
    slugs = {"4a.loss": "wrong-class-or-entropy", "2b.db_shape": "like-W"}
    for full_id, slug in slugs.items():
        part_id, field_id = full_id.split(".")
        assert slug in {m.id for m in exam.field(full_id).mistakes}
        store.record_attempt(Attempt(exam.id, part_id, field_id, "x", "incorrect", 0, 3, slug))
    store.close()
    text = run_tutor("stats", data_dir=data_dir)
    assert text.returncode == 0, text.stderr
    for full_id, slug in slugs.items():
        assert slug not in text.stdout
        line = next(line for line in text.stdout.splitlines() if f"  {full_id}  " in line)
        assert line.split(f"{full_id}  ", 1)[1] == mistake_summary(exam, full_id, slug, 80 - len(line.split(full_id)[0]) - len(full_id) - 2)
        assert len(line) <= 80
    assert "That is 𝐖ₖ's shape" in text.stdout or "That is W" in text.stdout


def test_a_mistake_summary_is_cut_at_a_word():
    from tutor.engine.mistake_text import _cut

    assert _cut("short enough", 20) == "short enough"
    cut = _cut("That is the shape of the weights, not of the bias vector", 30)
    assert cut.endswith("…") and len(cut) <= 30 and cut[:-1] in "That is the shape of the weights, not"
    assert not cut[:-1].endswith((" ", ","))
