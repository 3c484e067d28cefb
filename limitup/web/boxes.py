"""Where to draw the recognised fields on the photo: boxes in the stored image's pixels.

The pipeline keeps, with the recognition, each field's box as [x0, y0, x1, y1] on the OCR page
(limitup.boxes.Box.to_json) and the page's geometry (`ocr_page`: how the reader scaled and
turned the stored photo). limitup.boxes.on_photo undoes both, as redaction does when it fills
the printed ID number on the same photo.
"""
from __future__ import annotations

from limitup.boxes import Box, on_photo

__all__ = ["FIELD_ORDER", "overlay"]

FIELD_ORDER = ("holder_name", "cert_number", "issue_date", "level", "score")


def overlay(field_boxes: dict | None, image_size: tuple[int, int],
            ocr_page: dict | None = None) -> list[dict]:
    """[{"field", "x", "y", "width", "height"}] on the stored image, clipped, in FIELD_ORDER."""
    width, height = image_size
    drawn = []
    for name in FIELD_ORDER:
        box = Box.from_json((field_boxes or {}).get(name))
        if box is None:
            continue
        x0, y0, x1, y1 = on_photo(box, image_size, ocr_page)
        x0, y0 = max(0.0, x0), max(0.0, y0)
        x1, y1 = min(float(width), x1), min(float(height), y1)
        if x1 <= x0 or y1 <= y0:
            continue
        drawn.append({"field": name, "x": round(x0), "y": round(y0),
                      "width": round(x1 - x0), "height": round(y1 - y0)})
    return drawn
