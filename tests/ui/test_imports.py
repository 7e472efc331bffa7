"""Start-up stays light: the home screen imports no numpy, lark, plotext or fsrs."""

from __future__ import annotations

import subprocess
import sys
import textwrap

HEAVY = ("numpy", "lark", "plotext", "fsrs", "textual_plotext")


def test_home_screen_mounts_without_heavy_imports(tmp_path):
    code = textwrap.dedent(f"""
        import asyncio, sys
        from tutor.model import load_exams
        from tutor.study import open_store
        from tutor.ui.app import make_app

        async def main():
            app = make_app(load_exams(), open_store({str(tmp_path)!r}))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert type(app.screen).__name__ == "HomeScreen", app.screen
                assert "Review" in str(app.screen.query_one("#summary").render())

        asyncio.run(main())
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print("HEAVY", heavy)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout, out.stdout


def test_importing_the_app_module_is_light():
    code = ("import sys, tutor.ui.app; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
