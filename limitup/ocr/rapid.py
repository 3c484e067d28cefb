"""RapidOCR (PP-OCR models on onnxruntime, shipped inside the rapidocr wheel).

`RapidOcrEngine(tuned=False)` is RapidOCR as it comes (the baseline every benchmark compares
against). The tuned engine differs where measurement showed it pays (docs/benchmarks.md):
detection runs on the image scaled so its LONGER side is at most `det_side` pixels (the
default scales the SHORTER side up to 736, i.e. near full resolution for a phone photo, which is
where most of the time went), and internal threads are capped (one worker process per core).
"""
from __future__ import annotations

import dataclasses
import math
import os
import threading
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.ocr.deskew import MAX_TILT_DEGREES
from limitup.ocr.tesseract import sort_reading_order
from limitup.settings import from_environ

DEFAULT_DET_SIDE = 736


def ocr_threads() -> int:
    """Threads one engine may use: LIMITUP_OCR_THREADS, else OMP_THREAD_LIMIT, else 2 (at most
    the cores). Worker pools running one process per core must set LIMITUP_OCR_THREADS=1:
    measured under load, extra threads per process only contend (docs/benchmarks.md)."""
    configured = from_environ("OCR_THREADS")     # declared (and checked) in limitup/settings.py
    if configured:
        return configured
    value = os.environ.get("OMP_THREAD_LIMIT", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(2, os.cpu_count() or 1))


def ocr_runtime() -> str:
    """What runs the recognition model (LIMITUP_OCR_RUNTIME): "openvino" or "onnxruntime"."""
    return from_environ("OCR_RUNTIME")


def _params(tuned: bool, det_side: int, threads: int, runtime: str = "onnxruntime") -> dict:
    params = {"Global.log_level": "error"}
    if runtime == "openvino":
        from rapidocr import EngineType
        # The same ONNX file of the wheel, compiled by OpenVINO. On a CPU with bfloat16
        # (avx512_bf16, AMX) its CPU plugin computes in bfloat16 unless told otherwise: that is
        # where the speed comes from (measured: docs/benchmarks.md); elsewhere it runs float32.
        # Recognition only, where the time goes (45 of 58 s on a real set): detection in
        # bfloat16 moved line boxes by a few pixels, enough to lose a name under a watermark
        # and split a Duolingo score from its scale.
        params["Rec.engine_type"] = EngineType.OPENVINO
        params["EngineConfig.openvino.inference_num_threads"] = threads
    if tuned:   # the plain engine keeps every default, threads included: it is the baseline
        params.update({
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.limit_type": "max",
            "Det.limit_side_len": det_side,
            # rec_batch_num stays at 6: crops in a batch are padded to the widest, and larger
            # batches measured slower (more padding) on certificate lines.
        })
    return params


