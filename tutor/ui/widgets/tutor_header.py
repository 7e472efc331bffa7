"""The header every screen uses: the palette icon, and the title centred, drawn by one widget.

It draws the line Textual's header draws (an icon that opens the command palette, the title
and sub-title centred between the icon and a clock's space; a click elsewhere makes it
three rows tall), but as one widget with its title in its first frame. Textual's header is
four widgets and writes its title after its first frame, so every new screen was laid out
and drawn again for it.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8    # the icon's cell, as Textual's header docks it
CLOCK_WIDTH = 10  # the clock's space on the right, kept so titles sit where they did


class TutorHeader(Widget):
    """The screen's title line (see the module)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"tutor-header--icon-hover"}
    DEFAULT_CSS = """
    TutorHeader {
        dock: top;
        width: 100%;
        background: $panel;
        color: $foreground;
        height: 1;
        &.-tall { height: 3; }
        & > .tutor-header--icon-hover { background: $foreground 10%; }
    }
    """

    _over_icon = False

    def on_mount(self) -> None:
        """Follow the app's and the screen's title and sub-title."""
        for owner in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(owner, name, self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    @property
    def title_content(self) -> Content:
        """The title and sub-title, as the app formats them (the screen's own, else the app's)."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        """The icon, then the title centred in the room the clock's space leaves."""
        width = self.size.width
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.title_content
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        before = (room - title.cell_length) // 2
        icon_style = self.get_visual_style("tutor-header--icon-hover") if self._over_icon else ""
        icon = Content.styled(f" {ICON}".ljust(ICON_WIDTH)[:ICON_WIDTH], icon_style) if width else Content("")
        line = Content.assemble(icon, " " * before, title,
                                " " * max(0, width - ICON_WIDTH - before - title.cell_length))
        if self.has_class("-tall"):
            return Content("\n").join([Content(""), line, Content("")])
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the icon under the mouse, with its tooltip."""
        over = event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = "Open the command palette" if over else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left: the icon is unlit."""
        if self._over_icon:
            self._over_icon = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette; anywhere else toggles a taller header."""
        event.stop()
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")
