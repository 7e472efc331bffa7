"""The aiohttp application behind `tutor serve`: sign-in pages, the tutor page, the websocket.

Every route that reaches a tutor needs a valid session cookie; the websocket also needs the
page's own origin. The student's identity comes only from the signed cookie: nothing in a
URL, query or message can choose whose progress a session opens.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import WSMsgType, web

from tutor.classroom import ClassFolder, Roster, StaffMember, Student
from tutor.classroom.report_build import report_source
from tutor.classroom.report_rows import ReportUnavailable
from tutor.serve.config import ServeConfig, origin_of
from tutor.serve.cookies import COOKIE_NAME, Identity, SessionCookies
from tutor.serve.ratelimit import SignInLimiter
from tutor.serve.sessions import (
    Refused,
    Session,
    SessionPool,
    TutorProcess,
    student_environment,
    tutor_args,
    tutor_argv,
)
from tutor.serve.staff import ReportDesk

log = logging.getLogger("tutor.serve")

HERE = Path(__file__).parent
MAX_WS_MESSAGE = 64 * 1024
MAX_FORM_BYTES = 4096
TERMINAL_LIMITS = (10, 500)

STATE: web.AppKey[ServerState] = web.AppKey("tutor_state")


class ServerState:
    """What the handlers share: config, roster, cookies, limits and the session pool."""

    def __init__(self, config: ServeConfig, public_url: str) -> None:
        self.config = config
        self.public_url = public_url
        self.origin = origin_of(public_url)
        self.folder = ClassFolder.under(config.data_dir)
        self.roster = Roster(self.folder.roster_path, db=config.db or "")
        # with PostgreSQL, every node signs cookies with the database's key, so any node reads them
        secret = self.roster.shared_secret() or self.folder.secret()
        self.cookies = SessionCookies(secret, config.cookie_hours * 3600)
        self.limiter = SignInLimiter()
        self.pool = SessionPool(max_sessions=config.max_sessions, tabs_per_student=config.tabs_per_student,
                                idle_s=config.idle_minutes * 60, still_valid=self.still_valid)
        self.forked = False  # until the warm tutor is up (`fork_warm`): every tab a new process
        self.argv = config.tutor_argv or tutor_argv(config.content)
        self.scrypt_slots = asyncio.Semaphore(2)  # password checks share the cores with the sessions
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                        autoescape=True, undefined=jinja2.StrictUndefined)
        self.desk = ReportDesk(report_source(self.folder, config.db or ""), config.exams, config.content,
                               config.data_dir)

    def fork_warm(self) -> None:
        """Fork every tab from the warm tutor (`tutor.serve.forked`), which must be running."""
        self.forked = True
        self.argv = tutor_args(self.config.content)

    def still_valid(self, student_id: str, generation: int) -> bool:
        """Whether the student is still on the roster with the same credentials."""
        student = self.roster.get(student_id)
        return student is not None and student.generation == generation

    def identity(self, request: web.Request) -> Student | None:
        """The signed-in student, from the cookie alone (and only if still on the roster)."""
        found: Identity | None = self.cookies.read(request.cookies.get(COOKIE_NAME))
        if found is None or found.staff or not self.still_valid(found.student_id, found.generation):
            return None
        return self.roster.get(found.student_id)

    def staff_member(self, request: web.Request) -> StaffMember | None:
        """The signed-in staff account, from the cookie alone (and only while its password stands)."""
        found: Identity | None = self.cookies.read(request.cookies.get(COOKIE_NAME))
        if found is None or not found.staff:
            return None
        member = self.roster.get_staff(found.student_id)
        return member if member is not None and member.generation == found.generation else None

    def render(self, name: str, status: int = 200, **context: Any) -> web.StreamResponse:
        """An HTML page from templates/, with the security headers."""
        html = self.pages.get_template(name).render(title="tutor", **context)
        return secure(web.Response(text=html, content_type="text/html", status=status), self.origin)


def secure(response: web.StreamResponse, origin: str) -> web.StreamResponse:
    """No external anything: the page loads only from this server, and is never framed."""
    ws_origin = "ws" + origin[4:] if origin.startswith("http") else origin
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self' {ws_origin}; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make browsers send `Origin: null`
    response.headers["Cache-Control"] = "no-store"
    return response


def build_app(config: ServeConfig, public_url: str) -> web.Application:
    """The web application (the caller binds it and stops it; see run.py)."""
    import textual_serve

    app = web.Application(client_max_size=MAX_FORM_BYTES)
    state = ServerState(config, public_url)
    app[STATE] = state
    app.add_routes([
        web.get("/", index),
        web.get("/signin", signin_page),
        web.post("/signin", signin_post),
        web.get("/signin/link/{token}", link_page),
        web.post("/signin/link/{token}", link_post),
        web.post("/signout", signout),
        web.get("/ws", websocket),
        web.get("/staff", staff_page),
        web.get("/staff/report.json", staff_json),
        web.static("/static", Path(textual_serve.__file__).parent / "static"),
        web.static("/assets", HERE / "assets"),
    ])
    app.on_shutdown.append(_on_shutdown)
    return app


async def _on_shutdown(app: web.Application) -> None:
    state = app[STATE]
    await state.pool.stop_all()
    state.roster.close()


# -- pages -------------------------------------------------------------------------------
async def index(request: web.Request) -> web.StreamResponse:
    """The tutor page for a signed-in student; otherwise the sign-in page."""
    state = request.app[STATE]
    student = state.identity(request)
    if student is None:
        raise web.HTTPSeeOther("/staff" if state.staff_member(request) is not None else "/signin")
    if state.pool.full():
        return state.render("full.html", status=503, max_sessions=state.config.max_sessions)
    ws_url = "ws" + state.public_url[4:] + "/ws"
    return state.render("tutor.html", ws_url=ws_url, student=student)


async def signin_page(request: web.Request) -> web.StreamResponse:
    """The sign-in form."""
    state = request.app[STATE]
    if state.identity(request) is not None:
        raise web.HTTPSeeOther("/")
    if state.staff_member(request) is not None:
        raise web.HTTPSeeOther("/staff")
    return state.render("signin.html", error="", student_id="")


def _address(request: web.Request) -> str:
    return request.remote or "?"


def _same_origin(request: web.Request, state: ServerState) -> bool:
    """Browsers send Origin on every POST and websocket; it must be this server's."""
    origin = request.headers.get("Origin")
    return origin is not None and origin.lower() == state.origin


