"""Labels printed with their characters spaced out come back as one OCR box per character (or
"姓" and "名：周子昂"): layout.prepare reads the pieces as one box (issue #18)."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import layout


def _texts(boxes):
    return [item.text for item in layout.prepare(boxes)]


def test_pieces_of_a_spaced_label_are_one_box():
    boxes = [TextBox("证", Box(10, 200, 22, 212), 0.9), TextBox("书", Box(40, 200, 52, 212), 0.9),
             TextBox("编", Box(70, 200, 82, 212), 0.9), TextBox("号", Box(100, 200, 112, 212), 0.9),
             TextBox("1234", Box(140, 200, 190, 212), 0.9)]
    items = layout.prepare(boxes)
    assert [item.text for item in items] == ["证书编号", "1234"]
    assert items[0].box == Box(10, 200, 112, 212) and items[0].source.score == 0.9


def test_a_piece_and_the_last_character_with_its_colon_and_value():
    boxes = [TextBox("姓", Box(57, 358, 102, 397), 1.0), TextBox("名：周明远", Box(154, 357, 313, 398), 0.99)]
    assert _texts(boxes) == ["姓名:周明远"]


def test_lone_characters_far_apart_or_followed_by_words_stay_apart():
    # The sex value 男 beside the next label; two characters a column apart.
    assert sorted(_texts([TextBox("男", Box(10, 300, 22, 312), 1.0),
                          TextBox("民族：汉", Box(60, 300, 110, 312), 1.0)])) == ["民族:汉", "男"]
    assert sorted(_texts([TextBox("男", Box(10, 300, 22, 312), 1.0),
                          TextBox("汉", Box(200, 300, 212, 312), 1.0)])) == ["汉", "男"]


def test_a_label_closed_by_its_colon_does_not_swallow_the_next_piece():
    boxes = [TextBox("学", Box(29, 130, 43, 142), 1.0), TextBox("号:", Box(51, 130, 70, 142), 1.0),
             TextBox("男", Box(80, 130, 92, 142), 1.0)]
    assert sorted(_texts(boxes)) == ["学号:", "男"]
