"""A figure's image file, checked when the exam is read, so no student meets a broken one.

The file sits beside the exam file; it must be a PNG, JPEG or GIF image of at most 5 MB and
16.7 megapixels (4096 × 4096) that decodes whole. Pillow (imported only when an exam has an
image) reads it with only those three decoders enabled, and a decompression bomb is refused
before it is decoded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
FORMATS = ("PNG", "JPEG", "GIF")
MAX_BYTES = 5_000_000
MAX_PIXELS = 4096 * 4096


def image_problem(path: Path) -> str | None:
    """What is wrong with an image file, said for the author ("is not a PNG, JPEG or GIF
    image"), or None when it can be shown."""
    try:
        if not path.is_file():
            return "not found next to the exam file" if not path.exists() else "is not a file"
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is empty"
    if size > MAX_BYTES:
        return f"is {size / 1e6:.1f} MB; an image may be at most {MAX_BYTES / 1e6:g} MB"
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"is {width}×{height} pixels; an image may have at most "
                            f"{MAX_PIXELS:,} pixels (4096×4096)")
                image.load()
    except UnidentifiedImageError:
        return "is not a PNG, JPEG or GIF image"
    except Exception as exc:  # noqa: BLE001 - a damaged file makes Pillow raise many kinds; each is the author's to fix
        return f"cannot be decoded ({type(exc).__name__}: {str(exc)[:80]})" if str(exc) else \
            f"cannot be decoded ({type(exc).__name__})"
    return None
