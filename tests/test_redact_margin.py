"""The redaction margin follows the text's height, also on photos the reader turned a quarter."""
from limitup.boxes import Box, on_photo
from limitup.redact import with_margin


def test_margin_of_an_upright_line():
    assert with_margin(Box(100, 200, 500, 240), (1000, 1000)) == Box(88, 188, 513, 253)


def test_margin_of_a_line_on_a_quarter_turned_photo_is_not_its_length():
    # An ID line read on the upright OCR page (1437 x 976) of a photo stored turned 90 degrees.
    line = on_photo(Box(74, 339, 752, 395), (976, 1437), {"turn": 270, "size": [1437, 976]})
    assert line == Box(339, 685, 395, 1363)
    x0, y0, x1, y1 = with_margin(line, (976, 1437))
    # ~0.3 of the 56-pixel text height on every side, not 0.3 of the 678-pixel line length
    assert (x0, x1) == (322, 412) and (y0, y1) == (668, 1380)
