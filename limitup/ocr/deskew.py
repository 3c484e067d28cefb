"""Level a tilted page's text boxes, so layout (label beside or above its value) holds.

A phone held askew tilts every line by the same angle. RapidOCR reads tilted lines well (each
line is cut out along its own quadrilateral), but recognition pairs labels with values by
axis-aligned boxes: at 10-15 degrees a label's value sits a line higher or lower than the label,
and is missed (measured in docs/benchmarks.md, "Fourth pass"). Rotating the page and reading it
again would cost a second pass; instead the boxes themselves are turned level about the page's
centre. Recognition works on the levelled boxes; the boxes it reports (drawn on the photo,
blacked out for the ID number) are the engine's own, on the page as it is.

Pure geometry, so it tests without an engine.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from limitup.boxes import Box
from limitup.ocr.base import TextBox

# Below this tilt the layout's own tolerance (SKEW in recognise/layout.py, ~3 degrees) copes;
# measured, levelling at 3-4 degrees (hard photos with perspective, where the lines' tilt varies
# across the page) lost a number and a name that the unlevelled boxes had.
MIN_TILT_DEGREES = 5.0
# Lines running further off the level than this say nothing of the page's tilt: a watermark
# repeated slantwise across a real certificate (about 35°) outnumbered its text and had the page
# levelled by the watermark's angle. The tilt sets go to 15°.
MAX_TILT_DEGREES = 25.0
# Only lines this much longer than tall say which way the text runs.
MIN_ELONGATION = 2.5
MIN_LINES = 3


def page_tilt(boxes: list[TextBox]) -> float:
    """The page's tilt in degrees (positive: lines run down to the right), the length-weighted
    median of the long edges of elongated line quadrilaterals; 0.0 when nothing says."""
    angles = []
    for box in boxes:
        quad = box.box.quad
        if not quad or len(quad) != 4:
            continue
        (x0, y0), (x1, y1), (x2, y2) = quad[:3]
        edges = [(x1 - x0, y1 - y0), (x2 - x1, y2 - y1)]
        lengths = [math.hypot(dx, dy) for dx, dy in edges]
        long_edge, short = (edges[0], lengths[1]) if lengths[0] >= lengths[1] else (edges[1], lengths[0])
        if max(lengths) < MIN_ELONGATION * max(short, 1e-6):
            continue
        angle = math.degrees(math.atan2(long_edge[1], long_edge[0]))
        angle = (angle + 90) % 180 - 90          # a direction, not a vector: into [-90, 90)
        if abs(angle) < MAX_TILT_DEGREES:
            angles.append((angle, max(lengths)))
    if len(angles) < MIN_LINES:
        return 0.0
    angles.sort()
    half, running = sum(weight for _, weight in angles) / 2, 0.0
    for angle, weight in angles:
        running += weight
        if running >= half:
            return angle
    return 0.0


@dataclass(frozen=True)
class Deskew:
    """Turn boxes by -tilt degrees about `centre` (level), or regions back by +tilt (the page)."""
    tilt: float
    centre: tuple[float, float]

    @classmethod
    def of(cls, boxes: list[TextBox], page_size) -> "Deskew | None":
        tilt = page_tilt(boxes)
        if abs(tilt) < MIN_TILT_DEGREES:
            return None
        return cls(tilt, (page_size[0] / 2, page_size[1] / 2))

    def level(self, box: TextBox) -> TextBox:
        """The box as it lies on the levelled page (its quad, else its corners, turned)."""
        levelled = self._whole_pixels(box.box.rotated(-self.tilt, self.centre))
        return TextBox(box.text, levelled, box.score, levelled_from=box,
                       char_scores=box.char_scores)

    def level_all(self, boxes: list[TextBox]) -> list[TextBox]:
        return [self.level(box) for box in boxes]

    def region_on_page(self, region: Box) -> Box:
        """A region of the levelled page as the box that holds it on the page itself."""
        return self._whole_pixels(region.rotated(self.tilt, self.centre))

    @staticmethod
    def _whole_pixels(turned: Box) -> Box:
        # Whole pixels holding the turned outline: down (towards zero) at the top-left, up at
        # the bottom-right.
        return turned.snapped(int, math.ceil)


def page_box(box):
    """The engine's box on the page that a levelled box was turned from; any other box (one
    never levelled, or None) as it is."""
    if isinstance(box, TextBox) and box.levelled_from is not None:
        return box.levelled_from
    return box
