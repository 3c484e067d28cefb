"""Which way up is the page? Returns the counter-clockwise turn (0/90/180/270) that makes it upright.

RapidOCR judges the turn from its own OCR pass (RapidOcrEngine.read_page); engines without that
(Tesseract) use `turn_by_osd`, Tesseract's orientation and script detection.
"""
from __future__ import annotations

from PIL import Image

from limitup.preprocess import limit_size


def turn_by_osd(image: Image.Image, tesseract_engine) -> int:
    """Tesseract OSD says how far the page is turned clockwise; undo it."""
    thumb, _ = limit_size(image, 1200)
    degrees, confidence = tesseract_engine.orientation(thumb)
    return degrees % 360 if confidence >= 1.0 else 0
