"""The mock's clock: within a run the time left follows an elapsed clock (a wall-clock jump
changes nothing, a suspend counts), across runs it comes from the stored deadline."""

from __future__ import annotations

import functools
from datetime import timedelta

from tests.ui.ui_pilot import settle, until
from tutor.study import open_store
from tutor.study.countdown import Countdown
from tutor.ui.app import make_app
from tutor.ui.mock_runner import TICK_S, runner_for
from tutor.ui.screens.mock import MockScreen
from tutor.ui.screens.mock_results import MockResultsScreen

_until = functools.partial(until, tries=int(5 / TICK_S), step=TICK_S / 2)


class Elapsed:
    """A fake elapsed clock (seconds): moves only when the test says time really passed."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_a_wall_clock_jump_does_not_move_the_countdown_but_elapsed_time_does(tmp_path, clock, open_study):
    elapsed = Elapsed()
    store = open_study(tmp_path, clock=clock, elapsed=elapsed)
    session = store.start_mock("mini", 30)
    countdown = store.countdown(session)
    assert countdown.remaining() == 1800
    clock.advance(hours=-2)                      # the wall clock is set back
    assert countdown.remaining() == 1800
    clock.advance(hours=5)                       # and forward, past the deadline
    assert countdown.remaining() == 1800 and not countdown.expired()
    elapsed.seconds += 600                       # ten minutes really pass
    assert countdown.remaining() == 1200 and countdown.time_used() == 600
    elapsed.seconds -= 5000                      # a clock that went back is never believed
    assert countdown.remaining() == 1800


def test_a_new_run_takes_the_time_left_from_the_stored_deadline(tmp_path, clock, open_study):
    store = open_study(tmp_path, clock=clock, elapsed=Elapsed())
    session = store.start_mock("mini", 30)
    store.close()
    clock.advance(minutes=12)                    # closed for 12 minutes
    again = open_study(tmp_path, clock=clock, elapsed=Elapsed())
    assert again.countdown(again.active_mock("mini")).remaining() == 18 * 60
    assert Countdown(session, clock.now + timedelta(hours=1)).expired()


async def test_in_the_app_a_clock_jump_is_ignored_and_a_suspend_submits_once(tmp_path, clock, exam):
    elapsed = Elapsed()
    store = open_store(tmp_path, clock=clock, exams=[exam], elapsed=elapsed)
    app = make_app([exam], store=store, start=("mock", 10))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")                                       # Start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen)
        await _until(pilot, lambda: str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left", "10:00")
        runner = runner_for(app)
        ticks: list[float] = []
        runner.listeners.append(ticks.append)                            # every tick of the clock

        async def three_ticks() -> None:
            seen = len(ticks)
            await _until(pilot, lambda: len(ticks) >= seen + 3, "three ticks")
            await pilot.pause()

        clock.advance(minutes=-30)                                       # wall clock set back
        await three_ticks()
        assert str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left"
        clock.advance(minutes=45)                                        # and 5 minutes past the deadline
        await three_ticks()
        assert str(screen.query_one("#mock-clock").render()) == "⏱ 10:00 left"
        assert store.mocks(exam.id) == [] and runner_for(app) is not None
        elapsed.seconds += 90
        await _until(pilot, lambda: str(screen.query_one("#mock-clock").render()) == "⏱ 8:30 left", "8:30")
        elapsed.seconds += 3 * 3600                                      # the laptop slept for three hours
        await _until(pilot, lambda: isinstance(app.screen, MockResultsScreen), "the results")
        for _ in range(3):                                               # more ticks: still one submission
            runner.tick()
        assert not runner.submit("timeout")
        await settle(pilot)
        mocks = store.mocks(exam.id)
        assert len(mocks) == 1 and mocks[0].submit_reason == "timeout"
        assert mocks[0].time_used_s == 600
        assert store.active_mock(exam.id) is None
