"""The real thing, in each real browser (headless Chromium over the DevTools protocol, headless
Firefox over WebDriver BiDi): a student signs in, reaches home, opens practice, checks an answer
and sees the verdict, then walks the mock's parts, with keys sent as a keyboard would (no click
on the terminal first).

Needs the system browsers (Debian packages `chromium` and `firefox-esr`). Outside CI a missing
browser skips with that reason; in CI (CI=true) it fails, so the test cannot silently stop
running (the `browser` fixture in conftest.py).
"""

from __future__ import annotations

import asyncio

from tests.serve.driver import PageDriver
from tutor.serve.client import PALETTE_SETTLE_S


def test_a_student_signs_in_practises_and_sees_the_verdict(browser: PageDriver, served, tmp_path):
    async def scenario() -> None:
        try:
            await browser.start()
            await browser.sign_in(served.url, "alice", served.passwords["alice"])
            await browser.wait_for_text("Practice", timeout=30)  # the home menu
            mark = len(browser.frames)
            await browser.press("p")
            await browser.wait_for_text("Parts", since=mark)
            mark = len(browser.frames)
            await browser.press("ctrl+p")  # the command palette
            await browser.wait_for_text("🔎", since=mark)
            await browser.type_text("4a")
            await browser.wait_for_text("Go to part 4a", since=mark)
            await asyncio.sleep(PALETTE_SETTLE_S)  # the results for "4a", not those for "4"
            mark = len(browser.frames)
            await browser.press("enter")
            await browser.wait_for_text("Part 4a ·", since=mark)
            await browser.type_text("-ln(0.3)")
            await asyncio.sleep(0.2)
            mark = len(browser.frames)
            await browser.press("enter")
            await browser.wait_for_text("Correct", since=mark)
            await browser.wait_for_text("3/3", since=mark)
            # the keys the mock needs arrive from a browser: escape twice (home), m, enter, page down
            mark = len(browser.frames)
            await browser.press("escape")  # leaves the answer box (its footer offers esc Back) or goes home
            if await browser.wait_for_any(("esc Back", "Mock midterm"), since=mark) != "Mock midterm":
                mark = len(browser.frames)
                await browser.press("escape")
                await browser.wait_for_text("Mock midterm", since=mark)
            await asyncio.sleep(0.5)  # a lone ESC then a letter at once would read as alt+letter
            mark = len(browser.frames)
            await browser.press("m")
            await browser.wait_for_text("Start the", since=mark)
            mark = len(browser.frames)
            await browser.press("enter")
            await browser.wait_for_text("Part 1a", since=mark)
            mark = len(browser.frames)
            await browser.press("pagedown")
            await browser.wait_for_text("Part 1b", since=mark)
            mark = len(browser.frames)
            await browser.press("pageup")
            await browser.wait_for_text("Part 1a", since=mark)
            outside = [u for u in browser.requests if not u.startswith((served.url, "about:", "data:", "ws://127.0.0.1"))]
            assert outside == [], f"the page fetched from elsewhere: {outside}"
        except BaseException:
            if browser.started:
                await browser.screenshot(str(tmp_path / "failure.png"))
                print(f"screenshot: {tmp_path / 'failure.png'}; console: {browser.console[-10:]}")
            raise
        finally:
            await browser.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))
    attempts = served.student_dir("alice") / "tutor.db"
    assert attempts.exists(), "alice's answer was not stored in her own folder"
    assert not served.student_dir("bob").exists(), "bob's folder was touched by alice's session"
