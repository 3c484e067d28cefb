"""OCR engines behind one interface (see base.py); get one by name with get_engine()."""
from limitup.ocr.registry import DEFAULT_ENGINE, ENGINES, engine_names, get_engine

__all__ = ["get_engine", "engine_names", "ENGINES", "DEFAULT_ENGINE"]
