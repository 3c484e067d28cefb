"""Issue 19's measurement, small: over pairs of different names (minority and foreign names
among them), no stranger passes the name check, and every owner does (text level, no OCR)."""
from limitup.verify.impostors import measure


def test_no_stranger_passes_and_every_owner_does(catalogue):
    report = measure(catalogue, pairs=150, seed=7)
    counts = report["counts"]
    assert counts["random"]["total"] > 120 and counts["near"]["total"] > 120
    assert counts["random"]["pass"] == 0, report["false_passes"]["random"]
    assert counts["near"]["pass"] == 0, report["false_passes"]["near"]
    assert counts["owner"]["pass"] == counts["owner"]["total"] == 150
