"""Wording and layouts first seen on the holdout14 sets of real documents (2026-12-07, measured
unseen at ae4fc66 before these rules), as pages of text boxes: invented names, numbers and dates
in the real documents' layout and geometry. Each read nothing, or the wrong thing, before its
rule was added."""
from __future__ import annotations

from tests.recognise.conftest import read_boxes_at, school_award_page


def test_a_sponsored_scholarship_with_a_misread_title_and_a_handwritten_name(catalogue):
    # holdout14a: the red 荣誉证书 read 未誉证书 (a four-character title must be read exactly),
    # the name written by hand on the blank before 同学 (read with the blank's underline): no
    # type. The English line under the title is the same title.
    page = [("未誉证书", 417, 103, 1186, 312), ("HONORARY CREDENTIAL", 498, 318, 1100, 368),
            ("陈思远__同学", 149, 477, 525, 567),
            ("在2022-2023年度中表现优异，荣获“某某励志奖学金”。", 117, 636, 1483, 714),
            ("特颁此证！", 120, 766, 367, 839), ("某某大学某某学院某某集团", 770, 1012, 1485, 1069),
            ("2023年11月17日", 987, 1075, 1278, 1127)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["holder_name"] == "陈思远"
    assert result.fields["issue_date"] == "2023-11-17"


def test_a_school_number_in_brackets_after_its_prefix_is_the_bracketed_digits(catalogue):
    # holdout14a: 西证奖（…）号 at the foot, with no label: the number was not read.
    number_line = ("某证奖（20230123456）号", 123, 1063, 819, 1128)
    result = read_boxes_at(catalogue, school_award_page(number_line))
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "20230123456"
    assert result.fields["level"] == "一等"


def test_a_school_award_numbered_in_its_year_alone_at_the_top(catalogue):
    # holdout14a: 2022年第12345号 printed alone at the top right, as 国家奖学金 certificates of
    # 2015-2018 number theirs: not read on a school's certificate.
    page = [("获奖证书", 341, 69, 656, 156), ("2022年第12345号", 649, 170, 855, 202),
            ("陈思远 同学：", 70, 208, 242, 248),
            ("在2021-2022学年，表现突出，德、智、体、美、劳全面发展，荣获", 119, 266, 883, 310),
            ("优秀学生奖学金", 294, 327, 704, 385), ("特发此证，以资鼓励！", 68, 406, 319, 445),
            ("某某科技大学", 669, 483, 838, 525), ("2022年12月", 684, 534, 829, 576)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "2022年第12345号"
    assert result.fields["holder_name"] == "陈思远"


def test_nine_digits_after_the_label_are_not_swapped_into_a_capital(catalogue):
    # holdout14a: 证书编号：1xxxxxxxx (nine digits) fitted no shape as printed, and the
    # look-alike fitting made its leading 1 an I to fit "capitals then digits".
    number_line = ("证书编号：102345678", 123, 1063, 819, 1128)
    result = read_boxes_at(catalogue, school_award_page(number_line))
    assert result.fields["cert_number"] == "102345678"


def test_the_ets_account_score_page_once_the_scores_are_reported(catalogue):
    # holdout14b: a screenshot of the account's score page (2023): the name, the appointment
    # number, the test date and the scores, as the report prints them. It was excluded with the
    # page that still awaits its scores (holdout7b's, which stays excluded:
    # test_holdout7_wording.py).
    page = [("ETS) TOEFL.", 22, 0, 113, 19), ("My TOEFL iBT®Test Scores", 16, 44, 272, 70),
            ("Below is a summary of your scores. View feedback on your performance level and advice"
             " to improving your skills.", 16, 80, 700, 96),
            ("Test Taker Name: Siyuan Chen", 16, 110, 206, 126),
            ("Test Appointment Number: 1234567890123456", 16, 124, 248, 141),
            ("Your Scores from Test Date:", 16, 162, 147, 179), ("May 13, 2023", 16, 175, 121, 198),
            ("Total Score", 100, 197, 160, 215), ("Reading", 270, 197, 330, 215),
            ("Listening", 385, 197, 445, 215), ("Speaking", 502, 197, 563, 215),
            ("Writing", 620, 197, 672, 215), ("108", 108, 236, 152, 266), ("27", 281, 236, 316, 265),
            ("28", 397, 236, 433, 265), ("26", 514, 236, 549, 265), ("27", 631, 236, 667, 265)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "toefl"
    assert result.fields["cert_number"] == "1234567890123456"
    assert result.fields["score"] == 108
    assert result.fields["issue_date"] == "2023-05-13"
