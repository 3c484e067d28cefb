"""The full-detail re-read: never return less than one plain OCR call would read (issue 18).

The fast path reads a page at most OCR_MAX_SIDE px, detected at 736 px on the longer side, in the
red channel (seal ink lifted). That is right for most certificates and a fraction of a plain
call's time, but the small print of a dense A4 page (an IELTS TRF's number, a CET report's table)
falls under the detector's few pixels, and values in grey or hatched boxes lose contrast in the
red channel. When the fast path leaves a key field missing or failing its validator, the reader
(limitup/reader.py) reads the page once more at full detail:

- sizes from the measured text: the photo scaled so the page's small print (the lower fifth of
  the line heights the fast pass found) is DETAIL_TEXT_PX tall for recognition, and detected at
  the side where that print is DETAIL_DET_TEXT_PX tall (not a fixed 736);
- in colour, not the red channel;

When the fast pass already saw the print large enough (or nothing says how large it is), the
second reading is of colour only, at the fast pass's own size, as grey by luminance
(preprocess.luminance), detected finer than the fast pass (COLOUR_DET_SIDE): what the red
channel washed out (orange and red print, as a Duolingo certificate's score digits and link) is
read there, and fills only the key fields the first reading left missing or in doubt (see
merge). When a key value is still unread after it, the lines found say nothing of its print:
the page's rows of ink are measured (plan's `unseen`), and if they say the print is small the
photo is read at full detail as well (reader._full_detail).

`merge` keeps, field by field, what the first reading had sure, what the second reading
validates where the first did not, and what the two readings agree on.

Pure functions (sizes, merge), so they test without an engine.
"""
from __future__ import annotations

import dataclasses

from limitup.recognise.report import LOW_CONFIDENCE
from limitup.recognise.result import FIELD_NAMES, Recognition

# Recognition crops: small print this tall in the detail image (PP-OCR recognises lines scaled to
# 48 px; below ~20 px strokes of dense CJK merge).
DETAIL_TEXT_PX = 30
# Detection: small print this tall at the detector's input. The DB detector finds lines down to
# about 8-10 px; 16 leaves room for the smallest line being smaller than the lower fifth.
DETAIL_DET_TEXT_PX = 16
# A plain RapidOCR call reads a photo at most 2000 px on its longer side (Global.max_side_len):
# reading larger costs more than the call the product promises to be no worse than.
DETAIL_MAX_SIDE = 2000
DETAIL_MIN_DET_SIDE = 736     # never detect coarser than the fast path did
FAST_DET_SIDE = 736
# The colour-only reading is detected finer than the fast pass: the print it is for was unseen in
# the red channel, so the fast pass's line heights do not say how small it is. Measured on the
# nine real Duolingo certificates of the sets up to holdout7 that print an ID in an orange link
# (about 17 px tall on a 1600 px page): in luminance the link is found on 8 of 9 at 736, 1024 and
# 1100 px, on all 9 at 900, 960 and 1200 (each of the others misses a different one); in the
# darkest channel on 7-9 of them.
COLOUR_DET_SIDE = 960
# The fast pass already saw the page in enough detail when its small print was at least this
# tall at its detector and at recognition: a second reading at full detail would read the same
# text, and the fields it left missing are a matter of the layout rules, not of OCR.
FEW_LINES_TO_MEASURE = 12    # under this many lines the page's rows of ink are measured too
ENOUGH_DET_TEXT_PX = 14
ENOUGH_REC_TEXT_PX = 22


