"""The rubric panel is now the self-grade checklist, `tutor.ui.widgets.self_grade.SelfGrade`
(this name stays for older imports)."""

from __future__ import annotations

from tutor.ui.widgets.self_grade import SelfGrade as RubricPanel

__all__ = ["RubricPanel"]
