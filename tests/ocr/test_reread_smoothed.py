"""The smoothed re-read (limitup/reader.py, _Rereader's "smooth" view, the last resort's), with
the real engine: a value printed on the halftone grey box of a dithered scan (holdout23b's IELTS
bands) is lost to the detector in the re-read's own view and read once the dots are blurred into
grey."""
from __future__ import annotations

from PIL import Image, ImageDraw

from limitup.boxes import Box
from limitup.ocr import get_engine
from limitup.reader import _Clock, _Rereader
from limitup.samples import fonts

BAND_REGION = Box(110, 35, 230, 85)


def _dithered_band_box() -> Image.Image:
    """'Overall' and a band printed on a light grey box, the page turned to black and white dots
    (Floyd-Steinberg), as a 1-bit scan prints grey."""
    font = fonts.load(fonts.LIBERATION + "LiberationSans-Regular.ttf", 0, 22)
    page = Image.new("L", (400, 120), 250)
    draw = ImageDraw.Draw(page)
    draw.text((20, 45), "Overall", fill=20, font=font)
    draw.rectangle((130, 30, 210, 90), fill=210)
    draw.text((150, 47), "7.5", fill=0, font=font)
    return page.convert("1").convert("L")


def test_a_band_on_a_halftone_box_is_read_in_the_smoothed_view():
    page = _dithered_band_box()
    grey = _Rereader(get_engine("default"), page, None, _Clock(), views=("grey",))
    assert not any(char.isdigit() for box in grey(BAND_REGION) for char in box.text)
    smooth = _Rereader(get_engine("default"), page, None, _Clock(), views=("smooth",))
    smoothed = [box.text for box in smooth(BAND_REGION)]
    assert any(text.replace(".", "") == "75" for text in smoothed), smoothed
