"""Levelling a tilted page's boxes: the tilt is measured from the lines' quadrilaterals, layout
works on level boxes, and the boxes reported are the engine's own, on the page as it is."""
from __future__ import annotations

import math

import hypothesis.strategies as st
import pytest
from hypothesis import given
from PIL import Image

from limitup.boxes import Box
from limitup.ocr import get_engine
from limitup.ocr.base import TextBox
from limitup.ocr.deskew import MIN_TILT_DEGREES, Deskew, page_tilt
from limitup.samples.generator import make_certificate
from tests.ocr.conftest import joined, read

ID_NUMBER = "11010519491231002X"


def tilted_line(text, x, y, width, height, degrees):
    """A TextBox whose quad is a width x height line at (x, y) turned `degrees` (clockwise on
    screen, y down) about its top-left corner."""
    a = math.radians(degrees)
    corners = [(0, 0), (width, 0), (width, height), (0, height)]
    quad = tuple((x + cx * math.cos(a) - cy * math.sin(a), y + cx * math.sin(a) + cy * math.cos(a))
                 for cx, cy in corners)
    return TextBox(text, Box.around(quad).snapped(int, int), 0.9)


@pytest.mark.parametrize("degrees", [-12, -5, 5, 12])
def test_tilt_is_the_lines_angle(degrees):
    lines = [tilted_line(f"line {i}", 100, 100 + 60 * i, 400, 30, degrees) for i in range(5)]
    assert page_tilt(lines) == pytest.approx(degrees, abs=0.2)


def test_a_slantwise_watermark_says_nothing_of_the_tilt():
    """A real certificate under a watermark repeated at about 35°: its lines outnumbered the
    text, and the page was levelled by the watermark's angle, which scrambled the text."""
    text = [tilted_line(f"line {i}", 100, 100 + 60 * i, 400, 30, 0) for i in range(4)]
    watermark = [tilted_line(f"mark {i}", 50 * i, 50, 300, 20, 35) for i in range(12)]
    assert page_tilt(text + watermark) == pytest.approx(0, abs=0.2)


def test_quads_listed_from_any_corner_give_the_same_tilt():
    line = tilted_line("x", 100, 100, 400, 30, 8)
    quad = line.box.quad
    rolled = TextBox("x", Box.around(quad[1:] + quad[:1]), 0.9)   # starts at top-right
    assert page_tilt([rolled] * 4) == pytest.approx(8, abs=0.2)


def test_a_level_page_or_one_without_quads_is_left_alone():
    level = [tilted_line("l", 100, 100 + 50 * i, 300, 30, 0.5) for i in range(5)]
    assert Deskew.of(level, (1000, 800)) is None
    # A few degrees are the layout's own tolerance: levelled there, perspective photos lost fields.
    slight = [tilted_line("l", 100, 100 + 50 * i, 300, 30, -3.9) for i in range(5)]
    assert Deskew.of(slight, (1000, 800)) is None
    assert Deskew.of([TextBox("a", Box(0, 0, 100, 20), 0.9)] * 5, (1000, 800)) is None
    assert MIN_TILT_DEGREES > 0.5


def test_levelled_lines_share_a_row_and_regions_go_back_to_the_page():
    """A label and its value on one tilted line: levelled, their boxes overlap vertically."""
    label = tilted_line("证书号码", 100, 300, 160, 30, 12)
    far_end = (100 + 500 * math.cos(math.radians(12)), 300 + 500 * math.sin(math.radians(12)))
    value = tilted_line("20234403121000123", far_end[0], far_end[1], 300, 30, 12)
    assert value.box[1] > label.box[3]                    # as read: the value is a line lower
    deskew = Deskew.of([label, value] * 2, (1400, 1000))
    flat_label, flat_value = deskew.level(label), deskew.level(value)
    assert flat_value.box[1] < flat_label.box[3] and flat_label.box[1] < flat_value.box[3]
    on_page = deskew.region_on_page(flat_value.box)
    assert on_page[0] <= value.box[0] + 2 and on_page[2] >= value.box[2] - 2
    assert on_page[1] <= value.box[1] + 2 and on_page[3] >= value.box[3] - 2


@given(st.floats(MIN_TILT_DEGREES, 30) | st.floats(-30, -MIN_TILT_DEGREES),
       st.integers(0, 1500), st.integers(0, 1000), st.integers(10, 600), st.integers(8, 60))
def test_a_levelled_box_taken_back_to_the_page_holds_the_line(tilt, x, y, width, height):
    """Levelled (-tilt) and taken back (+tilt), a line's region holds the line as read on the
    page: a re-read of it sees the whole line (within the pixel its edges are rounded to)."""
    line = tilted_line("x", x, y, width, height, tilt)
    deskew = Deskew(tilt, (1000, 700))
    on_page = deskew.region_on_page(deskew.level(line).box)
    assert on_page.x0 <= line.box.x0 + 1 and on_page.y0 <= line.box.y0 + 1
    assert on_page.x1 >= line.box.x1 and on_page.y1 >= line.box.y1


@pytest.fixture(scope="module")
def tilted_photo():
    image, label = make_certificate("teacher_qualification", holder_name="张三",
                                    id_number=ID_NUMBER, tier="scan", level="高级中学",
                                    issue_date="2024-06-01", seed=3)
    return image.convert("RGB").rotate(-13, resample=Image.BICUBIC, expand=True,
                                       fillcolor=(120, 110, 100)), label


@pytest.mark.slow
def test_a_tilted_photo_is_read_levelled_and_its_boxes_stay_on_the_page(tilted_photo):
    photo, label = tilted_photo
    engine = get_engine("default")
    recognition = read(photo)
    assert recognition.extras["tilt_degrees"] == pytest.approx(13, abs=1.5)
    assert recognition.fields["holder_name"] == "张三"
    assert recognition.fields["cert_number"] == label["cert_number"]
    # The ID number's box is the engine's box on the page (what redaction fills), not a
    # levelled one: cut there, the photo shows the number.
    box = recognition.field_boxes["id_number"]
    assert box.box.quad is not None
    x0, y0, x1, y1 = box.box
    assert ID_NUMBER in joined(engine.read(photo.crop((x0 - 10, y0 - 10, x1 + 10, y1 + 10))))


@pytest.mark.slow
def test_the_bench_switch_turns_levelling_off(tilted_photo):
    photo, _ = tilted_photo
    assert "tilt_degrees" not in read(photo, deskew=False).extras
