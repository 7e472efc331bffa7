"""What `tutor serve` runs with, and the defaults derived from measured capacity."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from tutor.model import Exam

# Measured on 2 cores (`python -m tutor.bench serve`, tabs forked from the warm tutor): a step
# (open practice, check an answer) costs a tab about 0.1 CPU-seconds, so 40 students each
# acting every 10 s get practice in ~0.1 s and a verdict in ~0.08 s (median); all 40 pressing
# the same key at once wait ~1.3-1.7 s. Each session takes ~35 MB of its own (PSS), more
# after every screen has been opened.
STUDENTS_PER_CORE = 20
MB_PER_SESSION = 100
DEFAULT_IDLE_MINUTES = 30.0
DEFAULT_TABS_PER_STUDENT = 3


def default_max_sessions() -> int:
    """Concurrent sessions this machine holds: 20 per core, and at most half the memory at
    100 MB a session (at least 1)."""
    by_cpu = STUDENTS_PER_CORE * (os.cpu_count() or 1)
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        by_memory = int(memory / 2 / (MB_PER_SESSION * 1024 * 1024))
    except (ValueError, OSError, AttributeError):
        by_memory = by_cpu
    return max(1, min(by_cpu, by_memory))


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, as a browser sends it in the Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass
class ServeConfig:
    """Settings for one `tutor serve`."""

    data_dir: str | None = None
    db: str | None = None  # the class's PostgreSQL URL (None: each student's SQLite file)
    content: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    max_sessions: int = field(default_factory=default_max_sessions)
    tabs_per_student: int = DEFAULT_TABS_PER_STUDENT
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    cookie_hours: float = 12.0
    tutor_argv: list[str] | None = None  # the command for one session (tests and benchmarks swap it)
    fork: bool = True  # tabs are forks of a warm tutor (`tutor.serve.forked`), unless tutor_argv is given
    exams: list[Exam] | None = None  # for the staff report (None: found as `tutor` finds them)

    def url_for_port(self, port: int) -> str:
        """The public URL: as given, else http://host:port."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}"

    @property
    def secure_cookies(self) -> bool:
        """Cookies are `Secure` when students reach the server over https."""
        return bool(self.public_url and self.public_url.lower().startswith("https://"))

    def class_root(self) -> Path:
        """The class folder under the data dir."""
        from tutor.classroom import ClassFolder

        return ClassFolder.under(self.data_dir).root
