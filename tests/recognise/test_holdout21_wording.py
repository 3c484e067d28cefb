"""Wording and layouts first seen on the holdout21 set of real documents (2026-12-07, measured
unseen at cacb7e8 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at, trf_page

# IDP's results page of 2025 in a browser (holdout21b's places): no "IELTS", no name, no
# number; the bands in coloured circles, the overall printed without its decimal.
RESULTS = [("Your test result", 39, 29, 251, 62), ("Download eTRF", 441, 33, 574, 57),
           ("Overall", 33, 94, 110, 126), ("7", 60, 130, 90, 170),
           ("Listening", 31, 192, 127, 227), ("Reading", 309, 193, 396, 227),
           ("Writing", 31, 292, 110, 327), ("Speaking", 311, 295, 407, 327)]


def test_idps_results_page_in_a_browser_is_an_ielts_result(catalogue):
    result = read_boxes_at(catalogue, RESULTS)
    assert (result.type, result.fields["score"]) == ("ielts", 7)
    # Without its eTRF button the page names no test.
    bare = [line for line in RESULTS if line[0] != "Download eTRF"]
    assert read_boxes_at(catalogue, bare).type is None


def test_a_trf_number_with_the_given_names_initial_alone_is_sure(catalogue):
    # A holder with no family name ("-" on the form): the number carries one name letter.
    result = read_boxes_at(catalogue, trf_page([("-", 199, 385, 215, 415)], "23XX012345S001A",
                                               centre="XX001"))
    assert result.fields["cert_number"] == "23XX012345S001A"
    assert "cert_number" not in doubted_fields(result.checks)
