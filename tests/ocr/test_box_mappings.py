"""Every step that maps a text box between the images the reader makes of one photo, pinned on
fixed inputs: zoom crop -> page, quarter turns, levelling a tilted page and back, a re-read crop
-> page, the full-detail image -> page, the engine's outline -> box, the OCR page -> the stored
photo. The expected values are what the code gave before the steps shared one Box (issue 20),
rounding included: recognition and the eval figures were measured with them."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from PIL import Image

from limitup.boxes import Box, on_photo
from limitup.ocr.base import TextBox
from limitup.ocr.deskew import Deskew
from limitup.ocr.rapid import _boxes
from limitup.ocr.zoom import Zoom
from limitup.reader import _Clock, _detail_box_on_page, _Rereader

OUTLINE = ((100.5, 200.25), (420.75, 270.5), (414.0, 301.0), (94.0, 231.0))
LINE = TextBox("x", Box(94, 200, 420, 301, OUTLINE), 0.9)


def rectangle(box) -> tuple:
    return tuple(box.box if isinstance(box, TextBox) else box)


def outline(box) -> tuple | None:
    return (box.box if isinstance(box, TextBox) else box).quad


@pytest.mark.parametrize("turn, crop_size, expected", [
    (0, (1380, 1035), (444, 325, 588, 340)), (90, (1035, 1380), (344, 625, 488, 640)),
    (180, (1380, 1035), (644, 475, 788, 490)), (270, (1035, 1380), (494, 425, 638, 440))])
def test_zoom_crop_to_page(turn, crop_size, expected):
    zoom = Zoom(Box(400, 300, 1000, 750), 2.3, (1600, 1200))
    assert tuple(zoom.to_page(Box(101, 57, 433, 91), turn, crop_size)) == expected


@pytest.mark.parametrize("turn, expected, expected_outline", [
    (90, (200, 380, 301, 706), ((200.25, 699.5), (270.5, 379.25), (301.0, 386.0), (231.0, 706.0))),
    (180, (380, 299, 706, 400), ((699.5, 399.75), (379.25, 329.5), (386.0, 299.0), (706.0, 369.0))),
    (270, (299, 94, 400, 420), ((399.75, 100.5), (329.5, 420.75), (299.0, 414.0), (369.0, 94.0)))])
def test_quarter_turn_of_a_line(turn, expected, expected_outline):
    turned = LINE.box.turned(turn, (800, 600))
    assert rectangle(turned) == expected and outline(turned) == expected_outline


def test_levelling_and_back():
    deskew = Deskew(12.4, (640.0, 480.0))
    assert rectangle(deskew.level(LINE)) == (53, 322, 381, 355)          # from the outline
    assert rectangle(deskew.level(TextBox("x", Box(94, 200, 420, 301), 0.9))) == \
        (46, 253, 387, 423)
    assert tuple(deskew.region_on_page(Box(94, 200, 420, 301))) == (145, 89, 486, 258)
    # Off the page's edge: whole pixels towards zero at the top-left, up at the bottom-right.
    other = Deskew(-8.0, (500.0, 300.0))
    assert rectangle(other.level(TextBox("x", Box(2, 3, 150, 40), 0.9))) == (43, -63, 195, -6)
    assert tuple(other.region_on_page(Box(0, 0, 30, 12))) == (-36, 68, -5, 85)


class CropReader:
    """An engine that reads two lines off any crop, placed from the crop's size."""
    def read(self, image):
        width, height = image.size
        outline = ((3.5, 5.5), (width - 2.2, 5.0), (width - 2.0, height - 9.0), (3.0, height - 8.5))
        return [TextBox("a", Box(3, 5, width - 2, height - 9, outline), 0.8, char_scores=(0.8,)),
                TextBox("b", Box(20, 18, 61, 40), 0.7)]


