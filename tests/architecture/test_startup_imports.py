"""Heavy imports only when first needed: showing the home screen loads the model, the study
store, Textual and the home screen, and nothing else of the tutor or of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import asyncio, sys
from tutor.model import load_exams
from tutor.ui.app import make_app

async def main():
    app = make_app(load_exams(), None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

asyncio.run(main())
print(" ".join(sorted(sys.modules)))
"""


def test_the_home_screen_loads_no_engine_demo_latex_palette_or_other_screen():
    loaded = set(subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                                check=True, timeout=120).stdout.split())
    # (yaml is not on the list: a cold exam cache reads the content file)
    heavy = {m for m in loaded if m.split(".")[0] in ("numpy", "lark", "pylatexenc", "fsrs", "plotext", "PIL")}
    assert not heavy
    tutor_ui = {m for m in loaded if m.startswith("tutor.ui.")}
    # (css_cache and layout_once: the app shares its parsed CSS and lays each widget out once
    # from its first moment; they import only Textual's)
    assert tutor_ui == {"tutor.ui.app", "tutor.ui.css_cache", "tutor.ui.keys", "tutor.ui.layout_once",
                        "tutor.ui.screens",
                        "tutor.ui.screens.home", "tutor.ui.screens.registry", "tutor.ui.widgets",
                        "tutor.ui.widgets.tutor_footer", "tutor.ui.widgets.tutor_header"}
    assert not {m for m in loaded if m.startswith(("tutor.engine", "tutor.demos", "tutor.mathtext", "tutor.cli"))}
    # the statistics, the mock's grading and the salvage of a damaged database are built
    # when first needed, not for home
    assert not loaded & {"tutor.study.stats", "tutor.study.grading", "tutor.study.salvage"}
