"""Where to draw the recognised fields on the photo: boxes in the stored image's pixels.

Recognition keeps, per field, the text box it read the value from. They may come as
[x0, y0, x1, y1], as {"box": [...]} (a TextBox as data) or as an object with `.box`. The boxes are
in the pixels of the page handed to the OCR engine (reader.read_image): the stored photo scaled,
then turned counter-clockwise by `turn` degrees; `ocr_page` = {"turn", "size"} (the size after
turning) undoes both, so the boxes land on the stored photo.
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


def unturn(box, turn: int, turned_size) -> tuple:
    """A box on a page turned counter-clockwise by `turn` degrees, back on the unturned page."""
    x0, y0, x1, y1 = box
    turned_w, turned_h = turned_size
    turn %= 360
    if turn == 90:    # (x, y) -> (y, W - x), W = the unturned width = turned height
        return turned_h - y1, x0, turned_h - y0, x1
    if turn == 180:
        return turned_w - x1, turned_h - y1, turned_w - x0, turned_h - y0
    if turn == 270:   # (x, y) -> (H - y, x), H = the unturned height = turned width
        return y0, turned_w - x1, y1, turned_w - x0
    return box


def overlay(field_boxes: dict | None, image_size: tuple[int, int],
            ocr_page: dict | None = None) -> list[dict]:
    """[{"field", "x", "y", "width", "height"}] on the stored image, clipped, in FIELD_ORDER."""
    width, height = image_size
    turn = int((ocr_page or {}).get("turn") or 0) % 360
    page_size = (ocr_page or {}).get("size")
    scale_x = scale_y = 1.0
    if page_size and page_size[0] and page_size[1]:
        unturned = page_size if turn in (0, 180) else (page_size[1], page_size[0])
        scale_x, scale_y = width / unturned[0], height / unturned[1]
    drawn = []
    for name in FIELD_ORDER:
        box = _coordinates((field_boxes or {}).get(name))
        if box is None:
            continue
        if page_size:
            box = unturn(box, turn, page_size)
        x0, y0 = max(0.0, box[0] * scale_x), max(0.0, box[1] * scale_y)
        x1, y1 = min(float(width), box[2] * scale_x), min(float(height), box[3] * scale_y)
        if x1 <= x0 or y1 <= y0:
            continue
        drawn.append({"field": name, "x": round(x0), "y": round(y0),
                      "width": round(x1 - x0), "height": round(y1 - y0)})
    return drawn