async def signin_post(request: web.Request) -> web.StreamResponse:
    """Check an id and password (rate-limited), then set the session cookie."""
    state = request.app[STATE]
    if not _same_origin(request, state):
        raise web.HTTPForbidden(text="Sign in from the tutor's own page.")
    form = await request.post()
    student_id = str(form.get("id", ""))[:100].strip().lower()
    password = str(form.get("password", ""))
    address = _address(request)
    wait = state.limiter.retry_after(address, student_id)
    if wait > 0:
        return state.render("signin.html", status=429, student_id=student_id,
                            error=f"Too many sign-in attempts. Try again in {int(wait) + 1} seconds.")
    async with state.scrypt_slots:
        who = await asyncio.get_running_loop().run_in_executor(None, state.roster.sign_in, student_id, password)
    if who is None:
        state.limiter.failed(address, student_id)
        return state.render("signin.html", status=401, student_id=student_id,
                            error="That id and password do not match. Check both, or ask your course staff.")
    state.limiter.succeeded(who.id)
    return _signed_in(state, who)


def _see_other(location: str) -> web.Response:
    """A 303 redirect that carries cookies (aiohttp wants HTTP exceptions raised, not returned)."""
    return web.Response(status=303, headers={"Location": location})


def _signed_in(state: ServerState, who: Student | StaffMember) -> web.StreamResponse:
    staff = isinstance(who, StaffMember)
    response = _see_other("/staff" if staff else "/")
    response.set_cookie(COOKIE_NAME, state.cookies.issue(who.id, who.generation, staff=staff),
                        max_age=int(state.config.cookie_hours * 3600), httponly=True, samesite="Strict",
                        secure=state.config.secure_cookies, path="/")
    return response


async def link_page(request: web.Request) -> web.StreamResponse:
    """A one-time link asks before it signs in (so a link preview cannot use it up)."""
    state = request.app[STATE]
    token = request.match_info["token"]
    if not state.roster.link_is_open(token):
        return state.render("message.html", status=404, heading="This sign-in link cannot be used",
                            text="It has been used already or has expired. Ask your course staff for a new one.")
    return state.render("link.html", token=token)


async def link_post(request: web.Request) -> web.StreamResponse:
    """Use up a one-time link and sign in (rate-limited per address)."""
    state = request.app[STATE]
    if not _same_origin(request, state):
        raise web.HTTPForbidden(text="Open the link in the browser.")
    address = _address(request)
    if state.limiter.retry_after(address, "") > 0:
        return state.render("message.html", status=429, heading="Too many sign-in attempts",
                            text="Wait a few minutes and open the link again.")
    student = state.roster.redeem_link(request.match_info["token"])
    if student is None:
        state.limiter.failed(address, "")
        return state.render("message.html", status=404, heading="This sign-in link cannot be used",
                            text="It has been used already or has expired. Ask your course staff for a new one.")
    return _signed_in(state, student)


