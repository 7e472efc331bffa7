"""A Static that asks for a screen layout only when its new content needs more lines."""

from __future__ import annotations

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static


class SteadyStatic(Static):
    """A `Static` (height auto) whose `update` skips the screen-wide layout unless it must grow.

    Laying out a screen full of controls costs tens of milliseconds, and a status line or a
    block of notes redrawn after every recomputation usually fits the lines it has. Content
    that needs fewer lines is painted into the old height and the spare lines stay blank
    until the next layout; content that needs more lines lays the screen out at once.
    """

    def update(self, content: VisualType = "", *, layout: bool | None = None) -> None:
        """Replace the content; lay out again if `layout` says so or the content needs more lines."""
        if layout is None:
            layout = not self._fits(content)
        super().update(content, layout=layout)

    def _fits(self, content: VisualType) -> bool:
        """Whether `content` fits the current height at the current width."""
        width, height = self.size.width, self.styles.height
        if not isinstance(content, (str, Content)) or width <= 0 or height is None or not height.is_auto:
            return False
        if isinstance(content, str):
            content = Content.from_markup(content) if self._render_markup else Content(content)
        # Textual measures content against a widget styles the same way; its stubs disagree
        return 0 < content.get_height(self.styles, width) <= self.size.height  # type: ignore[arg-type]
