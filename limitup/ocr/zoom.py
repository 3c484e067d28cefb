"""Zoom on the text: a certificate that fills only part of the photo is read from a crop.

A phone photo taken from a distance shows the certificate in, say, half of the frame. Scaled to
the OCR page (OCR_MAX_SIDE) and detected at 736 px, its body text is then a few pixels tall and
lines are missed or misread. The detection pass says where the text is; when all of it lies in a
small part of the page, the reader crops that part from the *full-resolution* photo and reads the
crop instead (measured in docs/benchmarks.md, "Zoom on the text"). Pages whose text already spans
most of the page are read as they are: they cost nothing more, because the reader hands the same
detection back to the engine.

Pure geometry, so it tests without an engine: `text_region` chooses the crop, `Zoom` maps boxes
read on the crop back to the page (the coordinates every later step, redaction and the web's
boxes, expect).
"""
from __future__ import annotations

from dataclasses import dataclass

from limitup.boxes import Box

# Zoom only when the text spans at most this share of the page's longer side: the crop's text is
# then at least 1/0.7 = 1.4x larger for the detector, worth a second pass.
ZOOM_MAX_SHARE = 0.7
# Margin around the detected text, as a share of the text region's longer side: the first pass
# may have missed faint lines at the edge (a date, a seal's caption) that the crop must keep.
ZOOM_MARGIN = 0.08
# Fewer lines than this and the region says little (a blank page, a few specks of texture).
ZOOM_MIN_LINES = 4


def text_region(line_boxes: list[Box], page_size) -> Box | None:
    """The part of the page to read again, closer, or None when the page is read as it is.
    line_boxes = the detected lines in page pixels."""
    if len(line_boxes) < ZOOM_MIN_LINES:
        return None
    width, height = page_size
    x0, y0, x1, y1 = Box.union(line_boxes)
    margin = ZOOM_MARGIN * max(x1 - x0, y1 - y0)
    left, top = max(0, int(x0 - margin)), max(0, int(y0 - margin))
    right, bottom = min(width, int(x1 + margin + 1)), min(height, int(y1 + margin + 1))
    if max(right - left, bottom - top) > ZOOM_MAX_SHARE * max(width, height):
        return None
    return Box(left, top, right, bottom)


@dataclass(frozen=True)
class Zoom:
    """A crop of the page, read at `factor` crop pixels per page pixel."""
    region: Box                    # on the (unturned) page
    factor: float
    page_size: tuple[int, int]     # the unturned page

    def to_page(self, box: Box, turn: int, crop_size) -> Box:
        """A box on the crop turned `turn` degrees counter-clockwise (crop_size = its size after
        the turn), as a box on the page turned the same way."""
        on_crop = box.unturned(turn, crop_size)
        on_page = on_crop.unscaled(self.factor).shifted(self.region.x0, self.region.y0)
        return on_page.snapped(round, round).turned(turn, self.page_size)