async def signout(request: web.Request) -> web.StreamResponse:
    """Forget the cookie in this browser."""
    state = request.app[STATE]
    if not _same_origin(request, state):
        raise web.HTTPForbidden(text="Sign out from the tutor's own page.")
    response = _see_other("/signin")
    response.del_cookie(COOKIE_NAME, path="/")
    return response


# -- staff: the class report ------------------------------------------------------------------
def _staff_or_refuse(request: web.Request, *, json: bool) -> StaffMember:
    """The signed-in staff account; a student gets 403, anyone else the sign-in page (or 401)."""
    state = request.app[STATE]
    member = state.staff_member(request)
    if member is not None:
        return member
    if state.identity(request) is not None:
        raise web.HTTPForbidden(text="This page is for course staff.")
    if json:
        raise web.HTTPUnauthorized(text="Sign in with a staff account first.")
    raise web.HTTPSeeOther("/signin")


async def staff_page(request: web.Request) -> web.StreamResponse:
    """The class report as a page (staff only)."""
    from tutor.serve.staff_view import report_view

    member = _staff_or_refuse(request, json=False)
    state = request.app[STATE]
    try:
        report = await state.desk.report()
    except ReportUnavailable as exc:
        return state.render("message.html", status=503, heading="The class report cannot be read now",
                            text=f"{exc}. Try again in a minute.")
    return state.render("staff.html", member=member, **report_view(report))


async def staff_json(request: web.Request) -> web.StreamResponse:
    """The class report as JSON, the object `tutor class report --json` prints (staff only)."""
    _staff_or_refuse(request, json=True)
    state = request.app[STATE]
    try:
        report = await state.desk.report()
    except ReportUnavailable as exc:
        return secure(web.json_response({"error": str(exc)}, status=503), state.origin)
    return secure(web.json_response(report.to_json()), state.origin)


# -- the websocket: one tutor process per tab -----------------------------------------------
def _size(request: web.Request, name: str, default: int) -> int:
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        return default
    low, high = TERMINAL_LIMITS
    return min(max(value, low), high)


async def websocket(request: web.Request) -> web.StreamResponse:
    """Start the signed-in student's tutor and relay the terminal both ways."""
    state = request.app[STATE]
    if not _same_origin(request, state):
        raise web.HTTPForbidden(text="Connections come from the tutor's own page only.")
    student = state.identity(request)
    if student is None:
        raise web.HTTPForbidden(text="Sign in first.")
    try:
        session = state.pool.reserve(student.id, student.generation)
    except Refused as exc:
        raise web.HTTPServiceUnavailable(text=f"No session: {exc}.") from None
    ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_WS_MESSAGE)
    try:
        await ws.prepare(request)
        session.close_socket = ws.close
        student_dir = state.folder.student_dir(student.id)
        student_dir.mkdir(parents=True, exist_ok=True)
        process = TutorProcess(state.argv, student_environment(student_dir, student.id, state.config.db),
                               forked=state.forked, write_bytes=ws.send_bytes, write_str=ws.send_str, close=ws.close,
                               download_manager=state.pool.downloads)
        session.process = process
        await process.start(_size(request, "width", 80), _size(request, "height", 24))
        log.info("session %s (%s) started, pid %s", session.id, student.id, process.pid)
        await _relay(ws, process, session)
    except (asyncio.CancelledError, ConnectionResetError):
        pass
    finally:
        await state.pool.end(session, session.ended or "closed")
        state.pool.release(session)
    return ws


async def _relay(ws: web.WebSocketResponse, process: TutorProcess, session: Session) -> None:
    """The browser's messages to the tutor (textual-serve's protocol), bounded and checked."""
    async for message in ws:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            session.touch()
            await process.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            session.touch()
            width, height = data.get("width"), data.get("height")
            if isinstance(width, int) and isinstance(height, int):
                low, high = TERMINAL_LIMITS
                await process.set_terminal_size(min(max(width, low), high), min(max(height, low), high))
        elif kind == "ping" and isinstance(data, str):
            await ws.send_json(["pong", data[:40]])
        elif kind == "blur":
            await process.blur()
        elif kind == "focus":
            await process.focus()
        if not process.running():
            break
