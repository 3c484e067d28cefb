"""The redaction margin follows the text's height, also on photos the reader turned a quarter."""
from limitup.redact import page_box_on_photo, with_margin


def test_margin_of_an_upright_line():
    assert with_margin((100, 200, 500, 240), (1000, 1000)) == (88, 188, 513, 253)


def test_margin_of_a_line_on_a_quarter_turned_photo_is_not_its_length():
    # An ID line read on the upright OCR page (1437 x 976) of a photo stored turned 90 degrees.
    on_photo = page_box_on_photo((74, 339, 752, 395), (976, 1437),
                                 {"turn": 270, "size": [1437, 976]})
    assert on_photo == (339, 685, 395, 1363)
    x0, y0, x1, y1 = with_margin(on_photo, (976, 1437))
    # ~0.3 of the 56-pixel text height on every side, not 0.3 of the 678-pixel line length
    assert (x0, x1) == (322, 412) and (y0, y1) == (668, 1380)
