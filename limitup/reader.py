"""Image in, Recognition out: preprocess -> OCR (page turned upright) -> recognise (+ re-reads).

Every stage is timed (milliseconds): preprocess, ocr, recognise (without its re-reads), reread,
detail (the full-detail second reading, limitup/ocr/detail.py), total. `read_image` is what the queue worker, `limitup scan`, `eval` and `bench` all call, so
the figures in docs/benchmarks.md are the product's own path.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from PIL import Image, ImageFilter

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.ocr.orientation import turn_by_osd
from limitup.ocr.deskew import Deskew, page_box
from limitup.ocr.zoom import Zoom, text_region
from limitup.preprocess import (OCR_MAX_SIDE, UnreadableImage, check_size, luminance,
                                exif_upright, limit_size, open_image, remove_seal, rotate,
                                suppress_red)
from limitup.recognise.result import NEAR_TYPE_EXTRA, Recognition
from limitup.redact import ID_BOXES_EXTRA, id_text_boxes

EXIF_ORIENTATION = 0x0112    # tag values 2-8 ask for a flip or turn; exif_upright applies them
REREAD_TEXT_HEIGHT = 64      # a re-read line is scaled so its text is about this many px tall
REREAD_MAX_SCALE = 4.0
REREAD_MARGIN = 0.35         # of the region's height, added on every side


@dataclass(frozen=True)
class ReadOptions:
    """Which preprocessing steps run (bench switches them one by one)."""
    red: bool = True              # red channel as grey (seal suppression)
    orient: bool = True           # detect 90/180/270 turns
    max_side: int = OCR_MAX_SIDE  # scale normalisation; 0 = keep the photo's size
    reread: bool = True           # let recognise() re-read fields that fail their checks
    zoom: bool = True             # read a crop of the photo when the text fills a small part
    deskew: bool = True           # level a tilted page's boxes before recognition
    # A second, stronger pass when the number stays uncertain. Off by default: measured on the
    # hard holdout tier it fixed as many numbers as it spoiled, for 40 % more time there.
    cascade: bool = False
    # Read the page again at full detail (limitup/ocr/detail.py) when a key field is missing or
    # fails its validator and the fast pass saw the small print too small.
    detail: bool = True


# The stronger pass of the cascade: detection at a larger side finds small or damaged text the
# fast pass missed (measured in docs/benchmarks.md); Tesseract escalates to RapidOCR.
STRONGER_ENGINE = {"rapidocr": "rapidocr@1280", "tesseract": "rapidocr"}


class _Clock:
    def __init__(self):
        self.timings: dict[str, float] = {}

    def add(self, stage: str, started: float) -> None:
        self.timings[stage] = self.timings.get(stage, 0.0) + (time.perf_counter() - started) * 1000


class PreparedPage(NamedTuple):
    photo: Image.Image    # upright RGB at full resolution (the zoom step crops from it)
    colour: Image.Image   # the photo scaled to at most options.max_side
    grey: Image.Image     # what OCR reads: colour with red seal ink suppressed (options.red)
    scale: float          # colour's size / photo's size


def prepare_page(image: Image.Image, options: ReadOptions = ReadOptions()) -> PreparedPage:
    """Everything read_image does to a photo before OCR. The golden-file tool calls it too, so
    golden boxes come from the very image the product reads. UnreadableImage when too small."""
    # Callers mostly pass a photo already upright and RGB (ingest, open_image): use it as it is
    # rather than copy it at full size again (nothing below changes an image in place).
    upright = image.mode == "RGB" and image.getexif().get(EXIF_ORIENTATION, 1) not in range(2, 9)
    photo = image if upright else exif_upright(image)
    check_size(photo)
    return PreparedPage(photo, *_scaled_views(photo, options))


def _scaled_views(photo: Image.Image, options: ReadOptions):
    """(colour, grey, scale): the photo at most options.max_side, and what OCR reads of it."""
    colour, scale = limit_size(photo, options.max_side) if options.max_side else (photo, 1.0)
    return colour, (suppress_red(colour) if options.red else colour), scale


def read_image(image: Image.Image, engine, catalogue, today: date | None = None,
               options: ReadOptions = ReadOptions()) -> tuple[Recognition, dict]:
    """(Recognition, timings_ms) for one photo. Field boxes are in the coordinates of the
    prepared image: extras["ocr_page"] says how it was turned and scaled from the photo."""
    clock, started = _Clock(), time.perf_counter()
    step = time.perf_counter()
    photo, colour, grey, scale = prepare_page(image, options)
    clock.add("preprocess", step)

    step = time.perf_counter()
    page_size = grey.size
    zoom = None
    detection = engine.detect(grey) if options.zoom and hasattr(engine, "detect") else None
    region = text_region(detection.line_boxes(), page_size) if detection else None
    if region:
        zoom, colour, grey = _zoom_in(photo, scale, region, page_size, options)
        detection = None
    boxes, turn = _ocr_upright(engine, grey, options.orient, clock, detection)
    if len(boxes) < FEW_LINES and hasattr(engine, "detect"):
        boxes, turn = _ocr_upright(engine, grey, options.orient, clock,
                                   engine.detect(grey, plain_det_side(grey.size)))
    clock.add("ocr", step)
    if turn:
        colour, grey = rotate(colour, turn), rotate(grey, turn)

    recognition = _recognise_timed(boxes, engine, (grey, colour), catalogue, today, options,
                                   clock)
    read_boxes = list(boxes)
    if options.detail and hasattr(engine, "read_detailed"):
        source = photo if zoom is None else photo.crop(
            tuple(zoom.region.unscaled(scale).snapped(round, round)))
        recognition = _full_detail(recognition, boxes, rotate(source, turn), engine,
                                   (grey, colour), catalogue, today, options, clock)
    if options.reread and hasattr(engine, "read"):
        recognition = _unread_values(recognition, boxes, engine, (grey, colour), catalogue,
                                     today, options, clock)
    stronger = STRONGER_ENGINE.get(engine.name) if options.cascade else None
    # Only a doubtful number is worth a second pass: measured, it rarely fixes a name (names
    # fail on seal-covered strokes, which a larger detection side does not help).
    if stronger and "cert_number" in (_uncertain(recognition) or []):
        from limitup.ocr import get_engine
        step = time.perf_counter()
        second_engine = get_engine(stronger)
        second_boxes, _ = _ocr_upright(second_engine, grey, False, clock)
        read_boxes += second_boxes
        second = _recognise_timed(second_boxes, second_engine, (grey, colour), catalogue, today,
                                  options, clock)
        if _better(second, recognition):
            recognition = second
        clock.add("cascade", step)
    # Every box showing an ID number, whatever the document: the pipeline fills them on the
    # stored photo (limitup/redact.py). From the boxes already read: no OCR pass of its own.
    id_boxes = id_text_boxes(read_boxes, not_ids=[(recognition.fields or {}).get("cert_number")])
    if zoom:
        def to_page(box: TextBox) -> TextBox:
            return replace(box, box=zoom.to_page(box.box, turn, grey.size))
        recognition.field_boxes = {name: to_page(box) if box is not None else None
                                   for name, box in recognition.field_boxes.items()}
        id_boxes = [to_page(box) for box in id_boxes]
        recognition.extras["zoom"] = {"region": zoom.region.to_json(),
                                      "factor": round(zoom.factor, 3)}
    recognition.extras[ID_BOXES_EXTRA] = [box.box.to_json() for box in id_boxes]
    turned_page = page_size if turn in (0, 180) else page_size[::-1]
    recognition.extras["ocr_page"] = {"engine": engine.name, "turn": turn, "scale": scale,
                                      "size": list(turned_page)}
    clock.add("total", started)
    return recognition, {stage: round(ms) for stage, ms in clock.timings.items()}


# A page the fast pass finds (almost) no text on is detected again as a plain call would: a
# real scholarship certificate under a dense diagonal watermark gave no line at 736 px (the
# watermark reads as texture at that size) and 91 lines at 1600; a 648 px scan of it two.
FEW_LINES = 4
PLAIN_DET_SHORT_SIDE = 736    # RapidOCR's default: the shorter side scaled up to at least this
PLAIN_DET_MAX_SIDE = 2000     # ... and the longer side at most this (Global.max_side_len)


def plain_det_side(size) -> int:
    """The longer side a plain RapidOCR call detects an image of `size` at."""
    long_side, short_side = max(size), max(1, min(size))
    return int(min(PLAIN_DET_MAX_SIDE, max(long_side, long_side * PLAIN_DET_SHORT_SIDE / short_side)))


def _recognise_timed(boxes, engine, images, catalogue, today, options, clock,
                     unread: bool = False) -> Recognition:
    """recognise() on the boxes, levelled first when the page is tilted (limitup/ocr/deskew.py);
    the field boxes it reports are the engine's own, on the page as it is. unread: key values
    nothing was read of are read beside their labels in the smoothed view (_unread_values)."""
    deskew = Deskew.of(boxes, images[0].size) if options.deskew else None
    reread = _Rereader(engine, *images, clock, deskew=deskew) if options.reread else None
    smoothed = (_Rereader(engine, *images, clock, views=("smooth",), deskew=deskew)
                if unread else None)
    before = clock.timings.get("reread", 0.0)
    step = time.perf_counter()
    recognition = _recognise(deskew.level_all(boxes) if deskew else boxes, catalogue,
                             reread=reread, unread=smoothed, today=today)
    clock.add("recognise", step)
    clock.timings["recognise"] -= clock.timings.get("reread", 0.0) - before
    if deskew:
        # Each levelled box carries the page box it was turned from (re-read ones too).
        recognition.field_boxes = {name: page_box(box)
                                   for name, box in recognition.field_boxes.items()}
        recognition.extras["tilt_degrees"] = round(deskew.tilt, 1)
    return recognition


def _full_detail(recognition: Recognition, boxes, source: Image.Image, engine, images, catalogue,
                 today, options, clock) -> Recognition:
    """The fast reading, merged with a second reading of `source` (the upright photo, or the
    zoomed crop of it, that the page was scaled from) at full detail, when the fast reading left
    a key field of its type missing or in doubt. A page of no type is not read again (a
    look-alike costs what it did, and a second reading of it would only risk typing it), unless
    it names one type in that type's own words and lacked only its key fields (NEAR_TYPE_EXTRA):
    the second reading is then recognised from scratch, every rule applying again.

    When that second reading was of colour only and a key value is still unread, the page's
    rows of ink say how small its print is (detail.plan's `unseen`): the lines the fast pass
    found are the larger print, and a value no line was found for may be smaller (a Vietnamese
    IELTS form's number, holdout28a). The photo is then read at full detail too. Colour first:
    it is the cheaper reading, and it alone reads print the red channel washed out (a Duolingo
    score in orange, lost at full detail in colour)."""
    from limitup.ocr import detail
    grey = images[0]
    ink = functools.cache(lambda: detail.printed_line_height(grey))
    sizes = (boxes, max(grey.size), max(source.size))
    first = detail.plan(*sizes, printed=ink)
    read = _second_reading(recognition, first, boxes, source, engine, images, catalogue, today,
                           options, clock)
    cert = catalogue.get(read.type)
    if not first.colour_only or cert is None or all(
            read.fields.get(name) is not None for name, spec in cert.fields.items() if spec.key):
        return read
    finer = detail.plan(*sizes, printed=ink, unseen=True)
    if finer.colour_only:
        return read
    colour_read = read.extras.get("full_detail")
    read = _second_reading(read, finer, boxes, source, engine, images, catalogue, today,
                           options, clock, key_only=True)
    if colour_read and read.extras.get("full_detail") is not colour_read:
        read.extras["full_detail"]["before"] = colour_read
    return read


def _second_reading(recognition: Recognition, plan, boxes, source: Image.Image, engine, images,
                    catalogue, today, options, clock, key_only: bool = False) -> Recognition:
    """`recognition` merged with one second reading, as `plan` (detail.DetailPlan) says;
    key_only: of its fields, only the key ones left missing or in doubt (a reading made for an
    unread key value: on a blurred generated photo it also read a wrong date, as sure)."""
    from limitup.ocr import detail
    near = recognition.extras.get(NEAR_TYPE_EXTRA)      # set on untyped readings only
    cert = catalogue.get(recognition.type or near)
    if cert is None:
        return recognition
    wanted = detail.wanted(recognition, [name for name, spec in cert.fields.items() if spec.key])
    if not wanted:
        return recognition
    grey, colour = images
    if plan.colour_only and not detail.colour_can_settle(recognition, wanted, cert.fields):
        return recognition
    step = time.perf_counter()
    if plan.colour_only:
        if colour is None or colour.size != grey.size:
            return recognition
        read = _unseen_lines(engine, luminance(colour), plan.det_side, boxes)
        if read is None:
            clock.add("detail", step)
            return recognition
        read = list(boxes) + read
    else:
        factor = plan.side / max(source.size)
        view = source if abs(factor - 1) < 0.02 else source.resize(
            (max(1, round(source.width * factor)), max(1, round(source.height * factor))),
            Image.Resampling.LANCZOS if factor > 1 else Image.Resampling.BILINEAR)
        to_page = view.width / grey.width
        read = [_detail_box_on_page(box, to_page)
                for box in engine.read_detailed(view, plan.det_side)]
    clock.add("detail", step)
    # No targeted re-reads of the second reading: the first already made them, of the same
    # fields (they cost as much as the second reading itself on the real sets).
    second = _recognise_timed(read, engine, images, catalogue, today,
                              replace(options, reread=False), clock)
    if near:
        merged, settled = _typed_on_second_reading(recognition, second, near)
    else:
        merged, settled = detail.merge(
            recognition, second, only=set(wanted) if plan.colour_only or key_only else None,
            same_pixels=plan.colour_only, read_before=boxes)
    merged.extras["full_detail"] = {"side": plan.side, "det_side": plan.det_side,
                                    "colour_only": plan.colour_only, "settled": settled}
    return merged


def _unread_values(recognition: Recognition, boxes, engine, images, catalogue, today,
                   options, clock) -> Recognition:
    """The last resort for a key score no reading found (a band in the dithered grey box of a
    scanned IELTS form, holdout23b): the page's boxes recognised once more, the strip beside the
    score's label read in the smoothed view (recognise's `unread`), and that value alone taken,
    in doubt. Last, because asked in the first reading its doubted value stood in the way of
    the full-detail reading's sure one (three real bands lost that way)."""
    from limitup.ocr import detail
    from limitup.recognise import SMOOTHED_KINDS
    cert = catalogue.get(recognition.type)
    missing = [name for name, spec in (cert.fields.items() if cert else ())
               if spec.key and spec.kind in SMOOTHED_KINDS
               and recognition.fields.get(name) is None]
    if not missing:
        return recognition
    last = _recognise_timed(boxes, engine, images, catalogue, today,
                            replace(options, reread=False), clock, unread=True)
    # The smoothed view is the page's own pixels in another light, as the colour view is: its
    # reading fills only the missing scores, and its values come doubted, so stay in doubt.
    return detail.merge(recognition, last, only=set(missing), same_pixels=True,
                        read_before=boxes)[0]


def _typed_on_second_reading(first: Recognition, second: Recognition, near: str):
    """(result, settled fields) for an untyped page read again: the second reading when it gives
    the type the first came near to, else the first. The first holds no value to merge."""
    if second.type != near:
        return first, []
    return second, [name for name, value in second.fields.items() if value is not None]


# A line of the colour view is read already when one box of the first reading covers this
# much of it; a line that runs on past what the first read (a 普通话 number of which the red
# digits were lost: 132023010000123 read 023010000) is read again whole.
SEEN_SHARE = 0.8


def _unseen_lines(engine, view: Image.Image, det_side: int, seen) -> list[TextBox] | None:
    """The lines of `view` (the page in another light) that the first reading's boxes do not
    cover, recognised; None when there are none. Only those are recognised: the others were
    read already, and recognising a dense page's lines twice cost as much as the first pass."""
    detection = engine.detect(view, det_side)
    seen_boxes = [box.box for box in seen]
    fresh = [index for index, line in enumerate(detection.line_boxes())
             if not line.covered_by(seen_boxes, SEEN_SHARE)]
    if not fresh:
        return None
    return engine.read_page(view, orient=False, detection=detection.only(fresh))[0]


def _detail_box_on_page(box: TextBox, factor: float) -> TextBox:
    """A box read on the detail view, `factor` times the page's size, on the page."""
    return replace(box, box=box.box.unscaled(factor).snapped(int, round))


def _uncertain(recognition: Recognition) -> list | None:
    """The key fields recognition is unsure of, or None when all is well (or no type: a
    document outside the catalogue is not worth a second pass)."""
    if recognition.type is None:
        return None
    doubts = set()
    for check in recognition.checks:
        if check.get("code") == "low_confidence":
            doubts.update(check.get("fields") or ["type"])
        elif check.get("code") == "number_format_invalid":
            doubts.add("cert_number")
    return sorted(doubts) or None


def _better(second: Recognition, first: Recognition) -> bool:
    if second.type is None:
        return False
    if first.type is not None and second.type != first.type:
        return False        # the passes disagree on the type: keep the first, which was checked
    return len(_uncertain(second) or []) < len(_uncertain(first) or [])


def _recognise(boxes, catalogue, *, reread, today, unread=None):
    from limitup.recognise import recognise
    return recognise(boxes, catalogue, reread=reread, unread=unread, today=today)


def _zoom_in(photo: Image.Image, scale: float, region: Box, page_size, options: ReadOptions):
    """(Zoom, colour, grey) of the page's `region` cut from the full-resolution photo, scaled as
    a page is (at most options.max_side), so its text is larger than on the page."""
    crop = photo.crop(tuple(region.unscaled(scale).snapped(round, round)))
    colour, grey, _ = _scaled_views(crop, options)
    return Zoom(region, colour.width / region.width, tuple(page_size)), colour, grey


def _ocr_upright(engine, image: Image.Image, orient: bool, clock: _Clock, detection=None):
    """Boxes of the upright page and the counter-clockwise turn applied to get there."""
    if hasattr(engine, "read_page"):
        # RapidOCR judges the turn from its own pass and hands back upright boxes.
        return engine.read_page(image, orient=orient, detection=detection)
    turn = 0
    if orient and hasattr(engine, "orientation"):
        step = time.perf_counter()
        turn = turn_by_osd(image, engine)
        clock.add("orient", step)
    return engine.read(rotate(image, turn)), turn


# The readings of a re-read crop (measured in docs/benchmarks.md, "Third pass"): "grey" = the
# page's engine on the red-channel crop (the first re-read), "deseal" = the same engine on the
# colour crop with seal-red pixels painted paper-coloured (a different image of the strokes under
# a seal). recognise() picks among the boxes of both with the field's validators, so a reading
# wins only where it gives a valid, plausible value. Either alone measured worse than both.
REREAD_VIEWS = ("grey", "deseal")


class _Rereader:
    """recognise()'s `reread(region, hint)` (region: a Box): crop that region of the prepared
    image (with a margin), scale it up so its text is large, OCR the crop again (in each of
    REREAD_VIEWS) and hand back boxes in the full image's coordinates."""

    def __init__(self, engine, image: Image.Image, colour: Image.Image | None, clock: _Clock,
                 views: tuple = REREAD_VIEWS, deskew: Deskew | None = None):
        self.engine, self.image, self.colour, self.clock = engine, image, colour, clock
        self.views = views
        self.deskew = deskew     # a tilted page: regions come levelled, boxes go back so

    def __call__(self, region: Box, hint: str = "") -> list[TextBox]:
        step = time.perf_counter()
        try:
            if self.deskew is None:
                return self._read(region)
            return self.deskew.level_all(self._read(self.deskew.region_on_page(region)))
        finally:
            self.clock.add("reread", step)

    def _read(self, region: Box) -> list[TextBox]:
        x0, y0, x1, y1 = (int(v) for v in region)
        margin = max(6, int((y1 - y0) * REREAD_MARGIN))
        left, top = max(0, x0 - margin), max(0, y0 - margin)
        right, bottom = min(self.image.width, x1 + margin), min(self.image.height, y1 + margin)
        if right - left < 4 or bottom - top < 4:
            return []
        factor = min(REREAD_MAX_SCALE, max(1.0, REREAD_TEXT_HEIGHT / max(1, y1 - y0)))
        boxes = []
        for view in self.views:
            crop = self._view(view, (left, top, right, bottom))
            if crop is None:
                continue
            if factor > 1.0:
                crop = crop.resize((round(crop.width * factor), round(crop.height * factor)),
                                   Image.Resampling.LANCZOS)
            if view == "smooth":
                crop = crop.filter(ImageFilter.GaussianBlur(SMOOTH_RADIUS * factor))
            # On the image: whole pixels of the unpadded crop (towards zero), placed at the
            # crop's corner. The rectangle alone: levelled, a re-read box turns as a rectangle
            # (what the figures in docs/benchmarks.md were measured with), not as its outline.
            boxes += [replace(b, box=b.box.shifted(-_PAD, -_PAD).unscaled(factor)
                              .snapped(int, int).shifted(left, top).rectangle())
                      for b in self.engine.read(_padded(crop))]
        return boxes

    def _view(self, view: str, bounds) -> Image.Image | None:
        if view in ("grey", "smooth"):
            return self.image.crop(bounds)        # "smooth": blurred once scaled (_read)
        if self.colour is None or self.colour.size != self.image.size:
            return None
        return remove_seal(self.colour.crop(bounds))


_PAD = 16
# The smoothed view's blur, in the page's pixels: a halftone's dots (about 2 px apart on a
# 150-dpi scan) merge into grey while 20-px print keeps its strokes. Measured on holdout23b's
# dithered band box: 1.0 read it, 1.5 and 2.0 lost it.
SMOOTH_RADIUS = 1.0


def _padded(crop: Image.Image) -> Image.Image:
    """A border of the crop's edge colour: detectors miss text that touches the image edge."""
    canvas = Image.new("RGB", (crop.width + 2 * _PAD, crop.height + 2 * _PAD),
                       crop.getpixel((0, 0)))
    canvas.paste(crop.convert("RGB"), (_PAD, _PAD))
    return canvas


def scan_file(path: str, engine, catalogue, today: date | None = None,
              options: ReadOptions = ReadOptions()) -> dict:
    """The SPEC 2 JSON line for one file (an `error` line when the file is unreadable)."""
    started = time.perf_counter()
    try:
        image = open_image(path)
    except UnreadableImage as error:
        return {"file": str(path), "error": error.code, "message": str(error)}
    opened_ms = (time.perf_counter() - started) * 1000
    recognition, timings = read_image(image, engine, catalogue, today=today, options=options)
    timings["open"] = round(opened_ms)
    timings["total"] = round((time.perf_counter() - started) * 1000)
    line = {"file": str(path)}
    line.update(recognition.as_json())
    line["timings_ms"] = timings
    return line
