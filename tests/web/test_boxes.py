"""Field boxes land on the stored photo whatever the reader did to its page (scale, turn)."""
from __future__ import annotations

import pytest
from PIL import Image

from limitup.boxes import Box
from limitup.preprocess import rotate
from limitup.web.boxes import overlay


def test_plain_boxes_in_field_order_and_clipped():
    drawn = overlay({"cert_number": [10, 20, 110, 40], "holder_name": [5, 5, 50, 15],
                     "level": None, "score": [90, 90, 300, 300]}, (100, 100))
    assert [b["field"] for b in drawn] == ["holder_name", "cert_number", "score"]
    assert drawn[1] == {"field": "cert_number", "x": 10, "y": 20, "width": 90, "height": 20}
    assert drawn[2]["width"] == 10 and drawn[2]["height"] == 10


def test_scaled_page_is_scaled_back():
    drawn = overlay({"cert_number": [50, 25, 100, 50]}, (400, 200),
                    {"turn": 0, "size": [200, 100]})
    assert drawn[0] == {"field": "cert_number", "x": 100, "y": 50, "width": 100, "height": 50}


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_page_is_turned_back(turn):
    """Mark a pixel block on a photo, turn it as the reader does, find the block's box on the
    turned page, and check Box.unturned brings it back where it was."""
    photo = Image.new("L", (300, 200), 0)
    photo.paste(255, (40, 30, 90, 60))
    turned = rotate(photo, turn)
    box_on_page = turned.getbbox()
    assert Box(*box_on_page).unturned(turn, turned.size) == Box(40, 30, 90, 60)
    drawn = overlay({"level": list(box_on_page)}, photo.size, {"turn": turn,
                                                               "size": list(turned.size)})
    assert drawn[0] == {"field": "level", "x": 40, "y": 30, "width": 50, "height": 30}


def test_garbage_boxes_are_skipped():
    assert overlay({"score": "x", "level": [1, 2, 3], "holder_name": [5, 5, 1, 1],
                    "cert_number": {"box": [1, 1, 5, 5]}, "issue_date": [1, "2", 5, 5]},
                   (10, 10)) == []
