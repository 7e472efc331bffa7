"""A part's image figure: drawn with textual-image where the terminal can show images, named
beside the description elsewhere (tests and snapshots never depend on the terminal's graphics),
and a file that went bad after `tutor check` gives a note, not a crash."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.model.test_figure_images import exam_with_image
from tests.ui.ui_pilot import screen_lines, settle
from tutor.model import load_exam
from tutor.ui import graphics
from tutor.ui.app import make_app


@pytest.fixture
def pictured(tmp_path):
    Image.new("RGB", (80, 40), (20, 120, 220)).save(tmp_path / "curve.png")
    return load_exam(exam_with_image(tmp_path, "curve.png")), tmp_path / "curve.png"


@pytest.fixture
def drawing():
    from textual_image.widget import UnicodeImage  # no terminal graphics protocol needed

    graphics.enable(UnicodeImage)
    yield
    graphics.disable()


async def test_the_image_is_drawn_beside_its_description_where_the_terminal_can(pictured, drawing):
    exam, _ = pictured
    app = make_app([exam], None, ("practice", "1a"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        figure = app.screen.query_one("#figure-view")
        picture = figure.query_one("#figure-picture")
        assert picture.size.width > 0 and picture.size.height > 0
        text = "\n".join(screen_lines(app))
        assert "A plot of -ln p." in text and "Image: curve.png" in text
        assert "open it beside" not in text


async def test_an_image_that_went_bad_after_check_leaves_a_note_and_the_description(pictured, drawing):
    exam, path = pictured
    path.write_bytes(b"no longer an image")
    app = make_app([exam], None, ("practice", "1a"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#figure-picture")
        text = " ".join(screen_lines(app))
        assert "A plot of -ln p." in text
        assert "The image cannot be shown: the image is not a PNG, JPEG or GIF image" in text


async def test_without_terminal_graphics_the_image_is_named_and_the_description_stands(pictured):
    exam, _ = pictured
    app = make_app([exam], None, ("practice", "1a"))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#figure-picture")
        text = " ".join(screen_lines(app))
        assert "A plot of -ln p." in text and "Image: curve.png (open it beside the tutor" in text


def test_only_a_real_terminal_with_an_image_to_show_asks_for_graphics(pictured, exam):
    with_image, _ = pictured
    assert not graphics.prepare([exam])                       # no image figure: nothing asked
    assert not graphics.prepare([with_image], served=True)    # a browser tab: text only
    assert not graphics.prepare([with_image])                 # tests: not a terminal
    assert not graphics.enabled()
