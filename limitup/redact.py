"""Printed ID numbers are filled on the stored photo (SPEC 7: ID numbers never stored in clear).

A photo kept for the user and the reviewer must not show an ID number legibly, whatever the
document (a catalogue type, a household register, a near miss) and however many times it is
printed. `id_text_boxes` picks, from the OCR boxes the reader already has (no second OCR pass),
every box whose text holds an ID number by the masking rule (a valid check digit and birth
date, or a whole 18-character number misread), also grouped (1101 0119 9003 0745 73), part of
a longer text (公民身份号码110101...), or split over neighbouring boxes of one line; the
reader hands them over as extras["id_boxes"], next to the box recognition read the holder's
number from (field_boxes["id_number"]). `redacted_photo`
paints those boxes (with a margin) opaque on the stored JPEG and encodes it, writing nothing:
that CPU work runs before the decision's write transaction (pipeline.process), and
`Redaction.write` replaces the file inside it, atomically (a temporary file in the same
directory, fsync, os.replace), so a reader of the file sees either the old or the new photo,
never half of one.

Boxes are in the OCR page's pixels: reader.read_image scaled the stored photo and turned it
counter-clockwise by `turn` degrees; `ocr_page` = {"turn", "size" (after turning)} undoes both.
`page_box_on_photo` is that mapping (the credential page's overlay uses it too).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from limitup.ids import find_ids_in_text
from limitup.ingest.storage import stored_path, write_atomically

# Where recognition may put the printed ID number's box (a TextBox, {"box": [...]}, or a list).
ID_BOX_FIELD = "id_number"
ID_BOX_EXTRA = "id_number_box"
# Where the reader puts every OCR box holding an ID number ([[x0, y0, x1, y1], ...]).
ID_BOXES_EXTRA = "id_boxes"
# Neighbouring boxes on one line are read together (an ID printed in groups may be detected
# as several boxes): same line = vertical overlap of at least half the lower box; neighbours =
# a gap of at most this many box heights.
SAME_LINE_OVERLAP = 0.5
NEIGHBOUR_GAP_HEIGHTS = 2.5
MIN_ID_DIGITS = 17           # 17 digits and a digit or X
FILL = (0, 0, 0)
MARGIN_OF_HEIGHT = 0.3       # of the box's height, added on every side (OCR boxes are tight)
MIN_MARGIN_PX = 4
JPEG_QUALITY = 90            # as intake stores photos


def coordinates(value) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) of a box given as a TextBox, {"box": [...]} or a list; None if not one."""
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


def page_box_on_photo(box, photo_size: tuple[int, int], ocr_page: dict | None) -> tuple:
    """A box on the OCR page as (x0, y0, x1, y1) on the stored photo (not clipped)."""
    turn = int((ocr_page or {}).get("turn") or 0) % 360
    page_size = (ocr_page or {}).get("size")
    if not (page_size and page_size[0] and page_size[1]):
        return tuple(box)
    box = unturn(box, turn, page_size)
    unturned = page_size if turn in (0, 180) else (page_size[1], page_size[0])
    scale_x, scale_y = photo_size[0] / unturned[0], photo_size[1] / unturned[1]
    return box[0] * scale_x, box[1] * scale_y, box[2] * scale_x, box[3] * scale_y


def id_number_box(recognition):
    """The printed ID number's box on the OCR page, or None when recognition did not give one."""
    for value in ((recognition.field_boxes or {}).get(ID_BOX_FIELD),
                  (recognition.extras or {}).get(ID_BOX_EXTRA)):
        box = coordinates(value)
        if box is not None:
            return box
    return None


def boxes_to_fill(recognition) -> list[tuple]:
    """Every box on the OCR page to fill: the holder's number recognition read, and each box
    the reader found holding an ID number (extras["id_boxes"]); no duplicates."""
    found = [id_number_box(recognition)]
    found += [coordinates(value) for value in (recognition.extras or {}).get(ID_BOXES_EXTRA) or ()]
    return list(dict.fromkeys(box for box in found if box is not None))


