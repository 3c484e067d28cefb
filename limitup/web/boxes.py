"""Where to draw the recognised fields on the photo: boxes in the stored image's pixels.

Recognition keeps, per field, the text box it read the value from. They may come as
[x0, y0, x1, y1], as {"box": [...]} (a TextBox as data) or as an object with `.box`. The boxes are
in the pixels of the page handed to the OCR engine (reader.read_image): the stored photo scaled,
then turned counter-clockwise by `turn` degrees; `ocr_page` = {"turn", "size"} (the size after
turning) undoes both, so the boxes land on the stored photo. The mapping is limitup.redact's,
which fills the printed ID number on the same photo with it.
"""
from __future__ import annotations

from limitup.redact import coordinates as _coordinates
from limitup.redact import page_box_on_photo, unturn

__all__ = ["FIELD_ORDER", "overlay", "unturn"]

FIELD_ORDER = ("holder_name", "cert_number", "issue_date", "level", "score")


def overlay(field_boxes: dict | None, image_size: tuple[int, int],
            ocr_page: dict | None = None) -> list[dict]:
    """[{"field", "x", "y", "width", "height"}] on the stored image, clipped, in FIELD_ORDER."""
    width, height = image_size
    drawn = []
    for name in FIELD_ORDER:
        box = _coordinates((field_boxes or {}).get(name))
        if box is None:
            continue
        box = page_box_on_photo(box, image_size, ocr_page)
        x0, y0 = max(0.0, box[0]), max(0.0, box[1])
        x1, y1 = min(float(width), box[2]), min(float(height), box[3])
        if x1 <= x0 or y1 <= y0:
            continue
        drawn.append({"field": name, "x": round(x0), "y": round(y0),
                      "width": round(x1 - x0), "height": round(y1 - y0)})
    return drawn
