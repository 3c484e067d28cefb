"""A levelled box carries the engine's page box it was turned from, so the field boxes a tilted
page reports (drawn on the photo, blacked out for the ID number) are the page's own, whether
recognise() found the field in the first reading or in a re-read."""
from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from limitup.boxes import Box
from limitup.ocr import get_engine
from limitup.ocr.base import TextBox
from limitup.ocr.deskew import Deskew, page_box
from limitup.reader import ReadOptions, _Clock, _recognise_timed, _Rereader
from limitup.rules import load_rules
from limitup.samples.generator import make_certificate

ROOT = Path(__file__).resolve().parents[2]
PAGE_SIZE = (1000, 600)
TILT = 12


def turned(box: TextBox, degrees: float, centre) -> TextBox:
    """The box as an engine reads it off a page turned `degrees` (clockwise on screen) about
    `centre`: a tilted quad and the upright bounds that hold it."""
    a, (cx, cy) = math.radians(degrees), centre
    x0, y0, x1, y1 = box.box
    quad = tuple((cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a),
                  cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
                 for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))
    return TextBox(box.text, Box.around(quad).snapped(int, int), box.score)


@pytest.fixture(scope="module")
def catalogue():
    return load_rules(ROOT / "rules").catalogue


@pytest.fixture(scope="module")
def tilted_teacher():
    """(page boxes, expected fields): the hand-written teacher certificate's boxes as read off
    the page turned TILT degrees."""
    record = json.loads((ROOT / "tests/golden/hand_teacher_tilted.json").read_text("utf-8"))
    centre = (PAGE_SIZE[0] / 2, PAGE_SIZE[1] / 2)
    boxes = [turned(TextBox(text, Box.from_json(box), score), TILT, centre)
             for text, box, score in record["boxes"]]
    return boxes, record["expected"]


def test_a_levelled_box_remembers_its_page_box_and_compares_as_before():
    page = turned(TextBox("证书号码：20193201022100789", Box(100, 300, 400, 330), 0.9), TILT,
                  (500, 300))
    deskew = Deskew(TILT, (500, 300))
    levelled = deskew.level(page)
    assert levelled.levelled_from is page
    assert page_box(levelled) is page
    # The page box is no part of the levelled box's value: equality and repr are as they were.
    assert levelled == TextBox(levelled.text, levelled.box, levelled.score)
    assert "levelled_from" not in repr(levelled)
    # Boxes never levelled (and a missing box) are their own page box.
    assert page_box(page) is page and page_box(None) is None


def test_field_boxes_of_a_tilted_page_are_the_engines_page_boxes(tilted_teacher, catalogue):
    page_boxes, expected = tilted_teacher
    blank_page = Image.new("L", PAGE_SIZE, 255)
    recognition = _recognise_timed(page_boxes, None, (blank_page, None), catalogue, date.today(),
                                   ReadOptions(reread=False), _Clock())
    assert recognition.extras["tilt_degrees"] == pytest.approx(TILT, abs=0.5)
    assert recognition.fields["cert_number"] == expected["cert_number"]
    assert recognition.fields["holder_name"] == expected["holder_name"]
    reported = [box for box in recognition.field_boxes.values() if box is not None]
    assert reported
    for box in reported:
        assert any(box is page for page in page_boxes), box


@pytest.mark.slow
def test_a_reread_on_a_tilted_page_hands_back_boxes_that_know_their_page_box():
    image, label = make_certificate("teacher_qualification", holder_name="张三",
                                    id_number="11010519491231002X", tier="scan",
                                    level="高级中学", issue_date="2024-06-01", seed=3)
    photo = image.convert("L").rotate(-TILT, resample=Image.BICUBIC, expand=True, fillcolor=128)
    engine = get_engine("default")
    page_boxes, _ = engine.read_page(photo, orient=False)
    deskew = Deskew.of(page_boxes, photo.size)
    number = next(box for box in deskew.level_all(page_boxes)
                  if label["cert_number"] in box.text.replace(" ", ""))
    reread = _Rereader(engine, photo, None, _Clock(), views=("grey",), deskew=deskew)
    boxes = reread(number.box)
    read_again = next(box for box in boxes if label["cert_number"] in box.text.replace(" ", ""))
    # Levelled for recognise(), and its page box is where the number lies on the photo.
    on_page = page_box(read_again)
    assert on_page is not read_again and on_page.box != read_again.box
    x0, y0, x1, y1 = on_page.box
    cut = engine.read(photo.crop((x0 - 10, y0 - 10, x1 + 10, y1 + 10)))
    assert label["cert_number"] in "".join(box.text for box in cut).replace(" ", "")