@pytest.mark.parametrize("region, expected", [
    ((100, 200, 300, 222), [(89, 190, 311, 231), (94, 193, 108, 201)]),
    # A line read inside the padding round the crop: whole pixels towards zero, then placed.
    ((5.7, 3.2, 80.9, 30.1), [(-5, -4, 94, 41), (1, 0, 18, 10)]),
    ((700, 560, 799, 599), [(680, 541, 808, 604), (689, 548, 714, 561)])])
def test_reread_crop_to_page(region, expected):
    reread = _Rereader(CropReader(), Image.new("L", (800, 600), 255), None, _Clock(),
                       views=("grey",))
    boxes = reread(Box(*region))
    assert [rectangle(box) for box in boxes] == expected
    # The re-read's rectangles alone (no outline): levelled, they turn as rectangles.
    assert [outline(box) for box in boxes] == [None, None]
    assert [box.char_scores for box in boxes] == [(0.8,), None]


def test_reread_on_a_tilted_page_is_levelled_and_knows_its_page_box():
    reread = _Rereader(CropReader(), Image.new("L", (800, 600), 255), None, _Clock(),
                       views=("grey",), deskew=Deskew(12.4, (640.0, 480.0)))
    boxes = reread(Box(300, 200, 500, 230))
    assert [rectangle(box) for box in boxes] == [(248, 113, 552, 312), (267, 174, 313, 205)]
    assert [rectangle(box.levelled_from) for box in boxes] == [(323, 97, 603, 238),
                                                                (340, 110, 381, 132)]


@pytest.mark.parametrize("factor, expected, expected_outline", [
    (1.7, (59, 33, 255, 54), ((59.11764705882353, 117.79411764705883), (247.5, 159.11764705882354),
                              (243.52941176470588, 177.05882352941177),
                              (55.294117647058826, 135.88235294117646))),
    (2.0, (50, 28, 216, 46), ((50.25, 100.125), (210.375, 135.25), (207.0, 150.5), (47.0, 115.5))),
    (0.9, (112, 63, 481, 101), ((111.66666666666666, 222.5), (467.5, 300.55555555555554),
                                (460.0, 334.44444444444446),
                                (104.44444444444444, 256.6666666666667)))])
def test_full_detail_image_to_page(factor, expected, expected_outline):
    line = TextBox("x", Box(101, 57, 433, 91, OUTLINE), 0.9, char_scores=(0.5,))
    on_page = _detail_box_on_page(line, factor)
    assert rectangle(on_page) == expected and outline(on_page) == expected_outline
    assert on_page.char_scores == (0.5,)


def test_engine_outline_to_box():
    result = SimpleNamespace(
        boxes=[[(10.6, 20.2), (200.9, 25.7), (199.1, 60.99), (9.2, 55.5)],
               [(0, 0), (5, 0), (5, 5), (0, 5)]],
        txts=(" 证书 ", "  "), scores=(0.91234, 0.5), word_results=())
    [line] = _boxes(result)
    assert (line.text, rectangle(line), line.score) == ("证书", (9, 20, 200, 60), 0.912)
    assert outline(line) == ((10.6, 20.2), (200.9, 25.7), (199.1, 60.99), (9.2, 55.5))


@pytest.mark.parametrize("turn, size, expected", [
    (0, [800, 600], (252.5, 142.5, 1082.5, 227.5)),
    (90, [600, 800], (1772.5, 252.5, 1857.5, 1082.5)),
    (180, [800, 600], (917.5, 1272.5, 1747.5, 1357.5)),
    (270, [600, 800], (142.5, 417.5, 227.5, 1247.5))])
def test_ocr_page_to_photo(turn, size, expected):
    box = Box(101, 57, 433, 91)
    assert tuple(on_photo(box, (2000, 1500), {"turn": turn, "size": size})) == expected
    # Without the page's geometry the box is taken as it is.
    assert tuple(on_photo(box, (2000, 1500), None)) == (101, 57, 433, 91)
