"""Which way up is the page? Returns the counter-clockwise turn (0/90/180/270) that makes it upright.

Two detectors, compared in `limitup bench` (docs/benchmarks.md):
- `turn_by_layout` (default): RapidOCR's text detector on a small thumbnail. Lines of text on a
  certificate are wide; if the detected boxes are mostly tall the page lies on its side. The
  0/180 text-line classifier then votes, on the longest lines cut from the full image, whether
  the (possibly quarter-turned) page is upside down.
- `turn_by_osd`: Tesseract's orientation and script detection.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from limitup.preprocess import TURN_THUMB_SIDE, limit_size, rotate

LINES_TO_VOTE = 8


def turn_by_layout(image: Image.Image, engine) -> int:
    """engine: a RapidOcrEngine (for its detector and line classifier)."""
    quarter = 90 if _mostly_tall(_detect(image, engine)) else 0
    candidate = rotate(image, quarter)
    upside_down = _upside_down_votes(candidate, _detect(candidate, engine) if quarter else None,
                                     engine)
    return (quarter + (180 if upside_down else 0)) % 360


def turn_by_osd(image: Image.Image, tesseract_engine) -> int:
    """Tesseract OSD says how far the page is turned clockwise; undo it."""
    thumb, _ = limit_size(image, 1200)
    degrees, confidence = tesseract_engine.orientation(thumb)
    return degrees % 360 if confidence >= 1.0 else 0


def _detect(image: Image.Image, engine) -> tuple[np.ndarray, float]:
    """Text boxes (N x 4 x 2) found on a thumbnail, in the thumbnail's pixels, and its scale."""
    thumb, scale = limit_size(image, TURN_THUMB_SIDE)
    array = np.ascontiguousarray(np.asarray(thumb.convert("RGB"))[:, :, ::-1])
    boxes = engine.detector()(array).boxes
    return (np.zeros((0, 4, 2)) if boxes is None else np.asarray(boxes)), scale


def _sides(boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    widths = np.linalg.norm(boxes[:, 0] - boxes[:, 1], axis=1)
    heights = np.linalg.norm(boxes[:, 1] - boxes[:, 2], axis=1)
    return widths, heights


def _mostly_tall(detected) -> bool:
    boxes, _ = detected
    if len(boxes) == 0:
        return False
    widths, heights = _sides(boxes)
    # Weight each box by its length: long lines say the most about the direction of writing.
    tall = np.sum(np.maximum(widths, heights)[heights > 1.5 * widths])
    wide = np.sum(np.maximum(widths, heights)[widths > 1.5 * heights])
    return tall > wide


def _upside_down_votes(image: Image.Image, detected, engine) -> bool:
    from rapidocr.utils.process_img import get_rotate_crop_image
    boxes, scale = detected if detected is not None else _detect(image, engine)
    if len(boxes) == 0:
        return False
    widths, heights = _sides(boxes)
    wide = widths > 1.5 * heights
    order = [i for i in np.argsort(-widths) if wide[i]][:LINES_TO_VOTE]
    if not order:
        return False
    full = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
    crops = [get_rotate_crop_image(full, (boxes[i] / scale).astype(np.float32)) for i in order]
    results = engine.classifier()(crops).cls_res
    weight_up = weight_down = 0.0
    for index, (label, score) in zip(order, results):
        if "180" in label:
            weight_down += score * widths[index]
        else:
            weight_up += score * widths[index]
    return weight_down > weight_up
