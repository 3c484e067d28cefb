"""RapidOCR (PP-OCR models on onnxruntime, shipped inside the rapidocr wheel).

`RapidOcrEngine(tuned=False)` is RapidOCR as it comes (the baseline every benchmark compares
against). The tuned engine differs where measurement showed it pays (docs/benchmarks.md):
detection runs on the image scaled so its LONGER side is at most `det_side` pixels (the
default scales the SHORTER side up to 736, i.e. near full resolution for a phone photo, which is
where most of the time went), and recognition batches more crops per call.
"""
from __future__ import annotations

import os
import threading

import numpy as np
from PIL import Image

from limitup.ocr.base import TextBox
from limitup.ocr.tesseract import sort_reading_order

DEFAULT_DET_SIDE = 736


def ocr_threads() -> int:
    """Threads one engine may use: LIMITUP_OCR_THREADS, else OMP_THREAD_LIMIT, else 1."""
    for variable in ("LIMITUP_OCR_THREADS", "OMP_THREAD_LIMIT"):
        value = os.environ.get(variable, "").strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return 1   # one worker process per core: more threads per process only contend


def _params(tuned: bool, det_side: int, threads: int) -> dict:
    params = {"Global.log_level": "error"}
    if tuned:   # the plain engine keeps every default, threads included: it is the baseline
        params.update({
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.limit_type": "max",
            "Det.limit_side_len": det_side,
            "Rec.rec_batch_num": 16,
            "Cls.cls_batch_num": 16,
        })
    return params


class RapidOcrEngine:
    def __init__(self, name: str = "rapidocr", tuned: bool = True,
                 det_side: int = DEFAULT_DET_SIDE, threads: int | None = None,
                 use_cls: bool = True):
        from rapidocr import RapidOCR
        self.name = name
        self.tuned = tuned
        self.det_side = det_side
        self.use_cls = use_cls
        self._ocr = RapidOCR(params=_params(tuned, det_side, threads or ocr_threads()))
        self._lock = threading.Lock()
        # Load the three models now, so a process pays for them once, at start, not in the
        # first photo's timings.
        self._ocr._load_det_model(), self._ocr._load_cls_model(), self._ocr._load_rec_model()

    def read(self, image: Image.Image) -> list[TextBox]:
        return self.read_page(image)[0]

    def read_page(self, image: Image.Image) -> tuple[list[TextBox], int]:
        """Text boxes, and the counter-clockwise turn that would make the page upright, judged
        from this same pass (no extra model call): mostly tall text boxes mean a quarter turn,
        and the per-line 0/180 classifier says which way (or that the page is upside down)."""
        ocr = self._ocr
        array = _bgr(image)
        with self._lock:
            ocr.update_params(use_cls=self.use_cls)
            resized, record = ocr.preprocess_img(array)
            det, cls, rec, crops = ocr.run_ocr_steps(resized, record)
            turn = page_turn(det.boxes, cls.cls_res) if self.use_cls else 0
            result = ocr.build_final_output(array, det, cls, rec, crops, record)
        return sort_reading_order(_boxes(result)), turn

    def recognise_lines(self, images: list[Image.Image]) -> list[tuple[str, float]]:
        """Recognition only, on crops that each hold one line of text (used for re-reads)."""
        if not images:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput
        with self._lock:
            result = self._ocr._load_rec_model()(TextRecInput(img=[_bgr(im) for im in images]))
        return [(text, float(score)) for text, score in zip(result.txts or (), result.scores or ())]

    def detector(self):
        """The detection model alone (orientation checks run it on a small thumbnail)."""
        return self._ocr._load_det_model()

    def classifier(self):
        """The 0/180 degree text-line classifier."""
        return self._ocr._load_cls_model()


def page_turn(boxes, cls_results) -> int:
    if boxes is None or not cls_results or len(boxes) != len(cls_results):
        return 0
    boxes = np.asarray(boxes, dtype=np.float64)
    widths = np.linalg.norm(boxes[:, 0] - boxes[:, 1], axis=1)
    heights = np.linalg.norm(boxes[:, 1] - boxes[:, 2], axis=1)
    lengths = np.maximum(widths, heights)
    tall = heights >= 1.5 * widths      # rapidocr turns such crops a quarter counter-clockwise
    wide = widths >= 1.5 * heights
    if lengths[tall].sum() > lengths[wide].sum():
        chosen, quarter = tall, True
    else:
        chosen, quarter = wide, False
    down = sum(lengths[i] * score for i, (label, score) in enumerate(cls_results)
               if chosen[i] and "180" in label)
    up = sum(lengths[i] * score for i, (label, score) in enumerate(cls_results)
             if chosen[i] and "180" not in label)
    flipped = down > up
    if quarter:
        return 270 if flipped else 90
    return 180 if flipped else 0


def _bgr(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _boxes(result) -> list[TextBox]:
    if result is None or result.boxes is None or result.txts is None:
        return []
    boxes = []
    for points, text, score in zip(result.boxes, result.txts, result.scores):
        if not text or not text.strip():
            continue
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        boxes.append(TextBox(text.strip(), (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))),
                             round(float(score), 3)))
    return boxes
