"""Wording first seen on the holdout15 sets of real documents (2026-12-07, measured unseen at
03ba1fb before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

import pytest

from tests.recognise.conftest import read_boxes_at

FLYER = [("SOMEWHERE UNIVERSITY", 457, 15, 910, 100), ("Registration Open For", 423, 152, 813, 196),
         ("(International English Language Testing System)", 154, 385, 1079, 435),
         ("ACADEMY FOR GRADUATE ADMISSIONS", 470, 491, 1036, 585),
         ("Coaching by Expert Professionals", 476, 678, 891, 715),
         ("Comprehensive Material", 442, 717, 772, 752), ("Timing", 139, 928, 240, 967),
         ("4:30 PM to 6:30 PM", 433, 928, 680, 963), ("Course Fee", 139, 967, 285, 1004),
         ("4000/-", 433, 967, 532, 1007), ("Duration", 139, 1009, 260, 1046),
         ("3 Months", 429, 1004, 562, 1048), ("Total", 1009, 1146, 1079, 1185),
         ("150", 1019, 1315, 1071, 1350),
         ("For Further Details Contact: Mr. John Smith (90000 00000), HSS Department", 139, 1370,
          1075, 1404)]


@pytest.mark.parametrize("words", ["as printed", "without its course words"])
def test_a_coaching_flyer_naming_ielts_in_full_is_no_report(catalogue, words):
    # holdout15b: the test's full name typed the flyer ielts on its own (for review). The
    # name is printed on more than reports: it no longer types a page without a key field;
    # and coaching and a course fee are no report's words.
    page = FLYER if words == "as printed" else [
        row for row in FLYER if not row[0].startswith(("Coaching", "Course Fee"))]
    assert read_boxes_at(catalogue, page).type is None


def test_a_toefl_score_panel_cropped_alone_is_a_toefl_score_for_review(catalogue):
    # holdout15b: a crop of the report's score panel (its heading, four sections, the total):
    # no type. The total is the sum of the sections; with no name and no number it is held
    # for review.
    page = [("TOEFL Scaled Scores", 51, 72, 387, 111), ("Reading", 38, 125, 144, 160),
            ("27", 343, 124, 386, 161), ("Listening", 36, 169, 153, 209), ("25", 344, 171, 387, 207),
            ("Speaking", 38, 215, 157, 256), ("21", 346, 220, 386, 253), ("Writing", 37, 260, 129, 298),
            ("24", 343, 262, 387, 298), ("Total Score", 34, 320, 185, 356), ("97", 338, 323, 388, 364)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "toefl"
    assert result.fields["score"] == 97
    assert any(check["code"] == "low_confidence" for check in result.checks)
