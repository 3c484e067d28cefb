"""Wording first seen on the holdout22 set of real documents (2026-12-07, measured unseen at
01bef41 before this rule), as pages of text boxes with invented values."""
from __future__ import annotations

from tests.recognise.conftest import read_boxes_at

# ETS's account score page of 2020 printed to PDF (holdout22b's places): its scores are out,
# and it still says where to see when the PDF report will be.
ACCOUNT_PAGE = [("My TOEFL iBT® Test Scores", 9, 639, 419, 683),
                ("Below is a summary of your scores. View feedback on your performance level.",
                 9, 700, 1100, 730),
                ("See Approximate Score Reporting Dates for an estimate of when your PDF score "
                 "report will be available.", 9, 735, 1100, 765),
                ("Test Taker Name: Marta Kovacs", 7, 772, 333, 804),
                ("Test Appointment Number:0000123456789012", 7, 793, 377, 826),
                ("Your Scores from Test Date:", 4, 854, 221, 887),
                ("March 9, 2025", 7, 878, 245, 913), ("104", 157, 970, 227, 1020),
                ("27", 435, 972, 488, 1017), ("25", 622, 972, 675, 1017),
                ("24", 810, 972, 863, 1017), ("28", 998, 972, 1048, 1017)]


def test_an_account_page_whose_scores_are_out_is_a_score_page_despite_the_pending_notice(catalogue):
    result = read_boxes_at(catalogue, ACCOUNT_PAGE)
    assert result.type == "toefl"
    assert result.fields["holder_name"] == "Marta Kovacs"
    # The page of scores still to come prints the notice and no scores: no score report.
    pending = [line for line in ACCOUNT_PAGE if line[2] < 850]
    assert read_boxes_at(catalogue, pending).type is None
