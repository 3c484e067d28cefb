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
    "NAME+RUNTIME": "a RapidOCR engine above run by RUNTIME (openvino or onnxruntime), "
                    "whatever LIMITUP_OCR_RUNTIME says (for bench: the runtime's share)",
}
DEFAULT_ENGINE = "rapidocr"
RUNTIMES = ("openvino", "onnxruntime")
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
    base, plus, runtime = name.partition("+")
    if base == "default":
        base = DEFAULT_ENGINE
    engine, _, side = base.partition("@")
    if engine != "rapidocr" or not side.isdigit() or not 320 <= int(side) <= 4096:
        engine = base
    if engine not in ENGINES or (plus and (runtime not in RUNTIMES
                                           or not engine.startswith("rapidocr"))):
        raise LimitupError(f"unknown OCR engine {name!r}; choose one of: "
                           + ", ".join(ENGINES) + " (RUNTIME: " + ", ".join(RUNTIMES) + ")",
                           code="invalid_request")
    name = base + plus + runtime
    with _lock:
        if name not in _loaded:
            _loaded[name] = _create(base, runtime)
        return _loaded[name]


def _create(name: str, runtime: str = ""):
    """`runtime` empty: the product's (LIMITUP_OCR_RUNTIME) for a tuned engine, onnxruntime for
    the plain one (RapidOCR's own default: the baseline is RapidOCR as it comes)."""
    from limitup.ocr.rapid import ocr_runtime, ocr_threads
    # libtesseract reads OMP_THREAD_LIMIT when it starts its OpenMP threads.
    os.environ.setdefault("OMP_THREAD_LIMIT", str(ocr_threads()))
    if name.startswith("rapidocr@"):   # for bench: the tuned engine at another detection side
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name=name, tuned=True, det_side=int(name.partition("@")[2]),
                              runtime=runtime or ocr_runtime())
    if name == "rapidocr":
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name="rapidocr", tuned=True, runtime=runtime or ocr_runtime())
    if name == "rapidocr-plain":
        from limitup.ocr.rapid import RapidOcrEngine
        return RapidOcrEngine(name="rapidocr-plain", tuned=False,
                              runtime=runtime or "onnxruntime")
    from limitup.ocr.tesseract import TesseractEngine
    return TesseractEngine(name="tesseract")