def id_text_boxes(boxes, not_ids=()) -> list:
    """The OCR boxes (TextBox-like: .text, .box) that show an ID number; in the order given. Pure.

    A box shows one when the masking rule (ids.find_ids_in_text) finds a number in its text:
    18 characters with a valid check digit and birth date anywhere in it, or a whole number of
    17 digits and a digit or X whose check fails (OCR misread a digit: 2000 read 2600 leaves the
    rest of the printed number legible). `not_ids`: numbers known to be something else (the
    certificate number recognition read), not filled unless their check digit holds. Across
    neighbouring boxes of one line (a number printed in groups, detected as several boxes) only
    a valid number counts, so that unrelated numbers side by side are not taken for one.
    """
    boxes = [box for box in boxes if coordinates(box) is not None and getattr(box, "text", "")]
    not_ids = {str(number).upper() for number in not_ids if number}
    # Fewer than 17 digits cannot hold a number: most boxes and windows need no closer look.
    digits = [sum(ch.isdigit() for ch in box.text) for box in boxes]
    chosen = {index for index, box in enumerate(boxes)
              if digits[index] >= MIN_ID_DIGITS and _shows_id(box.text, not_ids)}
    for line in _lines([i for i, count in enumerate(digits) if count], boxes):
        texts = [boxes[index].text for index in line]
        for first in range(len(line) - 1):
            for last in range(first + 1, len(line)):
                if sum(digits[i] for i in line[first:last + 1]) < MIN_ID_DIGITS:
                    continue
                if _holds_valid_id(" ".join(texts[first:last + 1])):
                    # Only the boxes the number needs: not a label box before it (身份证号).
                    if not _holds_valid_id(" ".join(texts[first + 1:last + 1])):
                        chosen.update(line[first:last + 1])
                    break
    return [box for index, box in enumerate(boxes) if index in chosen]


def _shows_id(text: str, not_ids: set) -> bool:
    return any(hit.valid or hit.number not in not_ids for hit in find_ids_in_text(text))


def _holds_valid_id(text: str) -> bool:
    return any(hit.valid for hit in find_ids_in_text(text))


def _lines(indices, boxes) -> list[list[int]]:
    """The boxes at `indices` in runs of left-to-right neighbours on one text line, as indices;
    runs of one box left out."""
    order = sorted(indices, key=lambda i: coordinates(boxes[i])[0])
    runs: list[list[int]] = []
    for index in order:
        x0, y0, x1, y1 = coordinates(boxes[index])
        for run in runs:
            px0, py0, px1, py1 = coordinates(boxes[run[-1]])
            overlap = min(y1, py1) - max(y0, py0)
            height = max(1.0, min(y1 - y0, py1 - py0))
            if overlap >= SAME_LINE_OVERLAP * height and \
                    -height <= x0 - px1 <= NEIGHBOUR_GAP_HEIGHTS * height:
                run.append(index)
                break
        else:
            runs.append([index])
    return [run for run in runs if len(run) > 1]


def with_margin(box, photo_size) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    # The margin follows the text's height, which is the box's *shorter* side: on a photo the
    # reader turned a quarter, a line of text stands upright and its height is the box's width.
    margin = max(MIN_MARGIN_PX, min(x1 - x0, y1 - y0) * MARGIN_OF_HEIGHT)
    width, height = photo_size
    return (max(0, int(x0 - margin)), max(0, int(y0 - margin)),
            min(width, int(x1 + margin + 1)), min(height, int(y1 + margin + 1)))


@dataclass(frozen=True)
class Redaction:
    """A stored photo with its ID numbers filled, encoded, not yet written."""
    path: Path
    jpeg: bytes
    regions: list          # the filled rectangles, on the photo

    def write(self) -> None:
        write_atomically(self.path, self.jpeg, temp_prefix=".redact-")


def redacted_photo(images_dir, image_name: str, page_boxes,
                   ocr_page: dict | None) -> Redaction | None:
    """The stored photo with each box (OCR page coordinates) filled, encoded; None when there was
    nothing to fill. Reads the stored file and writes nothing."""
    path = stored_path(images_dir, image_name)
    with Image.open(path) as opened:
        photo = opened.convert("RGB")
    regions = [with_margin(page_box_on_photo(box, photo.size, ocr_page), photo.size)
               for box in page_boxes]
    regions = [r for r in regions if r[2] > r[0] and r[3] > r[1]]
    if not regions:
        return None
    draw = ImageDraw.Draw(photo)
    for region in regions:
        draw.rectangle((region[0], region[1], region[2] - 1, region[3] - 1), fill=FILL)
    return Redaction(path, _jpeg(photo), regions)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
