"""The roster: who is in the class, how each student signs in, and the staff accounts.

SQLite (one small file in the class folder), or the class's PostgreSQL database when serving
from several nodes (`tutor.classroom.roster_db`); written only by staff commands and sign-in.
A student signs in with a password or a one-time link; only hashes are stored. Each student
has a `generation`: issuing new credentials bumps it, which ends their existing sessions.
Staff accounts (a name and a password, hashed the same way) read the class report; they are
not students and have no progress. A name is either a student's id or a staff account's,
never both, so one sign-in form serves both.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.classroom.ids import InvalidStudentId, normalize_student_id
from tutor.classroom.passwords import (
    hash_password,
    new_password,
    new_token,
    token_digest,
    verify_password,
)
from tutor.classroom.roster_db import RosterDb, open_roster_db

LINK_LIFETIME_S = 7 * 24 * 3600
MAX_ROSTER_BYTES = 2_000_000
MAX_ROSTER_ROWS = 20_000
MAX_NAME_LENGTH = 120

Clock = Callable[[], float]
DB_ENV = "TUTOR_DB"

class RosterError(ValueError):
    """A roster file or command the roster cannot accept; the message names the place."""


@dataclass(frozen=True)
class Student:
    """One student on the roster."""

    id: str
    name: str
    generation: int


@dataclass(frozen=True)
class StaffMember:
    """One staff account."""

    id: str
    name: str
    generation: int


@dataclass(frozen=True)
class Credential:
    """What staff hand one student: a password or a one-time sign-in link (shown once)."""

    student_id: str
    name: str
    password: str = ""
    link: str = ""


@dataclass(frozen=True)
class RosterRow:
    """One line of a roster file."""

    id: str
    name: str
    line: int


class Roster:
    """The class roster: `roster.db` in the class folder, or the class's PostgreSQL database
    (`db`, else $TUTOR_DB when it is a postgresql:// URL). Safe to use from several processes."""

    def __init__(self, path: Path, *, clock: Clock | None = None, db: str | None = None) -> None:
        self.path = path
        self._now = clock or time.time
        url = db if db is not None else os.environ.get(DB_ENV, "")
        self.db_url = url if url.startswith(("postgresql://", "postgres://")) else None
        self._db: RosterDb = open_roster_db(path, self.db_url)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def shared_secret(self) -> bytes | None:
        """The cookie-signing key all serve nodes share (PostgreSQL), or None (the folder's)."""
        return self._db.shared_secret()

    # -- who is in the class --------------------------------------------------------------
    def students(self) -> list[Student]:
        """Every student, by id."""
        rows = self._db.execute("SELECT id, name, generation FROM students ORDER BY id").fetchall()
        return [Student(r[0], r[1], r[2]) for r in rows]

    def get(self, student_id: str) -> Student | None:
        """The student with this id, or None (also for text that cannot be an id)."""
        try:
            key = normalize_student_id(student_id)
        except InvalidStudentId:
            return None
        row = self._db.execute("SELECT id, name, generation FROM students WHERE id = ?", (key,)).fetchone()
        return Student(row[0], row[1], row[2]) if row else None

    def add(self, student_id: str, name: str = "") -> tuple[Student, bool]:
        """Add a student (the id is validated); returns the student and whether it is new.
        RosterError when a staff account has that name."""
        key = normalize_student_id(student_id)
        if self.get_staff(key) is not None:
            raise RosterError(f"'{key}' is a staff account's name; a student needs another id")
        clean = " ".join(name.split())[:MAX_NAME_LENGTH]
        cur = self._db.execute("INSERT OR IGNORE INTO students (id, name, added_at) VALUES (?, ?, ?)",
                                 (key, clean, self._now()))
        student = self.get(key)
        assert student is not None
        return student, cur.rowcount == 1

    # -- credentials ----------------------------------------------------------------------
    def issue_password(self, student_id: str) -> Credential:
        """A fresh password for the student; their earlier password, links and sessions stop working."""
        student = self._require(student_id)
        password = new_password()
        with self._db.transaction():
            self._db.execute("UPDATE students SET password_hash = ?, generation = generation + 1 WHERE id = ?",
                               (hash_password(password), student.id))
            self._db.execute("DELETE FROM links WHERE student_id = ?", (student.id,))
        return Credential(student.id, student.name, password=password)

    def issue_link(self, student_id: str, public_url: str, lifetime_s: float = LINK_LIFETIME_S) -> Credential:
        """A one-time sign-in link (valid `lifetime_s`); earlier passwords, links and sessions stop working."""
        student = self._require(student_id)
        token = new_token()
        with self._db.transaction():
            self._db.execute("UPDATE students SET password_hash = NULL, generation = generation + 1 WHERE id = ?",
                               (student.id,))
            self._db.execute("DELETE FROM links WHERE student_id = ?", (student.id,))
            self._db.execute("INSERT INTO links (digest, student_id, expires_at) VALUES (?, ?, ?)",
                               (token_digest(token), student.id, self._now() + lifetime_s))
        return Credential(student.id, student.name, link=f"{public_url.rstrip('/')}/signin/link/{token}")

    def check_password(self, student_id: str, password: str) -> Student | None:
        """The student when the id and password match; None otherwise (same work either way)."""
        student = self.get(student_id)
        stored = None
        if student is not None:
            row = self._db.execute("SELECT password_hash FROM students WHERE id = ?", (student.id,)).fetchone()
            stored = row[0] if row else None
        ok = verify_password(password, stored)
        return student if ok and student is not None else None

    def redeem_link(self, token: str) -> Student | None:
        """The student a one-time link belongs to, using it up; None if unknown, used or expired."""
        if not token or len(token) > 200:
            return None
        row = self._db.execute(
            "UPDATE links SET used_at = ? WHERE digest = ? AND used_at IS NULL AND expires_at > ? RETURNING student_id",
            (self._now(), token_digest(token), self._now())).fetchone()
        return self.get(row[0]) if row else None

    def link_is_open(self, token: str) -> bool:
        """Whether a link can still be used (without using it): for the page that asks to confirm."""
        if not token or len(token) > 200:
            return False
        row = self._db.execute("SELECT 1 FROM links WHERE digest = ? AND used_at IS NULL AND expires_at > ?",
                                 (token_digest(token), self._now())).fetchone()
        return row is not None

    def sign_in(self, name: str, password: str) -> Student | StaffMember | None:
        """The student or staff account the name and password belong to (one hash check either
        way), or None."""
        member = self.get_staff(name)
        if member is None:
            return self.check_password(name, password)
        row = self._db.execute("SELECT password_hash FROM staff WHERE id = ?", (member.id,)).fetchone()
        return member if verify_password(password, row[0] if row else None) else None

    # -- staff accounts -------------------------------------------------------------------
    def staff(self) -> list[StaffMember]:
        """Every staff account, by name."""
        rows = self._db.execute("SELECT id, name, generation FROM staff ORDER BY id").fetchall()
        return [StaffMember(r[0], r[1], r[2]) for r in rows]

    def get_staff(self, name: str) -> StaffMember | None:
        """The staff account with this name, or None (also for text that cannot be a name)."""
        try:
            key = normalize_student_id(name)
        except InvalidStudentId:
            return None
        row = self._db.execute("SELECT id, name, generation FROM staff WHERE id = ?", (key,)).fetchone()
        return StaffMember(row[0], row[1], row[2]) if row else None

    def add_staff(self, name: str, display_name: str = "") -> tuple[Credential, bool]:
        """Create a staff account, or give an existing one a new password (ending its sessions);
        returns the password (shown once) and whether the account is new. The name follows a
        student id's rules and may not be a student's id (RosterError)."""
        key = normalize_student_id(name)
        if self.get(key) is not None:
            raise RosterError(f"'{key}' is a student on the roster; a staff account needs another name")
        clean = " ".join(display_name.split())[:MAX_NAME_LENGTH]
        password = new_password()
        with self._db.transaction():
            cur = self._db.execute("INSERT OR IGNORE INTO staff (id, name, password_hash, added_at)"
                                     " VALUES (?, ?, ?, ?)", (key, clean, hash_password(password), self._now()))
            new = cur.rowcount == 1
            if not new:
                self._db.execute("UPDATE staff SET password_hash = ?, generation = generation + 1,"
                                   " name = CASE WHEN ? = '' THEN name ELSE ? END WHERE id = ?",
                                   (hash_password(password), clean, clean, key))
        member = self.get_staff(key)
        assert member is not None
        return Credential(member.id, member.name, password=password), new

    def remove_staff(self, name: str) -> bool:
        """Delete a staff account (its sessions end); False if there was none."""
        member = self.get_staff(name)
        if member is None:
            return False
        self._db.execute("DELETE FROM staff WHERE id = ?", (member.id,))
        return True

    def _require(self, student_id: str) -> Student:
        student = self.get(student_id)
        if student is None:
            raise RosterError(f"no student '{student_id}' on the roster; add them with `tutor class roster add ID`")
        return student


def read_roster_file(path: Path) -> list[RosterRow]:
    """Students from a CSV file: a header row naming an `id` column (and optionally `name`), or
    no header and the id in the first column. Errors name `file:line`."""
    try:
        size = path.stat().st_size
        if size > MAX_ROSTER_BYTES:
            raise RosterError(f"{path}: the file is {size} bytes; a roster has at most {MAX_ROSTER_BYTES}")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise RosterError(f"{path}: the roster is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV") from None
    return parse_roster(text, str(path))


def parse_roster(text: str, origin: str = "<roster>") -> list[RosterRow]:
    """Parse roster CSV text (see `read_roster_file`)."""
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_ROSTER_ROWS:
        raise RosterError(f"{origin}: {len(rows)} rows; a roster has at most {MAX_ROSTER_ROWS}")
    id_col, name_col, start = 0, None, 0
    if rows:
        header = [cell.strip().lower() for cell in rows[0]]
        if "id" in header:
            id_col, start = header.index("id"), 1
            name_col = header.index("name") if "name" in header else None
    found: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        raw = row[id_col] if id_col < len(row) else ""
        try:
            key = normalize_student_id(raw)
        except InvalidStudentId as exc:
            errors.append(f"{origin}:{number}: {exc}")
            continue
        if key in seen:
            errors.append(f"{origin}:{number}: '{key}' is listed twice (first on line {seen[key]})")
            continue
        seen[key] = number
        name = row[name_col] if name_col is not None and name_col < len(row) else ""
        found.append(RosterRow(key, " ".join(name.split())[:MAX_NAME_LENGTH], number))
    if errors:
        shown = errors[:20] + ([f"… and {len(errors) - 20} more"] if len(errors) > 20 else [])
        raise RosterError("\n".join(shown))
    return found


def credentials_csv(credentials: Iterable[Credential]) -> str:
    """The credentials as CSV for staff to hand out: id, name, password, link."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "password", "link"])
    for c in credentials:
        writer.writerow([c.student_id, _cell(c.name), c.password, c.link])
    return out.getvalue()



def _cell(text: str) -> str:
    """A name as a spreadsheet shows it as text (never as a formula)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
