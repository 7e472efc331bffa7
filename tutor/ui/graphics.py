"""Figure images in the terminal, with textual-image, where the terminal can show them.

textual-image asks the terminal what it can draw (Sixel, the Kitty graphics protocol, or
coloured half cells) when it is first imported, and that only works before Textual takes the
terminal over. So the launcher calls `prepare` just before the app starts, and only when a
loaded exam has an image figure (no other start pays for it) on a real terminal. Everywhere
else (a browser tab, tests, snapshots) figures show their text description alone, which is
always shown beside an image too.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_CELLS = (60, 14)  # the most columns and rows an image takes in a part

_widget_class: Any = None


def prepare(exams: Iterable[Any], *, served: bool = False) -> bool:
    """Ready image drawing for this terminal if a loaded exam has an image; True when images
    will be shown."""
    if served or not any(getattr(p, "figure_image", None) for exam in exams for p in exam.parts):
        return False
    stdin, stdout = sys.__stdin__, sys.__stdout__
    if stdin is None or stdout is None or not stdin.isatty() or not stdout.isatty():
        return False
    try:
        from textual_image.widget import Image
    except Exception:  # noqa: BLE001 - any failure to ask the terminal: the description stands alone
        return False
    enable(Image)
    return True


def enable(widget_class: Any) -> None:
    """Draw images with this textual-image widget class (tests pass a Unicode one)."""
    global _widget_class
    _widget_class = widget_class


def disable() -> None:
    """Show figures as text only."""
    enable(None)


def enabled() -> bool:
    """Whether images are drawn."""
    return _widget_class is not None


def load(path: str) -> Any:
    """The image, decoded and scaled to fit a part (in a worker thread): a PIL image, or a
    ValueError that says why it cannot be shown (the file may have changed since check)."""
    from PIL import Image

    from tutor.model.images import image_problem

    problem = image_problem(Path(path))
    if problem is not None:
        raise ValueError(f"the image {problem}")
    with Image.open(path, formats=("PNG", "JPEG", "GIF")) as image:
        picture = image.convert("RGB")
    picture.thumbnail((MAX_CELLS[0] * 10, MAX_CELLS[1] * 20))  # ~ pixels of that many cells
    return picture


def widget(picture: Any, *, id: str | None = None) -> Any:
    """A widget that draws a loaded image, or None when images are not drawn."""
    if _widget_class is None:
        return None
    return _widget_class(picture, id=id)
