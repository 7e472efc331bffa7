"""The staff page and its JSON: the class report for staff accounts, never for students.

The app runs in-process (aiohttp's test server) over a class built through the real store.
"""

from __future__ import annotations

import json
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer
from itsdangerous import URLSafeTimedSerializer

from tests.classroom.test_report import _class
from tutor.classroom import ClassFolder, Roster
from tutor.serve.config import ServeConfig
from tutor.serve.web import build_app

PUBLIC = "http://tutor.test"
ORIGIN = {"Origin": PUBLIC}


@pytest.fixture
def people(tmp_path, exam):
    """ann, bo and cy (see test_report._class), with passwords, and staff ta1 (a name with markup)."""
    folder = _class(tmp_path, exam)
    roster = Roster(folder.roster_path)
    passwords = {s: roster.issue_password(s).password for s in ("ann", "bo")}
    credential, _ = roster.add_staff("ta1", "<b>Ada</b> & co")
    passwords["ta1"] = credential.password
    roster.close()
    return passwords


@pytest.fixture
async def client(tmp_path, exam, people):
    app = build_app(ServeConfig(data_dir=str(tmp_path), exams=[exam], tutor_argv=["false"]), PUBLIC)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def _sign_in(client, name: str, password: str) -> str:
    """Sign in; returns where the server sent the browser."""
    response = await client.post("/signin", data={"id": name, "password": password}, headers=ORIGIN,
                                 allow_redirects=False)
    assert response.status == 303, await response.text()
    return response.headers["Location"]


def _cookie(client) -> str:
    return next(c.value for c in client.session.cookie_jar if c.key == "tutor_session")


async def test_staff_sign_in_and_see_the_class_report(client, people, exam):
    assert await _sign_in(client, "ta1", people["ta1"]) == "/staff"
    response = await client.get("/staff")
    assert response.status == 200
    html = await response.text()
    assert "Cross-entropy" in html and "4a.loss" in html and "reversed" in html and "losses-swapped" in html
    assert "Sign error: ln 0.3 is negative" in html  # the feedback the students saw
    assert re.search(r"<td>ann</td><td class=\"n\">\d+</td>", html)  # reviews due, by student
    assert html.count('class="bar"/>') >= 10 and 'aria-label="Mock scores of' in html
    assert "0–10% 1" in html  # bo's mock, in the chart's first bar
    assert "&lt;b&gt;Ada&lt;/b&gt; &amp; co" in html and "<b>Ada</b>" not in html  # escaped
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing from elsewhere
    assert "<script" not in html
    assert (await client.get("/")).url.path == "/staff"  # staff have no tutor: home is the report


async def test_the_json_is_the_cli_report(client, people, exam, run_tutor, tmp_path):
    await _sign_in(client, "ta1", people["ta1"])
    response = await client.get("/staff/report.json")
    assert response.status == 200 and response.content_type == "application/json"
    data = await response.json()
    cli = run_tutor("class", "report", "--json", data_dir=tmp_path)
    assert data == json.loads(cli.stdout)


async def test_students_never_reach_the_staff_pages(client, people):
    assert await _sign_in(client, "ann", people["ann"]) == "/"
    assert (await client.get("/staff", allow_redirects=False)).status == 403
    assert (await client.get("/staff/report.json", allow_redirects=False)).status == 403


async def test_without_a_valid_cookie_the_staff_page_sends_to_sign_in(client, people, tmp_path):
    response = await client.get("/staff", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/signin"
    assert (await client.get("/staff/report.json", allow_redirects=False)).status == 401
    forged = URLSafeTimedSerializer(b"not the class secret" * 3, salt="tutor-session-v1").dumps(
        {"s": "ta1", "g": 1, "r": "staff"})
    real_key = ClassFolder.under(tmp_path).secret()
    no_such = URLSafeTimedSerializer(real_key, salt="tutor-session-v1").dumps({"s": "zed", "g": 1, "r": "staff"})
    for value in (forged, no_such):
        response = await client.get("/staff", allow_redirects=False, cookies={"tutor_session": value})
        assert response.status == 303 and response.headers["Location"] == "/signin"


async def test_a_student_cookie_edited_to_say_staff_is_refused(client, people):
    await _sign_in(client, "ann", people["ann"])
    _, signature = _cookie(client).split(".", 1)
    staff_payload = URLSafeTimedSerializer(b"any").dump_payload({"s": "ann", "g": 2, "r": "staff"}).decode()
    client.session.cookie_jar.clear()
    response = await client.get("/staff", allow_redirects=False,
                                cookies={"tutor_session": f"{staff_payload}.{signature}"})
    assert response.status == 303 and response.headers["Location"] == "/signin"


async def test_a_staff_cookie_opens_no_tutor_and_ends_with_a_new_password(client, people, tmp_path):
    await _sign_in(client, "ta1", people["ta1"])
    handshake = await client.get("/ws?width=80&height=24", headers={**ORIGIN, "Connection": "Upgrade",
                                                                    "Upgrade": "websocket",
                                                                    "Sec-WebSocket-Version": "13",
                                                                    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert handshake.status == 403
    roster = Roster(ClassFolder.under(tmp_path).roster_path)
    roster.add_staff("ta1")  # a new password: the old sessions end
    roster.close()
    response = await client.get("/staff", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/signin"


async def test_staff_sign_in_is_rate_limited_like_students(client, people):
    for _ in range(5):
        response = await client.post("/signin", data={"id": "ta1", "password": "guess"}, headers=ORIGIN)
        assert response.status == 401
    response = await client.post("/signin", data={"id": "ta1", "password": people["ta1"]}, headers=ORIGIN)
    assert response.status == 429


async def test_the_staff_page_snapshot(client, people, snapshot):
    """The whole page for the small class (look at the stored HTML when it changes)."""
    await _sign_in(client, "ta1", people["ta1"])
    html = await (await client.get("/staff")).text()
    assert html == snapshot
