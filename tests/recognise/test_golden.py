"""Golden OCR outputs (real RapidOCR/Tesseract boxes of sample images, and hand-written boxes of
known OCR failures) run through recognise(): the type always, every field the OCR text holds."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from limitup.recognise import recognise
from limitup.recognise.golden import load_boxes
from limitup.samples import TYPE_IDS
from tests.recognise.conftest import ROOT

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def same_name(found, expected) -> bool:
    """SPEC 2: romanised names match with the same words in any order, ignoring case."""
    if found is None or expected is None:
        return found == expected
    return sorted(str(found).upper().split()) == sorted(str(expected).upper().split())


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(path, catalogue):
    record = _load(path)
    expected = record["expected"]
    # Sample dates run up to the day they were made: judge them against the real today.
    result = recognise(load_boxes(record), catalogue, today=date.today())
    assert result.type == expected["type"], f"type {result.type} ({result.confidence:.2f})"
    if expected["type"] is None:
        return
    assert set(result.fields) == {"holder_name", "cert_number", "issue_date", "level", "score"}
    misses = record.get("ocr_misses", {})
    wrong = {}
    for name, value in expected.items():
        if name == "type" or name in misses:
            continue
        found = result.fields[name]
        equal = same_name(found, value) if name == "holder_name" else found == value
        if not equal:
            wrong[name] = (found, value)
    assert not wrong, f"(found, expected): {wrong}"


def test_every_type_with_a_layout_of_its_own_has_a_golden_case():
    """Goldens are recorded from sample images (limitup.recognise.golden). A type added to the
    catalogue alone is drawn in the generic layout, as tests/test_new_type.py reads one, until
    the generator has a layout of its own for it and goldens are recorded."""
    covered = {_load(path)["expected"]["type"] for path in GOLDEN}
    assert set(TYPE_IDS) <= covered, sorted(set(TYPE_IDS) - covered)


def test_negatives_are_covered():
    kinds = {_load(path)["source"].get("layout") for path in GOLDEN
             if _load(path)["expected"]["type"] is None}
    assert {"driving_licence", "receipt", "bank_statement", "household_register", "gym_card",
            "blank_page"} <= kinds


def test_annotate_misses_names_only_values_the_ocr_text_lacks(catalogue):
    from limitup.recognise.golden import annotate_misses
    record = {"expected": {"type": "nurse", "holder_name": "邱超艳", "cert_number": "202372160656",
                           "issue_date": None, "level": None, "score": None},
              "boxes": [["护士执业证书", [300, 40, 420, 64], 0.99], ["姓名", [100, 200, 140, 224], 0.99],
                        ["证书编号", [100, 280, 180, 304], 0.99],
                        ["202372160656", [300, 280, 420, 304], 0.99]]}
    annotate_misses(record, catalogue)
    assert list(record["ocr_misses"]) == ["holder_name"]
