"""The line under a part that lists its keys (hints, solution steps, critique, demo)."""

from __future__ import annotations

from pathlib import Path

from tutor.model import load_exams
from tutor.ui.app import make_app

QUIZ = Path(__file__).parents[1] / "fixtures" / "exams" / "dl-quiz.yaml"


async def _links(part: str, store) -> str:
    app = make_app(load_exams([QUIZ]), store, ("practice", part))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return str(app.screen.query_one("#links").render())


async def test_one_solution_step_is_one_step_not_one_steps(store):
    assert "solution (1 step)" in await _links("1b", store)   # 1b's worked solution has one step
    assert "solution (2 steps)" in await _links("1a", store)
