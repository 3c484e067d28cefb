"""Where a text box lies, and how it moves between the images the reader makes of one photo.

The reader (limitup/reader.py) reads a photo through several images: the photo scaled to the OCR
page, a crop of the photo zoomed on the text, either turned upright by a quarter turn, its lines
levelled when the page is tilted, a line cut out and enlarged for a re-read, the photo read
again at full detail. A box read on any of them is mapped back to the OCR page (what
recognition reports, the pipeline stores and redaction fills), and from there to the stored
photo (`on_photo`: redaction, the credential page's boxes).

Each step is one transform of `Box`, with its inverse: `shifted` (a crop's offset), `scaled` /
`unscaled`, `turned` / `unturned` (quarter turns within an image's size), `rotated` (by an
angle about a centre; rotated back by the opposite angle). Whole pixels are a step of their own,
`snapped`, taken where a step wants them and rounded as that step always has: recognition's
layout rules and the figures in docs/benchmarks.md were measured with those pixels.

What is stored (the credential's field boxes, the reader's ID boxes, boxes in golden files and
on the queue) is `[x0, y0, x1, y1]` in whole pixels: `to_json` writes it, `from_json` reads it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle from (x0, y0) to (x1, y1) in pixels of one image (y runs down),
    with the quadrilateral it bounds when one is known.

    Unpacks and indexes as (x0, y0, x1, y1): recognition's layout reads edges by index."""
    x0: float
    y0: float
    x1: float
    y1: float
    # The four corners ((x, y) x 4) of the line's outline when known: RapidOCR outlines each
    # line, and on a tilted photo the outline is a tilted quadrilateral whose edges say the
    # page's tilt (limitup/ocr/deskew.py). None: the rectangle is all that is known. Left out of
    # equality: two boxes are equal when their rectangles are.
    quad: tuple | None = field(default=None, compare=False, repr=False)

    @classmethod
    def around(cls, points) -> "Box":
        """The rectangle holding `points` (four corners), which it keeps as its quad."""
        quad = tuple((x, y) for x, y in points)
        xs, ys = [x for x, _ in quad], [y for _, y in quad]
        return cls(min(xs), min(ys), max(xs), max(ys), quad)

    @classmethod
    def union(cls, boxes) -> "Box":
        """The rectangle holding every box (a line joined from pieces)."""
        boxes = list(boxes)
        return cls(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))

    def __iter__(self):
        return iter((self.x0, self.y0, self.x1, self.y1))

    def __getitem__(self, index):
        return (self.x0, self.y0, self.x1, self.y1)[index]

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def has_area(self) -> bool:
        return self.x1 > self.x0 and self.y1 > self.y0

    def covered_by(self, others, share: float) -> bool:
        """Whether one of the Boxes `others` covers `share` or more of this box's area."""
        area = max(1.0, self.width * self.height)
        for other in others:
            width = min(self.x1, other.x1) - max(self.x0, other.x0)
            height = min(self.y1, other.y1) - max(self.y0, other.y0)
            if width > 0 and height > 0 and width * height >= share * area:
                return True
        return False

    def corners(self) -> tuple:
        """The outline: the quad when known, else the rectangle's corners (clockwise on screen
        from the top-left)."""
        return self.quad or ((self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1),
                             (self.x0, self.y1))

    def rectangle(self) -> "Box":
        """The rectangle alone, without its quad."""
        return Box(self.x0, self.y0, self.x1, self.y1)

    # --- transforms ---------------------------------------------------------------------------

    def shifted(self, dx: float, dy: float) -> "Box":
        """Moved by (dx, dy): from a crop at (left, top) to its image by (left, top), from the
        image to the crop by (-left, -top)."""
        return self._mapped(lambda x, y: (x + dx, y + dy))

    def scaled(self, fx: float, fy: float | None = None) -> "Box":
        """On the image resized by fx across and fy down (fy = fx when not given)."""
        fy = fx if fy is None else fy
        return self._mapped(lambda x, y: (x * fx, y * fy))

    def unscaled(self, fx: float, fy: float | None = None) -> "Box":
        """The inverse of scaled(fx, fy): from the resized image back to the image it was
        resized from."""
        fy = fx if fy is None else fy
        return self._mapped(lambda x, y: (x / fx, y / fy))

    def turned(self, turn: int, size) -> "Box":
        """On the image of `size` (width, height) turned `turn` degrees counter-clockwise
        (0, 90, 180 or 270), as PIL's rotate(turn, expand=True) turns it."""
        width, height = size
        turn %= 360
        if turn == 90:
            move = lambda x, y: (y, width - x)                      # noqa: E731
        elif turn == 180:
            move = lambda x, y: (width - x, height - y)             # noqa: E731
        elif turn == 270:
            move = lambda x, y: (height - y, x)                     # noqa: E731
        else:
            return self
        return self._mapped(move)

    def unturned(self, turn: int, turned_size) -> "Box":
        """The inverse of turned(turn, size): a box on the turned image (turned_size = its size
        after the turn) back on the image before the turn."""
        return self.turned(-turn % 360, turned_size)

    def rotated(self, degrees: float, centre) -> "Box":
        """Rotated `degrees` about `centre`, clockwise on screen (y runs down): the rectangle
        holding the rotated outline, which it keeps as its quad. rotated(-degrees, centre) turns
        it back (the outline exactly; the rectangle is the one holding it)."""
        radians = math.radians(degrees)
        cos, sin = math.cos(radians), math.sin(radians)
        cx, cy = centre
        return Box.around((cx + (x - cx) * cos - (y - cy) * sin,
                           cy + (x - cx) * sin + (y - cy) * cos) for x, y in self.corners())

    def snapped(self, low=round, high=round) -> "Box":
        """On whole pixels: `low` rounds x0 and y0, `high` x1 and y1 (int, round, math.ceil:
        each step keeps the rounding it was measured with). The quad stays as it is."""
        return Box(low(self.x0), low(self.y0), high(self.x1), high(self.y1), self.quad)

    def _mapped(self, move) -> "Box":
        """Each corner of the rectangle, and of the quad, moved; the rectangle re-ordered so
        x0 <= x1 and y0 <= y1 (a turn swaps edges)."""
        (ax, ay), (bx, by) = move(self.x0, self.y0), move(self.x1, self.y1)
        quad = tuple(move(x, y) for x, y in self.quad) if self.quad else None
        return Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), quad)

    # --- what is stored -------------------------------------------------------------------------

    def to_json(self) -> list[int]:
        """[x0, y0, x1, y1] in whole pixels (the rectangle; the quad is not kept)."""
        return [int(round(value)) for value in self]

    @classmethod
    def from_json(cls, value) -> "Box | None":
        """The box stored as [x0, y0, x1, y1]; None when the value is not four numbers."""
        if not isinstance(value, (list, tuple)) or len(value) != 4:
            return None
        if not all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v)
                   for v in value):
            return None
        return cls(*value)


def on_photo(box: Box, photo_size, ocr_page: dict | None) -> Box:
    """A box on the OCR page as it lies on the stored photo (not clipped, not rounded).

    reader.read_image scaled the photo to the page and turned it counter-clockwise by `turn`
    degrees; its extras["ocr_page"] = {"turn", "size" (the page's size after turning)} undoes
    both. Without a page size the box is taken to be on the photo already."""
    turn = int((ocr_page or {}).get("turn") or 0) % 360
    page_size = (ocr_page or {}).get("size")
    if not (page_size and page_size[0] and page_size[1]):
        return box
    unturned = page_size if turn in (0, 180) else (page_size[1], page_size[0])
    return box.unturned(turn, page_size).scaled(photo_size[0] / unturned[0],
                                                photo_size[1] / unturned[1])
