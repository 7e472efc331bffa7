"""An SVG snapshot of the Demos screen (pytest-textual-snapshot), on the cross-entropy demo:
float64 and analytic, so its numbers and plot are the same on every machine. Regenerate
after an intended change with `pytest tests/demos/test_demos_snapshot.py --snapshot-update`.
"""

from __future__ import annotations

from tutor.model import load_exams
from tutor.ui.app import make_app


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_cross_entropy_demo(snap_compare):
    app = make_app(load_exams(), None, ("demo", "cross-entropy"))
    assert snap_compare(app, terminal_size=(100, 32), run_before=_settle)
