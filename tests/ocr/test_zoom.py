"""Zoom on the text: a certificate photographed from a distance is read from a crop of the
full-resolution photo, and the boxes it was read from land back in the right place."""
from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import given
from PIL import Image

from limitup.boxes import Box, on_photo
from limitup.ocr import get_engine
from limitup.ocr.zoom import ZOOM_MAX_SHARE, Zoom, text_region
from limitup.preprocess import rotate
from limitup.samples.generator import make_certificate
from tests.ocr.conftest import joined, read

ID_NUMBER = "11010519491231002X"


def lines(*boxes):
    return [Box(*box) for box in boxes]


def test_text_spanning_most_of_the_page_is_read_as_it_is():
    page = (1600, 1200)
    spread = lines((100, 100, 1500, 140), (120, 300, 900, 330), (120, 600, 900, 630),
                   (120, 1000, 1400, 1040))
    assert text_region(spread, page) is None


def test_text_in_a_corner_of_the_page_is_zoomed_with_a_margin():
    page = (1600, 1200)
    corner = lines((900, 700, 1300, 730), (900, 760, 1200, 780), (900, 820, 1250, 840),
                   (950, 900, 1100, 920))
    left, top, right, bottom = text_region(corner, page)
    assert (left, top) < (900, 700) and (right, bottom) > (1300, 920)
    assert max(right - left, bottom - top) <= ZOOM_MAX_SHARE * 1600


def test_a_few_specks_are_not_a_region():
    assert text_region(lines((10, 10, 30, 20), (50, 50, 60, 60)), (1600, 1200)) is None


@given(st.sampled_from([0, 90, 180, 270]), st.floats(1.0, 6.0), st.data())
def test_a_box_read_on_the_crop_lands_on_the_page(turn, factor, data):
    """A box drawn on the crop, turned with it, comes back where it was on the turned page
    (within a pixel: the crop's pixels are whole)."""
    page_size = (1600, 1200)
    left, top = data.draw(st.integers(0, 1000)), data.draw(st.integers(0, 700))
    region = Box(left, top, data.draw(st.integers(left + 50, 1600)),
                 data.draw(st.integers(top + 50, 1200)))
    zoom = Zoom(region, factor, page_size)
    x0, y0 = data.draw(st.integers(left, region.x1 - 2)), data.draw(st.integers(top, region.y1 - 2))
    on_page = Box(x0, y0, data.draw(st.integers(x0 + 1, region.x1)),
                  data.draw(st.integers(y0 + 1, region.y1)))           # on the unturned page
    on_crop = on_page.shifted(-left, -top).scaled(factor).snapped(round, round)
    crop_size = (round(region.width * factor), round(region.height * factor))
    turned_crop = crop_size if turn in (0, 180) else crop_size[::-1]
    crop_box = on_crop.turned(turn, crop_size)
    expected = on_page.turned(turn, page_size)
    assert tuple(zoom.to_page(crop_box, turn, turned_crop)) == pytest.approx(tuple(expected),
                                                                            abs=1)


@pytest.fixture(scope="module")
def far_photo():
    """A scanned teacher certificate filling about 45 % of a 3600 x 2700 phone frame."""
    image, label = make_certificate("teacher_qualification", holder_name="张三",
                                    id_number=ID_NUMBER, tier="scan", level="高级中学",
                                    issue_date="2024-06-01", seed=3)
    image = image.convert("RGB")
    image = image.resize((1620, round(image.height * 1620 / image.width)), Image.LANCZOS)
    frame = Image.new("RGB", (3600, 2700), (96, 88, 80))
    frame.paste(image, (1700, 1100))
    return frame, label


@pytest.mark.slow
@pytest.mark.parametrize("turned_ccw", [0, 90])
def test_far_photo_is_read_from_a_crop_and_its_boxes_map_back(far_photo, turned_ccw):
    frame, label = far_photo
    photo = rotate(frame, turned_ccw)
    engine = get_engine("default")
    recognition = read(photo)

    assert "zoom" in recognition.extras
    assert recognition.type == "teacher_qualification"
    assert recognition.fields["holder_name"] == "张三"
    assert recognition.fields["cert_number"] == label["cert_number"]
    # The printed ID number's box, mapped from the OCR page onto the photo (as redaction and
    # the web's boxes do), frames the printed number on the photo.
    ocr_page = recognition.extras["ocr_page"]
    assert ocr_page["turn"] == (360 - turned_ccw) % 360
    x0, y0, x1, y1 = on_photo(recognition.field_boxes["id_number"].box, photo.size, ocr_page)
    pad = 12
    cut = photo.crop((int(x0) - pad, int(y0) - pad, int(x1) + pad, int(y1) + pad))
    read_there = joined(engine.read(rotate(cut, ocr_page["turn"])))
    assert ID_NUMBER in read_there


@pytest.mark.slow
def test_without_zoom_the_same_photo_reads_from_the_page(far_photo):
    """The switch bench uses (`:nozoom`) leaves the photo's page as it is."""
    frame, _ = far_photo
    assert "zoom" not in read(frame, zoom=False).extras
