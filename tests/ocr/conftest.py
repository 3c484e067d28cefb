"""Rendered certificates for the OCR tests (real engines read them; nothing is mocked)."""
from __future__ import annotations

import pytest

from tests.ocr import render


@pytest.fixture(scope="session")
def certificate():
    return render.certificate(seal=False)


@pytest.fixture(scope="session")
def sealed_certificate():
    return render.certificate(seal=True)


def joined(boxes) -> str:
    return "".join(box.text for box in boxes).replace(" ", "")


def read(photo, **options):
    """The product's reading (reader.read_image, default engine, the real catalogue) of a photo,
    with ReadOptions switches (zoom=False, deskew=False ...) as `limitup bench` sets them."""
    from pathlib import Path

    from limitup.ocr import get_engine
    from limitup.reader import ReadOptions, read_image
    from limitup.rules import load_rules
    catalogue = load_rules(Path(__file__).resolve().parents[2] / "rules").catalogue
    return read_image(photo, get_engine("default"), catalogue, options=ReadOptions(**options))[0]
