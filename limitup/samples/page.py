"""A page being drawn: PIL canvas plus the boxes where role-tagged values landed.

The boxes (holder name, number, ...) let the damage stage print a seal exactly over them.
"""
from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

Box = tuple[int, int, int, int]


class Page:
    def __init__(self, size: tuple[int, int], paper=(252, 250, 244)):
        self.image = Image.new("RGB", size, paper)
        self.draw = ImageDraw.Draw(self.image)
        self.boxes: dict[str, list[Box]] = {}
        self.texts: list[tuple[str, Box]] = []   # every text drawn, with its box (tests read the truth here)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def text(self, xy, text: str, font, fill=(25, 25, 25), role: str | None = None, anchor: str = "la") -> Box:
        self.draw.text(xy, text, font=font, fill=fill, anchor=anchor)
        box = tuple(int(v) for v in self.draw.textbbox(xy, text, font=font, anchor=anchor))
        if role:
            self.boxes.setdefault(role, []).append(box)
        self.texts.append((text, box))
        return box

    def width(self, text: str, font) -> float:
        return self.draw.textlength(text, font=font)


def fitted(make_font, text: str, size: float, max_width: float, page: Page, min_size: int = 14):
    """The largest font <= size (from make_font(size)) whose rendering of text fits max_width."""
    size = int(size)
    width = page.width(text, make_font(size))
    if width > max_width:   # widths scale with the size: one jump, then a step or two to be sure
        size = max(min_size, int(size * max_width / width))
        while size > min_size and page.width(text, make_font(size)) > max_width:
            size -= 1
    return make_font(size)


def frame(page: Page, rng: random.Random, colour, margin: int | None = None) -> int:
    """A double border, as certificates have; returns the inner margin."""
    w, h = page.size
    m = margin or rng.randrange(22, 40)
    page.draw.rectangle([m, m, w - m, h - m], outline=colour, width=rng.randrange(3, 7))
    inner = m + rng.randrange(8, 14)
    page.draw.rectangle([inner, inner, w - inner, h - inner], outline=colour, width=1 + rng.randrange(2))
    return inner + 10


def photo_box(page: Page, box: Box) -> None:
    """An ID photo placeholder: blue background, head and shoulders."""
    x0, y0, x1, y1 = box
    page.draw.rectangle(box, fill=(96, 150, 210), outline=(60, 60, 60))
    cx, w, h = (x0 + x1) / 2, x1 - x0, y1 - y0
    page.draw.ellipse([cx - w * 0.2, y0 + h * 0.18, cx + w * 0.2, y0 + h * 0.55], fill=(236, 205, 180))
    page.draw.chord([x0 + w * 0.1, y0 + h * 0.6, x1 - w * 0.1, y1 + h * 0.35], 180, 360, fill=(40, 40, 50))


def emblem(page: Page, centre, radius: int, colour) -> None:
    """A round emblem placeholder (national emblem / logo) with a star."""
    cx, cy = centre
    page.draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=colour, width=3)
    star(page.draw, centre, radius * 0.55, colour)


def star(draw: ImageDraw.ImageDraw, centre, radius: float, colour) -> None:
    cx, cy = centre
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=colour)


def wrap_segments(page: Page, segments, font, max_width: float):
    """Break role-tagged text segments into lines of (text, role) runs that fit max_width."""
    lines, line, width = [], [], 0.0
    for text, role in segments:
        run = ""
        for char in text:
            char_w = page.width(char, font)
            # a line never starts with closing punctuation (it may overhang the margin instead)
            if width + char_w > max_width and (line or run) and char not in "，。；：、！？）":
                if run:
                    line.append((run, role))
                lines.append(line)
                line, run, width = [], "", 0.0
            run += char
            width += char_w
        if run:
            line.append((run, role))
    if line:
        lines.append(line)
    return lines