def printed_line_height(grey) -> float | None:
    """The height of the page's small print measured from the image itself, for when the fast
    pass found too few lines to say (print too small for its detector): in each of a few
    vertical strips, the runs of rows that hold dark ink are text lines; their median height
    (paper texture and hatching make short runs too: used only when the boxes say nothing).
    grey = the page as OCR read it (PIL, any mode)."""
    import numpy as np
    page = np.asarray(grey.convert("L"), dtype=np.uint8)
    if page.size == 0:
        return None
    ink = page < min(160, int(np.percentile(page, 50)) - 40)
    heights = []
    strips = 6
    for column in np.array_split(ink, strips, axis=1):
        rows = column.mean(axis=1) > 0.01
        run = 0
        for has_ink in np.append(rows, False):
            if has_ink:
                run += 1
            elif run:
                if 3 <= run <= page.shape[0] // 8:
                    heights.append(run)
                run = 0
    if len(heights) < 5:
        return None
    heights.sort()
    return float(heights[len(heights) // 2])


def small_text_height(boxes) -> float | None:
    """The height of the page's small print in the boxes' pixels: the lower fifth of the line
    heights of the horizontal boxes (a box at least twice as wide as tall: a one-character box or
    a vertical one says little)."""
    heights = sorted(b.box.height for b in boxes
                     if b.box.height > 0 and b.box.width >= 2 * b.box.height)
    if len(heights) < 3:
        return None
    return float(heights[max(0, round(0.2 * (len(heights) - 1)))])


@dataclasses.dataclass(frozen=True)
class DetailPlan:
    side: int         # the detail image's longer side
    det_side: int     # the detector's longer side
    # The page as the fast pass read it, in colour: no more detail to gain, only the print the
    # red channel washed out.
    colour_only: bool = False


def plan(boxes, page_long: int, source_long: int, fast_det_side: int = FAST_DET_SIDE,
         printed=None, unseen: bool = False) -> DetailPlan:
    """How to read the page again: at full detail, or in colour only (colour_only) when the fast
    pass already saw its small print large enough (or nothing says how large it is). boxes = the
    fast pass's, on a page whose longer side is page_long px, cut from a source (the upright
    photo, or its zoomed crop) whose longer side is source_long px; printed() =
    printed_line_height of the page, asked when the fast pass found too few lines, or when a key
    field was not found at all (unseen): the lines found say how small the print they are is,
    not the print of a value no line was found for."""
    colour_only = DetailPlan(page_long, min(page_long, max(fast_det_side, COLOUR_DET_SIDE)),
                             colour_only=True)
    small = small_text_height(boxes)
    if printed is not None and (small is None or len(boxes) < FEW_LINES_TO_MEASURE or unseen):
        # Few lines found: their heights may be the headings' only, the small print unseen
        # by the detector; the rows of ink say how small the print is. So with a key value
        # unseen: a Vietnamese IELTS form's number and band (holdout28a), in print smaller
        # than the 56 lines the fast pass found, were read only at full detail.
        inked = printed()
        small = min(small, inked) if small and inked else (small or inked)
    if not small:
        return colour_only
    at_detector = small * min(1.0, fast_det_side / page_long)
    if at_detector >= ENOUGH_DET_TEXT_PX and small >= ENOUGH_REC_TEXT_PX:
        return colour_only
    on_source = small * source_long / page_long
    side = source_long * DETAIL_TEXT_PX / on_source
    # Never smaller than the page already read, never larger than the source: an upscaled small
    # scan holds no detail it had not (measured on the real sets: re-reads of 256-708 px scans
    # at twice their size fixed no field and cost 0.14 of a plain call's time on the dev set).
    side = int(min(DETAIL_MAX_SIDE, source_long, max(side, page_long)))
    det_side = side * DETAIL_DET_TEXT_PX / (on_source * side / source_long)
    det_side = int(min(side, max(DETAIL_MIN_DET_SIDE, det_side)))
    if side <= 1.1 * page_long and det_side <= 1.25 * fast_det_side:
        return colour_only   # hardly more detail than the fast pass had
    return DetailPlan(side, det_side)


def doubts(recognition: Recognition) -> set[str]:
    """The fields the recognition is unsure of: low_confidence's fields, an invalid number."""
    doubted = set()
    for check in recognition.checks:
        if check.get("code") == "low_confidence":
            doubted.update(check.get("fields") or ())
        elif check.get("code") == "number_format_invalid":
            doubted.add("cert_number")
    return doubted


def wanted(recognition: Recognition, key_fields) -> list[str]:
    """The key fields the fast reading left missing or in doubt (what a second reading is for)."""
    doubted = doubts(recognition)
    return [name for name in key_fields
            if recognition.fields.get(name) is None or name in doubted]


def colour_can_settle(recognition: Recognition, wanted_fields, specs: dict) -> bool:
    """Whether a colour-only reading could change any of `wanted_fields`: it fills a field the
    first reading left missing, or replaces a doubted value with one printed where the first saw
    no text (merge). A name the first reading read, in doubt for its shape (a romanised name
    that is not pinyin, as on most IELTS, TOEFL and Duolingo documents), is neither: the colour
    reading sees the same pixels at the same place. On holdout6b such names alone sent 11 of 19
    catalogue documents to a colour reading of 0.4-1.7 s each (measured under load). specs =
    the type's FieldSpecs by name."""
    from limitup.recognise.extract import NAME_KINDS
    return any(recognition.fields.get(name) is None or specs[name].kind not in NAME_KINDS
               for name in wanted_fields)


def merge(first: Recognition, second: Recognition | None, only: set | None = None,
          same_pixels: bool = False, read_before=()) -> tuple[Recognition, list[str]]:
    """(merged, fields taken or confirmed by the second reading). Field by field: a value the
    first reading is sure of stays; where it is missing or in doubt, the second reading's value
    is taken when the second is sure of it; a value both readings agree on stays and is no
    longer in doubt. `only`: the fields the second reading may change (every one when None): a
    reading made for some key fields fills only those (a wrong date, not asked for, came in
    from a seal-covered page). A second reading of the same pixels in another light
    (same_pixels: the colour-only view, the smoothed one) is no second witness. Two
    readings of the same pixels agreeing settle nothing (a name in doubt for its shape), and one
    that reads a doubted value otherwise, where the first read text, is no better than the first
    (seal ink darker in it: a right CET number in doubt was replaced by a wrong one); a sure value
    where the first saw no text replaces a doubted one (an IELTS band on a watermark). A value it
    fills is sure only where the first reading saw no text at all (read_before: the first
    reading's boxes): print the red channel washed out has one witness; where the first read
    something there and made no value of it, the two views disagree, and the value stays in
    doubt (a seal-covered number one digit off, otherwise reported as sure). A second reading
    of another type says nothing about this one's fields."""
    if second is None or second.type is None or second.type != first.type:
        return first, []
    first_doubts, second_doubts = doubts(first), doubts(second)
    merged = dataclasses.replace(first, fields=dict(first.fields),
                                 field_confidence=dict(first.field_confidence),
                                 field_boxes=dict(first.field_boxes), extras=dict(first.extras),
                                 checks=[dict(check) for check in first.checks])
    settled, taken_number = [], False
    for name in FIELD_NAMES:
        mine, theirs = first.fields.get(name), second.fields.get(name)
        if theirs is None or (mine is not None and name not in first_doubts) or (
                only is not None and name not in only):
            continue
        # The page's arithmetic is a witness of its own (a red CET total that the sections sum
        # to, its box overlapping the label the first reading read: holdout16a).
        unwitnessed = same_pixels and name not in second.vouched and _read_there(
            second.field_boxes.get(name), read_before)
        if same_pixels and mine is not None and (unwitnessed or name in second_doubts):
            # A value in doubt is replaced only by a sure one printed where the first reading
            # saw no text (an IELTS band on a watermark, 7.0 in colour, re-read 2.0 at 0.66).
            continue
        if name not in second_doubts and not unwitnessed:
            merged.fields[name] = theirs
            merged.field_confidence[name] = second.field_confidence.get(name, 0.0)
            if name in second.field_boxes:
                merged.field_boxes[name] = second.field_boxes[name]
            settled.append(name)
            taken_number |= name == "cert_number"
        elif mine is not None and _same(mine, theirs):
            merged.field_confidence[name] = max(first.field_confidence.get(name, 0.0),
                                                second.field_confidence.get(name, 0.0))
            settled.append(name)
        elif mine is None:
            # Better a value shown in doubt (a reviewer sees it) than none; it stays in doubt.
            merged.fields[name] = theirs
            merged.field_confidence[name] = second.field_confidence.get(name, 0.0)
            if name in second.field_boxes:
                merged.field_boxes[name] = second.field_boxes[name]
            taken_number |= name == "cert_number"
    for name, value in second.extras.items():
        merged.extras.setdefault(name, value)
    if "id_number" not in merged.field_boxes and "id_number" in second.field_boxes:
        merged.field_boxes["id_number"] = second.field_boxes["id_number"]
    merged.checks = _checks(first, second, settled, taken_number)
    merged.confidence = max(first.confidence, second.confidence)
    return merged, settled


def _read_there(text_box, read_before) -> bool:
    """Whether a box of the first reading covers a third or more of `text_box` (a TextBox)."""
    return text_box is not None and text_box.box.covered_by([b.box for b in read_before], 1 / 3)


def _same(a, b) -> bool:
    return str(a).replace(" ", "").casefold() == str(b).replace(" ", "").casefold()


def _checks(first: Recognition, second: Recognition, settled: list[str],
            taken_number: bool) -> list:
    """The merged reading's checks: the number's check from the reading its number came from,
    low_confidence without the fields the second reading settled."""
    number_codes = ("number_format_ok", "number_format_invalid")
    source = second if taken_number else first
    checks = [dict(check) for check in source.checks if check.get("code") in number_codes]
    for check in first.checks:
        code = check.get("code")
        if code in number_codes:
            continue
        if code == "low_confidence":
            left = [name for name in check.get("fields") or () if name not in settled]
            if check.get("fields") and not left and max(first.confidence,
                                                          second.confidence) >= LOW_CONFIDENCE:
                continue
            checks.append({**check, "fields": left})
        else:
            checks.append(dict(check))
    return checks
