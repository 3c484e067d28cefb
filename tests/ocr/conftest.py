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
