"""Which OCR boxes the redaction fills (limitup.redact.id_text_boxes, pure): every box showing an
ID number with a valid check digit, whatever the document, alone, grouped, inside a longer
text, or split over neighbouring boxes of one line; and which it leaves."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ids import find_ids_in_text
from limitup.ocr.base import TextBox
from limitup.recognise.result import Recognition
from limitup.redact import boxes_to_fill, id_text_boxes
from tests.conftest import make_id

NUMBER = make_id(birth="19900307", serial="457")
OTHER = make_id(birth="19751120", area="320211", serial="031")


def box(text, x0, y0, x1, y1):
    return TextBox(text, Box(x0, y0, x1, y1), 0.95)


def texts(boxes):
    return [b.text for b in boxes]


def test_every_copy_in_any_wording_is_chosen():
    page = [box("常住人口登记卡", 300, 40, 700, 90),
            box("公民身份号码", 60, 500, 330, 540), box(NUMBER, 380, 500, 760, 540),
            box(f"持证人身份证号：{NUMBER}", 60, 900, 900, 940),            # part of a text
            box(f"{NUMBER[:6]}-{NUMBER[6:14]}-{NUMBER[14:]}", 60, 1000, 600, 1040),
            box(f"{OTHER[:6]}\u3000{OTHER[6:14]}\u3000{OTHER[14:]}", 60, 1100, 700, 1140),
            box("证书编号 20231100012345678", 60, 1200, 700, 1240)]
    assert texts(id_text_boxes(page)) == texts(page)[2:6]


def test_a_number_in_groups_read_as_several_boxes_of_one_line():
    groups = [NUMBER[i:i + 4] for i in range(0, 18, 4)]
    line = [box(text, 380 + 110 * i, 500, 470 + 110 * i, 540) for i, text in enumerate(groups)]
    label = box("身份证号", 200, 500, 360, 540)
    elsewhere = box("1101", 380, 800, 470, 840)            # same digits, another line
    chosen = id_text_boxes([label] + line + [elsewhere])
    assert texts(chosen) == groups                         # the label stays readable


def test_a_misread_number_is_chosen_but_not_the_certificate_number():
    misread = NUMBER[:7] + ("6" if NUMBER[7] != "6" else "5") + NUMBER[8:]   # 1990 read 1690
    assert not any(hit.valid for hit in find_ids_in_text(misread))
    cert_number = "201811000123456789"                    # 18 digits, check fails
    page = [box(f"公民身份号{misread}", 60, 500, 760, 540), box(cert_number, 60, 600, 500, 640)]
    assert texts(id_text_boxes(page, not_ids=[cert_number])) == [f"公民身份号{misread}"]
    # Unless its check digit holds: then it is an ID number, whatever recognition took it for.
    assert texts(id_text_boxes([box(NUMBER, 1, 1, 300, 40)], not_ids=[NUMBER])) == [NUMBER]


def test_shorter_or_longer_numbers_and_far_apart_pieces_are_not_chosen():
    page = [box("证书编号 20231100012345678", 60, 500, 760, 540),       # 17 digits
            box("6222021234567890123", 60, 560, 760, 600),               # 19, no valid window
            box("2024-06-01", 60, 600, 300, 640),
            box(NUMBER[:9], 60, 700, 300, 740), box(NUMBER[9:], 1400, 700, 1600, 740)]
    assert id_text_boxes(page) == []                       # far apart: not one line
    # Side by side but not a valid number together: not joined.
    assert id_text_boxes([box("2024 0601", 60, 800, 300, 840),
                          box("1234 5678 90", 320, 800, 600, 840)]) == []


def test_the_pipeline_fills_the_recognised_box_and_every_box_the_reader_found():
    recognition = Recognition("cpa", 0.9, field_boxes={"id_number": box(NUMBER, 1, 2, 30, 9)},
                              extras={"id_boxes": [[1, 2, 30, 9], [5, 50, 40, 60]]})
    assert boxes_to_fill(recognition) == [Box(1, 2, 30, 9), Box(5, 50, 40, 60)]
    unrecognised = Recognition(None, 0.0, extras={"id_boxes": [[5, 50, 40, 60]]})
    assert boxes_to_fill(unrecognised) == [Box(5, 50, 40, 60)]
    assert boxes_to_fill(Recognition(None, 0.0)) == []
