"""Where to draw the recognised fields on the photo: boxes in the stored image's pixels.

Recognition keeps, per field, the text box it read the value from. They may come as
[x0, y0, x1, y1], as {"box": [...]} (a TextBox as data) or as an object with `.box`; the boxes are
in the pixels of the image handed to the OCR engine, which may have been scaled: `source_size`
(the engine image's width, height) rescales them onto the stored image.
"""
from __future__ import annotations

FIELD_ORDER = ("holder_name", "cert_number", "issue_date", "level", "score")


def _coordinates(value):
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("box") or value.get("bbox")
    elif hasattr(value, "box"):
        value = value.box
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def overlay(field_boxes: dict | None, image_size: tuple[int, int],
            source_size: tuple[int, int] | None = None) -> list[dict]:
    """[{"field", "x", "y", "width", "height"}] clipped to the image, in FIELD_ORDER."""
    width, height = image_size
    scale_x = scale_y = 1.0
    if source_size and source_size[0] and source_size[1]:
        scale_x, scale_y = width / source_size[0], height / source_size[1]
    drawn = []
    for name in FIELD_ORDER:
        box = _coordinates((field_boxes or {}).get(name))
        if box is None:
            continue
        x0, y0 = max(0.0, box[0] * scale_x), max(0.0, box[1] * scale_y)
        x1, y1 = min(float(width), box[2] * scale_x), min(float(height), box[3] * scale_y)
        if x1 <= x0 or y1 <= y0:
            continue
        drawn.append({"field": name, "x": round(x0), "y": round(y0),
                      "width": round(x1 - x0), "height": round(y1 - y0)})
    return drawn
