"""The mock's clock: within a run the time left follows an elapsed clock (a wall-clock jump
changes nothing, a suspend counts), across runs it comes from the stored deadline."""

from __future__ import annotations

from datetime import timedelta

from tutor.study.countdown import Countdown


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
