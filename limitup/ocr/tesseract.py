"""The Tesseract engine, in process through tesserocr (one binding: pytesseract, a process per
call, was a benchmark-only variant and is gone, issue 20).

It returns one TextBox per text line. chi_sim output puts a space between CJK characters;
those spaces carry no meaning and are removed here so every engine hands back the same kind
of text (spaces between Latin words and digits stay).
"""
from __future__ import annotations

import re
import threading

from PIL import Image

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.settings import from_environ

TESSDATA = from_environ("TESSDATA")       # LIMITUP_TESSDATA, declared in limitup/settings.py
LANGUAGES = "chi_sim+eng"
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")


def tidy_line(text: str) -> str:
    return _SPACE_NEXT_TO_CJK.sub("", text).strip()


class TesseractEngine:
    """libtesseract in process (tesserocr). One API object; calls are serialised by a lock."""

    def __init__(self, name: str = "tesseract", psm: int = 6):
        import tesserocr
        self.name = name
        self._tesserocr = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=TESSDATA, lang=LANGUAGES,
                                            psm=psm)
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> list[TextBox]:
        tesserocr = self._tesserocr
        with self._lock:
            self._api.SetImage(image.convert("RGB"))
            self._api.Recognize()
            iterator = self._api.GetIterator()
            level = tesserocr.RIL.TEXTLINE
            boxes = []
            for item in tesserocr.iterate_level(iterator, level):
                try:
                    text = item.GetUTF8Text(level)
                except RuntimeError:      # tesserocr: "No text returned" for an empty line
                    continue
                bounds = item.BoundingBox(level)
                if not text or not bounds or not text.strip():
                    continue
                boxes.append(TextBox(tidy_line(text), Box(*(int(v) for v in bounds)),
                                     round(item.Confidence(level) / 100.0, 3)))
        return sort_reading_order(boxes)

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        """(degrees the page is turned clockwise, confidence) from Tesseract's OSD."""
        with self._lock:
            osd_api = self._osd_api()
            osd_api.SetImage(image.convert("L"))
            result = osd_api.DetectOrientationScript()
        if not result:
            return 0, 0.0
        return int(result["orient_deg"]), float(result["orient_conf"])

    def _osd_api(self):
        if not hasattr(self, "_osd"):
            tesserocr = self._tesserocr
            self._osd = tesserocr.PyTessBaseAPI(path=TESSDATA, lang="osd",
                                                psm=tesserocr.PSM.OSD_ONLY)
        return self._osd


def sort_reading_order(boxes: list[TextBox]) -> list[TextBox]:
    """Top to bottom, left to right; boxes whose vertical centres are close share a row."""
    if not boxes:
        return []
    ordered = sorted(boxes, key=lambda b: (b.box[1] + b.box[3]) / 2)
    rows, current = [], [ordered[0]]
    for box in ordered[1:]:
        last = current[-1]
        height = max(1, min(last.box[3] - last.box[1], box.box[3] - box.box[1]))
        if abs((box.box[1] + box.box[3]) / 2 - (last.box[1] + last.box[3]) / 2) < height / 2:
            current.append(box)
        else:
            rows.append(current)
            current = [box]
    rows.append(current)
    return [box for row in rows for box in sorted(row, key=lambda b: b.box[0])]
