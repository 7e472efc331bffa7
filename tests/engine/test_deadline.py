"""The per-check CPU budget: the answer's own work counts, a garbage collection does not."""

from __future__ import annotations

import gc
import time

import pytest

from tutor.engine.errors import Deadline, EngineError


def _spin(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _tick(deadline: Deadline) -> None:
    for _ in range(8):  # the clock is read every eighth call
        deadline.check()


def test_the_checks_own_work_runs_out_the_budget():
    deadline = Deadline(0.02)
    _tick(deadline)
    _spin(0.03)
    with pytest.raises(EngineError, match="takes too long"):
        _tick(deadline)


def test_a_full_collection_is_not_charged_to_the_check():
    heap = [[i] for i in range(400_000)]  # enough containers that a full collection is slow
    start = time.thread_time()
    gc.collect()
    one_collection = time.thread_time() - start
    deadline = Deadline(max(0.005, one_collection / 4))
    for _ in range(3):
        gc.collect()  # three collections, each longer than the whole budget
    _tick(deadline)
    assert len(heap) == 400_000
