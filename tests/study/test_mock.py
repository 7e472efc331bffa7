"""Mock sessions: stored deadline, resume with the real time left, autosave, one submission."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from tutor.study import MockAlreadyOpen, grade_mock


def test_resume_after_restart_keeps_the_remaining_time(tmp_path, clock, mini, check, open_study):
    store = open_study(tmp_path, clock=clock)
    session = store.start_mock("mini", 110)
    store.save_answer(session.id, "1b.x", "2")
    store.close()  # "power loss" at minute 40: the app is gone, only the file remains
    clock.advance(minutes=40)
    relaunched = open_study(tmp_path, clock=clock)
    resumed, finished = relaunched.resume_mock(mini, check)
    assert finished is None and resumed.id == session.id
    assert resumed.remaining(clock()) == timedelta(minutes=70)
    assert relaunched.mock_answers(resumed.id) == {"1b.x": "2"}


def test_fractional_minutes_set_a_deadline_in_seconds(store, clock):
    session = store.start_mock("mini", 0.2)
    assert session.deadline - session.started_at == timedelta(seconds=12)
    clock.advance(seconds=11.5)
    assert store.active_mock("mini").remaining(clock()) == timedelta(seconds=0.5)
    assert not store.active_mock("mini").expired(clock())


def test_deadline_passed_while_closed_submits_the_saved_answers(tmp_path, clock, mini, check, open_study):
    store = open_study(tmp_path, clock=clock)
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "1b.x", "2")
    store.save_answer(session.id, "2a.b", "GD")
    store.close()
    clock.advance(hours=3)
    store = open_study(tmp_path, clock=clock)
    resumed, result = store.resume_mock(mini, check)
    assert resumed is None and result.submitted_now
    assert result.session.submit_reason == "expired" and result.grade.score == 11.0
    assert result.grade.time_used_s == 30 * 60  # capped at the allowed time
    assert store.active_mock("mini") is None and len(store.mocks("mini")) == 1


def test_autosubmit_happens_exactly_once_however_often_it_is_triggered(store, clock, mini, check):
    session = store.start_mock("mini", 1)
    store.save_answer(session.id, "1b.x", "2")
    clock.advance(minutes=1)
    first = store.finish_mock(mini, session.id, check, "timeout")
    second = store.finish_mock(mini, session.id, check, "timeout")  # a second timer firing
    third = store.finish_mock(mini, session.id, check, "manual")  # the modal's submit button
    assert [first.submitted_now, second.submitted_now, third.submitted_now] == [True, False, False]
    assert third.grade == first.grade and third.session.submit_reason == "timeout"
    assert len(store.mocks("mini")) == 1
    recorded = [(a.field_id, a.verdict) for a in store.attempts("mini")]
    assert recorded == [("1a.t", "blank"), ("1b.x", "correct"), ("2a.a", "blank"), ("2a.b", "blank"),
                        ("3a.y", "blank")]  # one per field, recorded once
    assert store.attempt_count("mini") == 1  # blanks are not answers


def test_two_processes_racing_to_submit_record_one_submission(tmp_path, clock, mini, check, open_study):
    a = open_study(tmp_path, clock=clock)
    b = open_study(tmp_path, clock=clock)  # a second connection, as a second tutor would have
    session = a.start_mock("mini", 1)
    a.save_answer(session.id, "1b.x", "2")
    clock.advance(minutes=2)
    results = []
    threads = [threading.Thread(target=lambda s=s: results.append(s.finish_mock(mini, session.id, check, "timeout")))
               for s in (a, b) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.submitted_now for r in results) == 1
    assert a.attempt_count() == 1 and len(b.mocks("mini")) == 1


def test_autosave_upserts_and_stops_after_submission(store, mini, check):
    session = store.start_mock("mini", 10)
    assert store.save_answer(session.id, "1b.x", "1")
    assert store.save_answer(session.id, "1b.x", "2")
    assert store.mock_answers(session.id) == {"1b.x": "2"}
    store.finish_mock(mini, session.id, check)
    assert not store.save_answer(session.id, "1b.x", "late edit")
    assert store.mock_answers(session.id) == {"1b.x": "2"}


def test_flags_are_kept_per_mock(store):
    session = store.start_mock("mini", 10)
    store.set_flag(session.id, "2a")
    store.set_flag(session.id, "1b")
    store.set_flag(session.id, "1b", False)
    assert store.mock_flags(session.id) == {"2a"}


def test_only_one_open_mock_per_exam(store):
    session = store.start_mock("mini", 10)
    with pytest.raises(MockAlreadyOpen) as info:
        store.start_mock("mini", 10)
    assert info.value.session.id == session.id
    with pytest.raises(ValueError):
        store.start_mock("other", 0)


def test_grading_scores_problems_total_and_bonus(mini, check):
    answers = {"1a.t": "an idea", "1b.x": "-2", "2a.a": "1", "2a.b": "half", "3a.y": "3"}
    grade = grade_mock(mini, answers, check, time_used_s=600)
    by_problem = {p.problem_id: (p.score, p.max) for p in grade.problems}
    assert by_problem == {"1": (0.0, 10.0), "2": (7.0, 10.0), "3": (2.0, 2.0)}
    assert (grade.score, grade.max_score, grade.bonus, grade.max_bonus) == (7.0, 20.0, 2.0, 2.0)
    assert grade.field("1b.x").mistake == "sign"
    assert grade.part("1a").verdict == "pending" and grade.field("1a.t").suggested == 2.5
    assert grade.part("2a").verdict == "partial" and grade.part("3a").verdict == "correct"
    assert [f.field_id for f in grade.pending] == ["1a.t"]


def test_blank_answers_are_not_checked_and_score_zero(mini, check):
    seen = []

    def spy(field, raw):
        seen.append(field.full_id)
        return check(field, raw)

    grade = grade_mock(mini, {"1b.x": "  ", "3a.y": "3"}, spy)
    assert seen == ["3a.y"]
    assert grade.part("1b").verdict == "blank" and grade.part("1a").verdict == "blank"
    assert (grade.score, grade.bonus) == (0.0, 2.0)


def test_a_checker_failure_scores_zero_instead_of_losing_the_mock(mini):
    def broken(field, raw):
        raise RuntimeError("boom")

    grade = grade_mock(mini, {"1b.x": "2"}, broken)
    assert grade.field("1b.x").verdict == "invalid" and "boom" in grade.field("1b.x").feedback[0]


def test_self_grades_of_text_answers_are_stored_and_re_totalled(tmp_path, store, clock, mini, check):
    session = store.start_mock("mini", 30)
    store.save_answer(session.id, "1a.t", "some idea")
    store.save_answer(session.id, "1b.x", "2")
    clock.advance(minutes=12)
    result = store.finish_mock(mini, session.id, check)
    assert result.grade.score == 5.0 and result.grade.time_used_s == 720
    regraded = store.self_grade_mock(mini, session.id, "1a.t", 4)
    assert regraded.score == 9.0 and regraded.field("1a.t").self_graded and not regraded.pending
    assert store.get_mock(session.id).score == 9.0
    assert store.mock_grade(session.id) == regraded  # survives in the database
    text_attempt = next(a for a in store.attempts("mini") if a.field_id == "1a.t")
    assert (text_attempt.verdict, text_attempt.score, text_attempt.mode) == ("partial", 4.0, "mock")
    with pytest.raises(ValueError):
        store.self_grade_mock(mini, session.id, "1b.x", 5)  # not a text answer
