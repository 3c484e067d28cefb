"""Shared fixtures for recognition tests: the real catalogue from rules/ and a box builder."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise.golden import load_boxes
from limitup.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="session")
def catalogue():
    return load_rules(ROOT / "rules").catalogue


def read_rows(catalogue, rows):
    """recognise() on a page given as [(text, x, y), ...] (see boxes), on TODAY."""
    from limitup.recognise import recognise
    return recognise(boxes(rows), catalogue, today=TODAY)


def boxes(rows, score: float = 0.95) -> list[TextBox]:
    """[(text, x, y), ...] -> TextBoxes about as wide as the text (CJK 20 px, Latin 11 px)."""
    out = []
    for text, x, y in rows:
        width = sum(20 if ord(char) > 255 else 11 for char in text)
        out.append(TextBox(text, Box(x, y, x + width, y + 24), score))
    return out


def boxes_at(rows, score: float = 0.99) -> list[TextBox]:
    """[(text, x0, y0, x1, y1), ...] -> TextBoxes where a real page had them."""
    return [TextBox(text, Box(*box), score) for text, *box in rows]


def read_boxes_at(catalogue, rows):
    """recognise() on a page given as [(text, x0, y0, x1, y1), ...] (see boxes_at), on TODAY."""
    from limitup.recognise import recognise
    return recognise(boxes_at(rows), catalogue, today=TODAY)


def trf_page(family_row, number, centre="CN001"):
    """An IELTS Test Report Form of the 2023 layout (holdout13b's places, invented values): the
    given name SIYUAN, the family name's box(es) as `family_row`, the TRF number, and the Centre
    Number's value (None: not read)."""
    return [("IELTS", 33, 52, 298, 150), ("Test Report Form", 42, 152, 271, 187),
            ("ACADEMIC", 735, 152, 843, 183), ("Centre Number", 44, 272, 181, 302),
            *([(centre, 214, 270, 282, 302)] if centre else []), ("Date", 424, 272, 479, 302),
            ("31/JUL/2023", 497, 272, 614, 300), ("Candidate Number", 708, 272, 874, 300),
            ("012345", 922, 267, 1003, 305), ("Candidate Details", 44, 337, 236, 367),
            ("Family Name", 42, 387, 163, 417), *family_row, ("First Name", 42, 448, 146, 478),
            ("SIYUAN", 199, 446, 285, 476), ("Date of Birth", 42, 593, 159, 624),
            ("04/03/2000", 223, 593, 322, 624), ("Test Results", 41, 852, 188, 894),
            ("Overall", 739, 898, 819, 928), ("Listening", 38, 915, 139, 952),
            ("Reading", 207, 912, 301, 955), ("Writing", 377, 910, 464, 955),
            ("Band", 739, 917, 803, 950), ("8.0", 329, 922, 364, 946), ("6.0", 497, 920, 536, 946),
            ("Speaking", 556, 920, 651, 950), ("Score", 739, 939, 806, 970),
            ("Administrator Comments", 42, 987, 272, 1020), ("Test Report Form", 647, 1274, 801, 1304),
            ("Date", 375, 1283, 430, 1313), ("10/08/2023", 488, 1283, 585, 1313),
            (number, 832, 1283, 1028, 1311), ("Number", 644, 1293, 724, 1324)]


def school_award_page(number_line, award="一等奖学金"):
    """A school's scholarship certificate (holdout14a's places, invented values): 陈思远同学：
    awarded `award`, with `number_line` (text, x0, y0, x1, y1) at its foot."""
    return [("某某学院", 117, 111, 620, 189), ("陈思远同学：", 115, 224, 599, 320),
            ("荣获某某大学2022-2023学年度", 274, 406, 1338, 498), (award, 330, 563, 1137, 718),
            ("特发此证，以资鼓励。", 274, 798, 992, 878), number_line,
            ("某某大学", 1026, 1346, 1294, 1422), ("2023年12月", 979, 1417, 1342, 1491)]


def golden(name: str) -> tuple[dict, list[TextBox]]:
    """(record, boxes) of tests/golden/NAME.json."""
    record = json.loads((ROOT / "tests" / "golden" / f"{name}.json").read_text("utf-8"))
    return record, load_boxes(record)
