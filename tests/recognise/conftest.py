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


def golden(name: str) -> tuple[dict, list[TextBox]]:
    """(record, boxes) of tests/golden/NAME.json."""
    record = json.loads((ROOT / "tests" / "golden" / f"{name}.json").read_text("utf-8"))
    return record, load_boxes(record)
