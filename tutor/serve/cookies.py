"""The session cookie: who signed in (a student, or a staff account) and their credential
generation, signed with the class secret.

itsdangerous signs and timestamps it (HMAC-SHA1 over a derived key per purpose), so a cookie
cannot be forged or edited, and expires. Issuing new credentials for a student bumps their
generation, which ends cookies issued before.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadData, URLSafeTimedSerializer

COOKIE_NAME = "tutor_session"


@dataclass(frozen=True)
class Identity:
    """Who a valid cookie says the browser is."""

    student_id: str  # a staff account's name when `staff`
    generation: int
    staff: bool = False


class SessionCookies:
    """Issue and read signed session cookies."""

    def __init__(self, secret: bytes, max_age_s: float) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="tutor-session-v1")
        self.max_age_s = max_age_s

    def issue(self, student_id: str, generation: int, *, staff: bool = False) -> str:
        """The cookie value for a student (or, with `staff`, a staff account) who just signed in."""
        payload: dict[str, object] = {"s": student_id, "g": generation}
        if staff:
            payload["r"] = "staff"
        return str(self._serializer.dumps(payload))

    def read(self, value: str | None) -> Identity | None:
        """The identity in a cookie, or None if it is missing, forged, edited or expired."""
        if not value or len(value) > 1000:
            return None
        try:
            data = self._serializer.loads(value, max_age=int(self.max_age_s))
        except BadData:
            return None
        if not isinstance(data, dict):
            return None
        student, generation = data.get("s"), data.get("g")
        if not isinstance(student, str) or not isinstance(generation, int):
            return None
        return Identity(student, generation, staff=data.get("r") == "staff")
