"""The class report behind `tutor serve`'s staff pages (`/staff`, `/staff/report.json`; the
handlers are in tutor.serve.web, the page's shape in tutor.serve.staff_view).

The report is computed off the event loop by `tutor.classroom`, one at a time; the source is
kept, so it rereads only the students who have practised since the last report.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.classroom.report import ClassReport
    from tutor.classroom.report_rows import ReportSource
    from tutor.model import Exam

FRESH_S = 5.0  # a report this recent is shown again instead of recomputed


class ReportDesk:
    """The class report for the staff pages: its source, the exams, and the latest report."""

    def __init__(self, source: ReportSource, exams: list[Exam] | None, content: str | None,
                 data_dir: str | None) -> None:
        self.source = source
        self._exams = exams
        self._content, self._data_dir = content, data_dir
        self._lock = asyncio.Lock()
        self._last: tuple[float, ClassReport] | None = None

    def exams(self) -> list[Exam]:
        """The exams the server offers (found once, as `tutor` finds them)."""
        if self._exams is None:
            from tutor.model.content import discover_exams

            self._exams = list(discover_exams(self._content, self._data_dir)[0])
        return self._exams

    async def report(self) -> ClassReport:
        """The report, computed in a worker thread (at most one at a time)."""
        async with self._lock:
            if self._last is not None and time.monotonic() - self._last[0] < FRESH_S:
                return self._last[1]
            from tutor.classroom.report_build import class_report

            loop = asyncio.get_running_loop()
            report = await loop.run_in_executor(None, lambda: class_report(self.source, self.exams()))
            self._last = (time.monotonic(), report)
            return report
