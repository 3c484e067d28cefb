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

Boxes are in the OCR page's pixels; limitup.boxes.on_photo maps them onto the stored photo with
the reader's `ocr_page` (the credential page's overlay does the same).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from limitup.boxes import Box, on_photo
from limitup.ids import find_ids_in_text
from limitup.ingest.storage import stored_path, write_atomically

# The field box recognition read the holder's printed ID number from (a TextBox).
ID_BOX_FIELD = "id_number"
# Where the reader puts every OCR box holding an ID number (Box.to_json of each).
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


def boxes_to_fill(recognition) -> list[Box]:
    """Every box on the OCR page to fill: the holder's number recognition read, and each box
    the reader found holding an ID number (extras["id_boxes"]); no duplicates."""
    id_box = (recognition.field_boxes or {}).get(ID_BOX_FIELD)
    found = [id_box.box if id_box is not None else None]
    found += [Box.from_json(value)
              for value in (recognition.extras or {}).get(ID_BOXES_EXTRA) or ()]
    return list(dict.fromkeys(box for box in found if box is not None and box.has_area))


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
    boxes = [box for box in boxes if box.box.has_area and box.text]
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
    order = sorted(indices, key=lambda i: boxes[i].box.x0)
    runs: list[list[int]] = []
    for index in order:
        x0, y0, x1, y1 = boxes[index].box
        for run in runs:
            px0, py0, px1, py1 = boxes[run[-1]].box
            overlap = min(y1, py1) - max(y0, py0)
            height = max(1.0, min(y1 - y0, py1 - py0))
            if overlap >= SAME_LINE_OVERLAP * height and \
                    -height <= x0 - px1 <= NEIGHBOUR_GAP_HEIGHTS * height:
                run.append(index)
                break
        else:
            runs.append([index])
    return [run for run in runs if len(run) > 1]


def with_margin(box: Box, photo_size) -> Box:
    """The box grown by its margin, on whole pixels of the photo."""
    x0, y0, x1, y1 = box
    # The margin follows the text's height, which is the box's *shorter* side: on a photo the
    # reader turned a quarter, a line of text stands upright and its height is the box's width.
    margin = max(MIN_MARGIN_PX, min(x1 - x0, y1 - y0) * MARGIN_OF_HEIGHT)
    width, height = photo_size
    return Box(max(0, int(x0 - margin)), max(0, int(y0 - margin)),
               min(width, int(x1 + margin + 1)), min(height, int(y1 + margin + 1)))


@dataclass(frozen=True)
class Redaction:
    """A stored photo with its ID numbers filled, encoded, not yet written."""
    path: Path
    jpeg: bytes
    regions: list          # the filled rectangles, on the photo

    def write(self) -> None:
        write_atomically(self.path, self.jpeg, temp_prefix=".redact-")


def redacted_photo(images_dir, image_name: str, page_boxes: list[Box],
                   ocr_page: dict | None) -> Redaction | None:
    """The stored photo with each box (OCR page coordinates) filled, encoded; None when there was
    nothing to fill. Reads the stored file and writes nothing."""
    path = stored_path(images_dir, image_name)
    with Image.open(path) as opened:
        photo = opened.convert("RGB")
    regions = [with_margin(on_photo(box, photo.size, ocr_page), photo.size)
               for box in page_boxes]
    regions = [region for region in regions if region.has_area]
    if not regions:
        return None
    draw = ImageDraw.Draw(photo)
    for region in regions:
        draw.rectangle((region.x0, region.y0, region.x1 - 1, region.y1 - 1), fill=FILL)
    return Redaction(path, _jpeg(photo), regions)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
