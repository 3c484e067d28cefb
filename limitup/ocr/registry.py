"""Engines by name, loaded once per process.

Internal threads are capped (LIMITUP_OCR_THREADS, else OMP_THREAD_LIMIT, else 2) because the
work queue runs one worker process per core: N workers x unbounded threads would oversubscribe.
"""
from __future__ import annotations

import os
import threading

from limitup.errors import LimitupError

# name -> what it is (shown by `limitup scan --help` and in docs/benchmarks.md)
ENGINES = {
    "default": "the engine chosen by measurement (docs/benchmarks.md): rapidocr (tuned)",
    "rapidocr": "RapidOCR tuned: detection at a limited side, larger recognition batches",
    "rapidocr@SIDE": "RapidOCR tuned, detection at SIDE px (for bench)",
    "rapidocr-plain": "RapidOCR at its default settings (the baseline to beat)",
    "tesseract": "Tesseract 5 chi_sim+eng in process (tesserocr)",
}
DEFAULT_ENGINE = "rapidocr"
# What the product may run (LIMITUP_OCR_ENGINE, checked at start): the variants above are for
# `limitup bench`, `eval` and `scan` only (another detection side; the plain baseline).
PRODUCT_ENGINES = ("default", "rapidocr", "tesseract")

_loaded: dict = {}
_lock = threading.Lock()


def engine_names() -> list[str]:
    return list(ENGINES)


def get_engine(name: str = "default"):
    """The engine called `name`, created on first use and kept for the life of the process."""
    name = (name or "default").strip().lower()
    if name == "default":
        name = DEFAULT_ENGINE
    base, _, side = name.partition("@")
    if base != "rapidocr" or not side.isdigit() or not 320 <= int(side) <= 4096:
        base = name
    if base not in ENGINES:
        raise LimitupError(f"unknown OCR engine {name!r}; choose one of: "
                           + ", ".join(ENGINES), code="invalid_request")
    with _lock:
        if name not in _loaded:
            _loaded[name] = _create(name)
        return _loaded[name]


def _create(name: str):
    from limitup.ocr.rapid import ocr_threads
    # libtesseract reads OMP_THREAD_LIMIT when it starts its OpenMP threads.
    os.environ.setdefault("OMP_THREAD_LIMIT", str(ocr_threads()))
    if name.startswith("rapidocr@"):   # for bench: the tuned engine at another detection side
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name=name, tuned=True, det_side=int(name.partition("@")[2]))
    if name == "rapidocr":
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name="rapidocr", tuned=True)
    if name == "rapidocr-plain":
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name="rapidocr-plain", tuned=False)
    from limitup.ocr.tesseract import TesseractEngine
    return TesseractEngine(name="tesseract")
