"""Wording and layouts first seen on the holdout24 set of real documents (2026-12-07, measured
unseen at c4cd5c6 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from tests.recognise.conftest import read_boxes_at

# IDP's results page in its phone app: the bands in large red digits, a Retake button over each
# skill, no name, number or date on the screen.
IDP_APP_RESULTS = [("15:23", 44, 20, 139, 65), ("Overall score", 256, 300, 481, 350),
                   ("6.5", 230, 420, 500, 570),
                   ("Retake", 157, 713, 292, 765), ("Retake", 443, 715, 577, 767),
                   ("Listening", 142, 795, 309, 853), ("Reading", 434, 795, 584, 853),
                   ("Retake", 160, 1091, 290, 1137), ("Retake", 445, 1091, 575, 1137),
                   ("Writing", 156, 1166, 293, 1229), ("Speaking", 428, 1172, 594, 1224),
                   ("Your score explained", 103, 1396, 418, 1441),
                   ("book.ielts.idp.com", 250, 1522, 491, 1557)]


def test_idps_app_results_page_is_an_ielts_result_held_for_review(catalogue):
    result = read_boxes_at(catalogue, IDP_APP_RESULTS)
    assert result.type == "ielts"
    assert result.fields["score"] == 6.5
    # Nothing on it says whose result it is: the name and the number are for a person to ask.
    assert result.fields["holder_name"] is None and result.fields["cert_number"] is None


def test_a_universitys_local_toefl_certificate_is_no_toefl_report(catalogue):
    page = [("Certificate", 480, 264, 778, 375), ("EXAMPLE UNIVERSITY", 843, 363, 948, 393),
            ("NAME: Marta Kovacs", 303, 413, 680, 448),
            ("Native Country: Hungary", 303, 450, 528, 485),
            ("Native Language : Hungarian", 685, 452, 929, 487),
            ("Test Name: Local TOEFL Test.", 298, 487, 612, 526),
            ("Score Records: 480", 298, 523, 503, 568),
            ("Course Duration 3/5/2011", 592, 554, 822, 603), ("to", 837, 570, 863, 589),
            ("24/5/2011", 858, 559, 936, 589), ("No. of Hours: 60 Hours.", 300, 561, 481, 594),
            ("Note: This score is for the local TOEFL Test.", 303, 585, 592, 613)]
    assert read_boxes_at(catalogue, page).type is None


# ETS's 2014 "Examinee Score Report": the name after "Name:", the legend row under it, then the
# e-mail line, whose label OCR read "Emall" in this report's font (i for l throughout).
ETS_2014_REPORT = [
    ("TOEFL® (Test of English as a Foreign Language)", 252, 19, 731, 59),
    ("Internet-based Test (TOEFL iBT™)", 252, 46, 574, 78),
    ("Examlnee Score Report", 249, 67, 438, 100),
    ("Name: Kovacs, Marta", 29, 119, 236, 152),
    ("Last (Famly/Surname) Name, Frst (Given) Name Middle Name", 93, 135, 433, 167),
    ("Emall: marta.kovacs@example.com", 29, 161, 287, 194),
    ("Registratlon Number: 0000 00001234 5678", 289, 180, 614, 218),
    ("Test Date: 14 Jun 2014", 291, 211, 471, 244),
    ("TOEFL Scaled Scores", 813, 374, 1043, 402), ("Total Score", 804, 539, 917, 570),
    ("90", 1010, 541, 1047, 567)]


def test_the_name_after_its_label_above_a_legend_row_is_not_the_line_below_it(catalogue):
    result = read_boxes_at(catalogue, ETS_2014_REPORT)
    assert result.type == "toefl"
    assert result.fields["holder_name"] == "Kovacs Marta"      # not "Emall"
    assert result.fields["cert_number"] == "0000000012345678"
