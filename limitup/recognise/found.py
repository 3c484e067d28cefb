"""A candidate value of a field, and how much its place on the page is worth."""
from __future__ import annotations

from dataclasses import dataclass

from limitup.recognise import layout

# What a value's place says of it: in its label's box, right of it, below it, found by a value
# pattern, or anywhere on the page with no label at all.
PLACE_QUALITY = {"same": 1.0, "right": 0.95, "right2": 0.8, "joined": 0.85, "below": 0.85,
                 "left": 0.9,
                 "below2": 0.7, "pattern": 0.8, "anywhere": 0.55, "implied": 0.7, "reread": 0.9}


@dataclass
class Found:
    value: object
    confidence: float
    item: layout.Item | None = None
    anchor: layout.Item | None = None      # the label box (for re-reads)
    valid: bool = True
    place: str = "same"
    # Returned, but for review (report.checks): a number that fits its pattern only with
    # look-alike characters swapped (values.FITTED), an issue date the page contradicts, a
    # given name taken alone where the family name's row is blank.
    doubted: bool = False


def ocr_quality(item) -> float:
    """The OCR's own score of the box a value came from, bounded (0.5 without a box)."""
    return max(0.3, min(1.0, item.source.score)) if item is not None else 0.5
