"""Wording and layouts first seen on the holdout19 set of real documents (2026-12-07, measured
unseen at 3aec2fa before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at, trf_page

FAMILY = [("CHEN", 199, 385, 262, 415)]


def test_a_trf_serial_read_with_a_letter_for_a_digit_is_mended_by_its_centre_number(catalogue):
    # holdout19b: the serial's 0 read as O ("...NURFO25A"), the Centre Number beside it read
    # "UZ025". The centre's own box is the witness: the number is its digits, and sure.
    result = read_boxes_at(catalogue, trf_page(FAMILY, "23XX012345CHESO01A", centre="XX001"))
    assert result.fields["cert_number"] == "23XX012345CHES001A"
    assert "cert_number" not in doubted_fields(result.checks)
    # No centre read: nothing vouches for either reading; shown as printed, for review.
    unread = read_boxes_at(catalogue, trf_page(FAMILY, "23XX012345CHESO01A", centre=None))
    assert unread.fields["cert_number"] == "23XX012345CHESO01A"
    assert "cert_number" in doubted_fields(unread.checks)
    # A centre that differs otherwise mends nothing.
    other = read_boxes_at(catalogue, trf_page(FAMILY, "23XX012345CHESO01A", centre="XX123"))
    assert other.fields["cert_number"] == "23XX012345CHESO01A"


# ETS's account page of 2025 (holdout19b's places, invented values): no "TOEFL" anywhere.
MY_SCORES = [("My Scores", 32, 5, 328, 94),
             ("More information about Understanding Your Scores", 87, 106, 776, 155),
             ("Test Date: March 9, 2025", 59, 209, 521, 254),
             ("Marta Kovacs", 55, 273, 455, 322), ("Appointment", 59, 332, 276, 374),
             ("Total Score", 319, 402, 539, 454), ("104", 380, 555, 478, 623),
             ("Out of 120", 371, 617, 487, 659), ("Reading", 168, 675, 373, 734),
             ("Listening", 472, 673, 701, 736), ("27", 228, 790, 303, 847),
             ("25", 549, 791, 626, 847), ("Out of 30", 189, 854, 346, 901),
             ("Out of 30", 510, 854, 667, 901), ("Speaking", 156, 970, 384, 1042),
             ("Writing", 543, 977, 686, 1041), ("24", 230, 1092, 303, 1151),
             ("28", 551, 1094, 626, 1151), ("Out of 30", 189, 1158, 346, 1205),
             ("Out of 30", 510, 1158, 667, 1205)]


def test_the_ets_account_page_of_2025_is_a_toefl_score_page(catalogue):
    result = read_boxes_at(catalogue, MY_SCORES)
    assert result.type == "toefl"
    assert (result.fields["score"], result.fields["issue_date"]) == (104, "2025-03-09")
    # The total's scale is the only word of the test: without it, "My Scores" is anyone's.
    no_scale = [line for line in MY_SCORES if line[0] != "Out of 120"]
    assert read_boxes_at(catalogue, no_scale).type is None
    # GRE's account page prints its own scales; it is no TOEFL page.
    gre = [("My Scores", 32, 5, 328, 94), ("Test Date: March 9, 2025", 59, 209, 521, 254),
           ("Verbal Reasoning", 114, 300, 318, 330), ("Your Scaled Score:", 309, 340, 411, 360),
           ("162", 328, 380, 387, 410), ("Out of 170", 320, 420, 400, 440)]
    assert read_boxes_at(catalogue, gre).type is None
    # The College Board's SAT report asks "How Do My Scores Compare?" (holdout16b): no TOEFL.
    sat = [("Test Date: May 04, 2019", 40, 20, 300, 45), ("CollegeBoard", 600, 20, 760, 50),
           ("SAT Score Report", 40, 120, 300, 150),
           ("Registration Number: 0012345678", 40, 60, 400, 85), ("Name: Marta Kovacs", 40, 200, 300, 230),
           ("Your Total Score", 40, 300, 260, 330), ("1460", 40, 340, 140, 380),
           ("How Do My Scores Compare?", 400, 300, 700, 330),
           ("Heart of Algebra", 400, 400, 600, 430), ("Reading", 400, 450, 500, 480)]
    assert read_boxes_at(catalogue, sat).type is None


def test_a_name_printed_unlabelled_right_above_a_label_of_its_layout_is_read(catalogue):
    # The name is no pinyin, so nothing read it before toefl's above_labels: [Appointment].
    assert read_boxes_at(catalogue, MY_SCORES).fields["holder_name"] == "Marta Kovacs"
    # The place is what vouches for it: two capitalised words elsewhere are no name.
    moved = [line for line in MY_SCORES if line[0] != "Appointment"] + [
        ("Appointment", 59, 1250, 276, 1290)]
    assert read_boxes_at(catalogue, moved).fields["holder_name"] is None


def test_a_total_read_from_a_sections_box_is_what_the_sections_make_for_review(catalogue):
    # holdout19b: a test centre's poster, its own large bands left of a TRF. Its "Overall band"
    # label stands under its total, and two rows below it is the Listening band: that band was
    # returned, sure, as the overall. A total read from a section's own box is that section's.
    poster = [("7.5", 31, 163, 513, 449), ("Overall band", 73, 424, 416, 486),
              ("Listening", 70, 544, 252, 602), ("8.5", 64, 584, 172, 654),
              ("Reading", 68, 676, 241, 738), ("7.5", 66, 722, 172, 792),
              ("Writing", 68, 813, 219, 874), ("6.5", 63, 856, 170, 931),
              ("Speaking", 69, 953, 258, 1013), ("6.5", 62, 994, 169, 1067),
              ("IELTS", 569, 323, 705, 405), ("Test Report Form", 568, 376, 679, 422),
              ("Centre Number", 553, 431, 636, 473), ("XX001", 621, 447, 663, 478),
              ("Family Name", 534, 492, 602, 530), ("CHEN", 606, 503, 678, 545),
              ("First Name(s)", 523, 524, 593, 565), ("SIYUAN", 600, 543, 641, 570),
              ("Administrator Comments", 448, 803, 565, 857),
              ("23XX012345CHES001A", 733, 1039, 849, 1095)]
    result = read_boxes_at(catalogue, poster)
    assert result.type == "ielts"
    assert result.fields["score"] == 7.5
    assert "score" in doubted_fields(result.checks)