class RapidOcrEngine:
    def __init__(self, name: str = "rapidocr", tuned: bool = True,
                 det_side: int = DEFAULT_DET_SIDE, threads: int | None = None,
                 use_cls: bool = True, runtime: str = "onnxruntime"):
        from rapidocr import RapidOCR
        self.name = name
        self.tuned = tuned
        self.det_side = det_side
        self.use_cls = use_cls
        self.runtime = runtime
        self._ocr = RapidOCR(params=_params(tuned, det_side, threads or ocr_threads(), runtime))
        self._lock = threading.Lock()
        # Load the three models now, so a process pays for them once, at start, not in the
        # first photo's timings.
        self._ocr._load_det_model(), self._ocr._load_cls_model(), self._ocr._load_rec_model()

    def read(self, image: Image.Image) -> list[TextBox]:
        """Boxes of the image as it is (no turn applied). The untuned engine makes one RapidOCR
        call as it comes (its classifier turning each line as it judges, nothing read twice):
        the baseline every benchmark compares against."""
        if not self.tuned:
            with self._lock:
                return sort_reading_order(_boxes(self._ocr(image)))
        return self.read_page(image, orient=False)[0]

    def detect(self, image: Image.Image, det_side: int | None = None) -> "Detection":
        """Text detection alone (no recognition): where the lines are. read_page() takes it back
        so a page the caller keeps costs no second detection. `det_side` = detect on the image
        scaled so its longer side is at most this (instead of the engine's own setting), and
        crop lines from the image as it is, however large (the full-detail re-read)."""
        from rapidocr.main import RapidOCRError
        ocr = self._ocr
        array = _bgr(image)
        with self._lock:
            detector = ocr._load_det_model()
            saved = detector.limit_side_len, detector.limit_type, ocr.max_side_len
            if det_side:
                detector.limit_side_len, detector.limit_type = det_side, "max"
                ocr.max_side_len = max(ocr.max_side_len, *image.size)
            try:
                resized, record = ocr.preprocess_img(array)
                try:
                    crops, det = ocr.detect_and_crop(resized, record)
                except RapidOCRError:   # no text found: run_ocr_steps returns empty results too
                    crops, det = [], None
            finally:
                detector.limit_side_len, detector.limit_type, ocr.max_side_len = saved
        return Detection(image.size, array, record, det, crops)

    def read_detailed(self, image: Image.Image, det_side: int) -> list[TextBox]:
        """Boxes of the image as it is, detected at `det_side` on the longer side and recognised
        from the image at its own size (limitup/reader.py's full-detail re-read)."""
        return self.read_page(image, orient=False, detection=self.detect(image, det_side))[0]

    def read_page(self, image: Image.Image, orient: bool = True,
                  detection: "Detection | None" = None) -> tuple[list[TextBox], int]:
        """(boxes, turn): the counter-clockwise turn (0/90/180/270) that makes the page upright,
        judged from this same pass (mostly tall text boxes mean a quarter turn; the per-line 0/180
        classifier says which way, or that the page is upside down), and the boxes in the
        coordinates of the page turned upright. A turned page costs no second detection: each
        line's crop is turned as the page is before it is recognised.
        `detection` = detect(image) done before, used (once: RapidOCR maps its boxes in place)
        instead of detecting again."""
        from rapidocr.ch_ppocr_cls import TextClsOutput
        from rapidocr.main import RapidOCRError
        ocr = self._ocr
        if detection is None or detection.size != image.size:
            detection = self.detect(image)
        if detection.det is None:
            return [], 0
        array, record, det, crops = detection.array, detection.record, detection.det, detection.crops
        with self._lock:
            turn = 0
            try:    # as run_ocr_steps: a step that finds nothing means no text
                if orient and self.use_cls:
                    # The line classifier's votes say how the page is turned; every line is
                    # then recognised once, turned as the page is. Not as the classifier turns
                    # each line: it turns a single line upside down now and then (a long,
                    # widely spaced line of a real scholarship certificate, read '22' at 0.60
                    # instead of its 27 characters at 0.98), and such lines, recognised again
                    # the page's way, cost a tenth of the recognition time on the real sets.
                    turn = page_turn(det.boxes, lambda lines: self._classified(crops, lines))
                rec = self._recognise_at(turn, det.boxes, crops)
            except RapidOCRError:
                return [], 0
            if not rec.txts:
                return [], 0
            if orient and self.use_cls:
                turn = self._check_the_other_way(turn, det.boxes, rec, crops)
            result = ocr.build_final_output(array, det, TextClsOutput(), rec, crops, record)
        boxes = _boxes(result)
        if turn:
            boxes = [dataclasses.replace(box, box=box.box.turned(turn, image.size))
                     for box in boxes]
        return sort_reading_order(boxes), turn

    def _classified(self, crops, lines: list[int]) -> list:
        """The 0/180 line classifier's (label, score) for the crops numbered `lines`."""
        return self._ocr.cls_and_rotate([crops[i] for i in lines])[1].cls_res

    def _check_the_other_way(self, turn: int, det_boxes, rec, crops) -> int:
        """A page read with little confidence is read once more turned the other way up (the
        0/180 line classifier can be misled by blur: a sideways photo read upside down gave
        2Manaan 4 w9 4 at 0.46); the reading that is clearly more confident wins."""
        first = reading_confidence(rec.txts, rec.scores)
        if first >= DOUBTFUL_PAGE_SCORE:
            return turn
        other = (turn + 180) % 360
        again = self._recognise_at(other, det_boxes, crops)
        if reading_confidence(again.txts, again.scores) < first + OTHER_WAY_MARGIN:
            return turn
        rec.txts, rec.scores, rec.word_results = again.txts, again.scores, again.word_results
        return other

    def _recognise_at(self, turn: int, det_boxes, crops):
        """The line crops recognised, each turned so the page reads as turned `turn`."""
        images = [np.ascontiguousarray(np.rot90(crop, k=((turn - _crop_turn(points)) % 360) // 90))
                  for points, crop in zip(det_boxes, crops)]
        return self._recognise_lines(images)

    def _recognise_lines(self, images):
        """RapidOCR's recognition of line crops with each character's confidence (in its word
        results; the line's score is their mean). txts is None when nothing was read."""
        from rapidocr.ch_ppocr_rec import TextRecInput
        read = self._ocr._load_rec_model()(TextRecInput(img=images, return_word_box=True))
        if read.txts is None:
            read.txts, read.scores, read.word_results = (), (), ()
        return read


# Mean recognition score (weighted by text length) under which a page's turn is checked the
# other way up, and by how much the other reading must beat it. Measured on hard photos
# (docs/benchmarks.md, seventh pass): of 60, the 59 read the right way up scored 0.70-0.99, and
# 0.31-0.69 read the other way; the one read upside down scored 0.46, and 0.83 the other way.
DOUBTFUL_PAGE_SCORE = 0.8
OTHER_WAY_MARGIN = 0.1


def reading_confidence(texts, scores) -> float:
    lengths = [max(1, len(text or "")) for text in texts]
    return sum(length * float(score) for length, score in zip(lengths, scores)) / max(1, sum(lengths))


def _crop_turn(points) -> int:
    """How many degrees counter-clockwise the crop RapidOCR recognises for this line is turned
    from the page. The crop's x axis runs from the quadrilateral's first corner to its second:
    along the page's x mostly, but down a tilted vertical line when the detector orders its
    corners so (hard 445's sideways CET 6 title), and RapidOCR turns a crop a quarter more
    when it is tall."""
    points = np.asarray(points, dtype=np.float64)
    dx, dy = points[1] - points[0]
    along = round(math.degrees(math.atan2(dy, dx)) / 90) * 90 % 360
    width, height = _line_sides(points)
    return (along + (90 if height >= 1.5 * max(width, 1e-6) else 0)) % 360


def _line_sides(points) -> tuple[float, float]:
    """(width, height) of a detected line's quadrilateral as RapidOCR measures its crop: the
    longer of each pair of opposite sides."""
    points = np.asarray(points, dtype=np.float64)
    return (max(np.linalg.norm(points[0] - points[1]), np.linalg.norm(points[2] - points[3])),
            max(np.linalg.norm(points[0] - points[3]), np.linalg.norm(points[1] - points[2])))


@dataclass
class Detection:
    """One detection pass: the image's size, its BGR array, RapidOCR's resize record, the
    detector's output and the line crops (in the detector's own coordinates)."""
    size: tuple[int, int]
    array: np.ndarray
    record: dict
    det: object
    crops: list = field(default_factory=list)

    def line_boxes(self) -> list[Box]:
        """The rectangle of every detected line, in the image's pixels."""
        if self.det is None or self.det.boxes is None or not len(self.det.boxes):
            return []
        from rapidocr.utils.process_img import map_boxes_to_original
        points = map_boxes_to_original(np.array(self.det.boxes, dtype=np.float32), self.record,
                                       self.size[1], self.size[0])
        return [Box(float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()),
                    float(p[:, 1].max())) for p in points]

    def only(self, keep: list[int]) -> "Detection":
        """The same pass with only the lines numbered `keep` (read_page recognises those)."""
        if self.det is None or not keep:
            return Detection(self.size, self.array, self.record, None, [])
        det = dataclasses.replace(self.det, boxes=self.det.boxes[keep],
                                  scores=[self.det.scores[i] for i in keep]
                                  if self.det.scores is not None else None)
        return Detection(self.size, self.array, self.record, det, [self.crops[i] for i in keep])


# How many lines of a dense page the 0/180 classifier judges to say which way up it is. It sees
# each line squeezed into 192×48 pixels, so lines at most SQUEEZED_ASPECT times as long as high
# are judged first, the longest of them (they carry most of the length-weighted vote). Judging
# every line of a dense report (75 a TOEFL report) cost 4 % of its time. Measured on 796 real
# and generated pages (13,290 of their 21,798 lines judged), this turned one page otherwise: a
# dense upright TOEFL scan whose longest lines voted it upside down, read right before only by
# a second recognition of every line (docs/benchmarks-real.md, "Time").
TURN_VOTERS = 24
SQUEEZED_ASPECT = 10


def turn_voters(boxes, most: int = TURN_VOTERS) -> list[int]:
    """Indices of the lines whose classifier votes decide the page's turn (page_turn): the
    elongated lines not running slantwise, along the axis that holds the most text length;
    on a page of more than `most` such lines, the `most` least squeezed (above)."""
    if boxes is None:
        return []
    sides, axes, axis_length = {}, {}, {0: 0.0, 90: 0.0}
    for index, points in enumerate(boxes):
        if _votes(points):
            sides[index], axes[index] = sorted(_line_sides(points)), _crop_turn(points) % 180
            axis_length[axes[index]] += sides[index][1]
    axis = 90 if axis_length[90] > axis_length[0] else 0
    along = [index for index in sides if axes[index] == axis]
    if len(along) > most:
        def squeezed_then_shorter(index):
            short, long = sides[index]
            return long > SQUEEZED_ASPECT * max(short, 1e-6), -long
        along = sorted(along, key=squeezed_then_shorter)[:most]
    return sorted(along)


def _votes(points) -> bool:
    """Whether a line says which way its page's text runs."""
    width, height = _line_sides(points)
    if max(width, height) < 1.5 * max(min(width, height), 1e-6):
        return False    # a square box (one character) does not say which way text runs
    return not _diagonal(points)  # a watermark printed slantwise says nothing of the turn


def page_turn(boxes, classify) -> int:
    """The page's counter-clockwise turn. Its turn_voters give the axis (all run along it) and
    are the only lines classified: `classify(indices)` = the 0/180 classifier's (label, score)
    for those lines. Each says how its crop was turned (_crop_turn) and whether the classifier
    found that crop upside down; their scores, weighted by length, decide which way along the
    axis. No voter: the page as it is."""
    voters = turn_voters(boxes)
    if not voters:
        return 0
    axis = _crop_turn(boxes[voters[0]]) % 180
    votes = {axis: 0.0, axis + 180: 0.0}
    for index, (label, score) in zip(voters, classify(voters)):
        read_as = (_crop_turn(boxes[index]) + (180 if "180" in label else 0)) % 360
        votes[read_as] += max(_line_sides(boxes[index])) * score
    return axis + 180 if votes[axis + 180] > votes[axis] else axis


def _diagonal(points) -> bool:
    """A line running slantwise, as far off both axes as no tilted page's lines run (deskew's
    MAX_TILT_DEGREES): a watermark repeated across a real certificate at about 35°, whose lines
    outnumbered the text and turned the page a quarter."""
    points = np.asarray(points, dtype=np.float64)
    dx, dy = points[1] - points[0]
    off_axis = abs(math.degrees(math.atan2(dy, dx))) % 90
    return MAX_TILT_DEGREES <= off_axis <= 90 - MAX_TILT_DEGREES


def _bgr(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _boxes(result) -> list[TextBox]:
    if result is None or result.boxes is None or result.txts is None:
        return []
    words = list(result.word_results or ())
    boxes = []
    for index, (points, text, score) in enumerate(zip(result.boxes, result.txts, result.scores)):
        if not text or not text.strip():
            continue
        outline = Box.around((float(x), float(y)) for x, y in points)
        boxes.append(TextBox(text.strip(), outline.snapped(int, int), round(float(score), 3),
                             char_scores=_char_scores(text, words[index] if index < len(words)
                                                      else None)))
    return boxes


def _char_scores(text: str, word_info) -> tuple | None:
    """Each character's confidence, for the text as kept (stripped); None when RapidOCR gave
    none or they do not line up with the text."""
    confs = getattr(word_info, "confs", None)
    if not confs or len(confs) != len(text):
        return None
    start = len(text) - len(text.lstrip())
    return tuple(round(float(c), 3) for c in confs[start:start + len(text.strip())])
