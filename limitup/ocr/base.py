"""The interface every OCR engine implements.

An engine turns a PIL image into text boxes. Boxes keep their position so recognition can
use layout (a label and its value side by side or one above the other), not only flat text.
Where a box lies is a limitup.boxes.Box, which also maps it between the images the reader makes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from limitup.boxes import Box


@dataclass(frozen=True)
class TextBox:
    text: str
    # In pixels of the image that was handed to the engine, with the line's outline (Box.quad)
    # when the engine gives one.
    box: Box
    # Engine confidence, 0..1.
    score: float
    # A box levelled from a tilted page (limitup/ocr/deskew.py): the engine's box on the page it
    # was turned from, so the boxes recognition reports can be the page's own. Left out of
    # equality and repr: a levelled box compares and prints as its text and position alone.
    levelled_from: "TextBox | None" = field(default=None, compare=False, repr=False)
    # The engine's confidence in each character of `text`, when it gives one (RapidOCR): a
    # line read at 0.93 on average can hold one digit read at 0.3, which is the one misread.
    char_scores: tuple | None = field(default=None, compare=False, repr=False)


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> list[TextBox]:
        """Text boxes in reading order (top to bottom, left to right)."""
        ...
