"""A figure's image file: shown where the terminal can, checked by `tutor check` like the
rest of the exam. A missing, empty, huge, damaged or non-image file gets a located message
that names the problem, never a traceback."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from PIL import Image

from tutor.cli.main import main
from tutor.model import load_exam

MINI = (Path(__file__).parent / "mini.yaml").read_text(encoding="utf-8")
PROMPT = "        prompt: What is $-\\ln p$?\n"


def exam_with_image(folder: Path, name: str) -> Path:
    """The tiny exam, with part 1a's figure the image file `name` beside it."""
    assert PROMPT in MINI
    text = MINI.replace(PROMPT, PROMPT + f"        figure:\n          text: A plot of -ln p.\n          image: {name}\n")
    path = folder / "exam.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["check", str(path)])
    return status, out.getvalue()


def test_a_real_image_loads_and_passes_check(tmp_path):
    Image.new("RGB", (40, 20), (200, 30, 30)).save(tmp_path / "curve.png")
    path = exam_with_image(tmp_path, "curve.png")
    part = load_exam(path).part("1a")
    assert part.figure_image == str(tmp_path / "curve.png") and part.figure.startswith("A plot")
    status, printed = check(path)
    assert status == 0, printed


def _png_bytes(size: tuple[int, int], mode: str = "1") -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size)
    if mode == "RGB":  # noise, so the compressed data is long enough to cut in half
        image = Image.frombytes("RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3)))
    image.save(out, "PNG")
    return out.getvalue()


NOISE = _png_bytes((64, 64), "RGB")


BROKEN = {
    "missing": (None, "figure image 'figure.png' not found next to the exam file"),
    "empty": (b"", "figure image 'figure.png' is empty"),
    "text": (b"this is not an image\n" * 20, "figure image 'figure.png' is not a PNG, JPEG or GIF image"),
    "truncated": (NOISE[: len(NOISE) // 2], "figure image 'figure.png' cannot be decoded"),
    "too many pixels": (_png_bytes((5000, 4000)), "is 5000×4000 pixels; an image may have at most 16,777,216 pixels"),
    "too large": (b"\x89PNG" + b"\0" * 5_100_000, "is 5.1 MB; an image may be at most 5 MB"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_image_is_a_located_check_error(tmp_path, case):
    data, expected = BROKEN[case]
    if data is not None:
        (tmp_path / "figure.png").write_bytes(data)
    path = exam_with_image(tmp_path, "figure.png")
    status, printed = check(path)
    assert status == 1
    assert "Traceback" not in printed
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "image:" in text)
    assert f"{path}:{line}:18:" in printed and expected in printed, printed


def test_an_svg_or_a_folder_is_refused(tmp_path):
    (tmp_path / "figure.svg").write_text("<svg/>")
    status, printed = check(exam_with_image(tmp_path, "figure.svg"))
    assert status == 1 and "must be one of .png, .jpg, .jpeg, .gif" in printed
    (tmp_path / "dir.png").mkdir()
    status, printed = check(exam_with_image(tmp_path, "dir.png"))
    assert status == 1 and "figure image 'dir.png' is not a file" in printed


def test_show_names_the_image_file_beside_the_description(tmp_path):
    import json

    Image.new("RGB", (40, 20)).save(tmp_path / "curve.png")
    path = exam_with_image(tmp_path, "curve.png")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--content", str(path), "show", "1a"]) == 0
    assert "[figure] A plot of -ln p." in out.getvalue()
    assert f"[image] {tmp_path / 'curve.png'}" in out.getvalue()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--content", str(path), "show", "1a", "--json"]) == 0
    assert json.loads(out.getvalue())["figure_image"] == str(tmp_path / "curve.png")
