"""What the staff page shows, shaped for its template: rows, percentages, and the mock-score
chart's geometry (an inline SVG drawn on the server: no script, nothing loaded from elsewhere).

Only numbers are computed here; every text reaches the page through the template, which
escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.classroom.report import ClassReport, ExamReport

TOP_CONCEPTS = 12
TOP_HITS = 15
CHART_W, CHART_H = 560, 220
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT = 24, 180, 16


@dataclass(frozen=True)
class Bar:
    """One bar of the mock-score chart."""

    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "0–10%"
    label_x: float


def pct(value: float | None) -> str:
    """A share as a whole percentage, or a dash."""
    return "—" if value is None else f"{round(value * 100)}%"


def chart(counts: list[int]) -> list[Bar]:
    """Bars for a histogram of the mock scores (tenths of the points), scaled to the tallest."""
    slot = (CHART_W - 2 * PLOT_LEFT) / max(1, len(counts))
    tallest = max(counts, default=0) or 1
    bars = []
    for i, n in enumerate(counts):
        height = (PLOT_BOTTOM - PLOT_TOP) * n / tallest
        x = PLOT_LEFT + i * slot + slot * 0.1
        bars.append(Bar(round(x, 1), round(PLOT_BOTTOM - height, 1), round(slot * 0.8, 1), round(height, 1), n,
                        f"{i * 10}–{i * 10 + 10}%", round(x + slot * 0.4, 1)))
    return bars


def exam_view(exam: ExamReport) -> dict[str, Any]:
    """The template's context for one exam."""
    tried = sorted((p for p in exam.parts if p.tried), key=lambda p: (-(p.difficulty or 0), p.id))
    return {
        "id": exam.exam_id, "title": exam.title, "started": exam.students_started,
        "concepts": [c for c in exam.concepts if c.misses][:TOP_CONCEPTS],
        "mistakes": list(exam.mistakes[:TOP_HITS]), "more_mistakes": max(0, len(exam.mistakes) - TOP_HITS),
        "misconceptions": list(exam.misconceptions[:TOP_HITS]),
        "more_misconceptions": max(0, len(exam.misconceptions) - TOP_HITS),
        "parts": [{"id": p.id, "points": f"{p.points:g}", "tried": p.tried, "right": p.right,
                   "difficulty": pct(p.difficulty), "first_try": pct(p.first_try),
                   "bar": round(100 * (p.difficulty or 0))} for p in tried],
        "untried": [p.id for p in exam.parts if not p.tried],
        "mocks": len(exam.mock_scores), "median": pct(exam.mock_median),
        "bars": chart(exam.mock_histogram()), "due": list(exam.due),
    }


def report_view(report: ClassReport) -> dict[str, Any]:
    """The template's context for the whole report."""
    return {"students": report.students, "unreadable": list(report.unreadable),
            "exams": [exam_view(e) for e in report.exams],
            "chart": {"width": CHART_W, "height": CHART_H, "axis_y": PLOT_BOTTOM,
                      "axis_x2": CHART_W - PLOT_LEFT, "left": PLOT_LEFT}}
