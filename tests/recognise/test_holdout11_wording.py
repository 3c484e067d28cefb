"""Wording and layouts first seen on the holdout11 sets of real documents (2026-12-07, measured
unseen before these rules), as pages of text boxes: invented names and numbers in the real
documents' layout and geometry. Each read nothing, or the wrong thing, before its rule was added."""
from __future__ import annotations

import pytest

from tests.recognise.conftest import read_rows


def _scholarship_booklet(number_line):
    # A university's scholarship booklet, opened: the right page holds the award and, at its
    # foot, the number handwritten after its label.
    return [("陈思远同学获得", 1104, 299), ("二〇二三年优秀学生", 1032, 395),
            ("奖学金银奖。特发此证，", 1036, 486), ("以资鼓励。", 906, 577),
            ("某某科技大学", 439, 667), ("奖学金证书", 440, 790), ("Certificate of Scholarship", 439, 858),
            ("某某科技大学", 1105, 744), ("二〇二四年三月一日", 1097, 802), number_line]


@pytest.mark.parametrize("number", [
    "2023123AB12345678",     # the year, a serial, then the student number
    "AB123456782024123",     # the student number, then a serial: 15 digits after the capitals
])
def test_a_school_number_of_student_number_and_serial(catalogue, number):
    # holdout11a: a valid-looking number was left out (the first), or a re-read that misread a
    # digit as a letter (2 as Z) made the second fit an older shape and was returned as sure.
    result = read_rows(catalogue, _scholarship_booklet((f"证书编号：{number}", 1018, 873)))
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == number
    assert result.fields["holder_name"] == "陈思远"


def test_a_school_number_in_the_old_document_number_form_printed_alone(catalogue):
    # holdout11a: 学奖字第…号 alone at the top right of a 荣誉证书, with no label.
    page = [("荣誉证书", 576, 246), ("Certificate of Honour", 578, 323), ("学奖字第20185678号", 863, 500),
            ("陈思远 同学在 二〇一七 至 二○一八 学年", 602, 675),
            ("度品学兼优，表现突出，荣获“学习之星”（三等奖）", 564, 729), ("奖学金。", 246, 789),
            ("特发此证，以资鼓励。", 415, 841), ("某某大学", 755, 1137), ("二〇一八年十二月二十日", 754, 1235)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "学奖字第20185678号"
    assert result.fields["level"] == "三等"


def test_a_document_number_form_is_not_any_number_after_a_word(catalogue):
    # The 字第…号 form needs its 第 and 号: a student number after 学号 is still no number.
    page = [("荣誉证书", 576, 246), ("学号20185678", 863, 500),
            ("陈思远 同学在 二〇一七 至 二○一八 学年", 602, 675),
            ("度品学兼优，表现突出，荣获“学习之星”（三等奖）", 564, 729), ("奖学金。", 246, 789),
            ("某某大学", 755, 1137), ("二〇一八年十二月二十日", 754, 1235)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] is None


def _toefl_paper_based_record(subtitle):
    return [("TOEFL.", 155, 54), (subtitle, 323, 24), ("EXAMINEE'S", 319, 41),
            ("SCORE RECORD", 320, 61), ("REGISTRATION", 488, 53), ("1234567", 490, 28),
            ("SMITH-JOHN-ALAN", 665, 31), ("TEST OF ENGLISH AS A FOREIGN LANGUAGE", 211, 83),
            ("SECTION 1 SECTION 2", 114, 137), ("55", 76, 113), ("57", 160, 112),
            ("SECTION 3", 241, 137), ("52", 243, 112), ("TOTAL SCORE", 351, 136), ("547", 357, 110),
            ("MAR 09", 494, 108), ("DATE OF BIRTH", 784, 126), ("03/21/86", 792, 89),
            ("TWE SCORE", 347, 224), ("5.0", 358, 205)]


def test_the_retired_paper_based_toefl_score_record_is_not_an_ibt_report(catalogue):
    # holdout11b: a 2005-form paper-based record (total on the 310-677 scale) was typed toefl
    # for review, on the test's full name, with the holder's name taken from a form box.
    assert read_rows(catalogue, _toefl_paper_based_record("PAPER-BASED TEST")).type is None


def test_the_ibt_paper_edition_is_not_excluded_with_it(catalogue):
    page = [("TOEFL iBT Paper Edition", 320, 30), ("Test Taker Score Report", 320, 60),
            ("Name: Smith, John", 120, 120), ("Registration Number: 0000 1234 5678 9012", 520, 120),
            ("Test Date: 2021-03-13", 120, 160), ("Total Score", 120, 220), ("98", 260, 220),
            ("Reading", 120, 260), ("25", 260, 260), ("Listening", 120, 290), ("24", 260, 290)]
    assert read_rows(catalogue, page).type == "toefl"


def test_a_duolingo_practice_share_card_is_no_certificate(catalogue):
    # holdout11b: a social-media card of a practice test's estimate (a range and a level word,
    # no name, ID or date) was typed duolingo for review on the test's name alone.
    page = [("115-125", 188, 110), ("ADVANCED", 188, 149), ("10", 108, 205), ("160", 268, 205),
            ("2025 .: 115-125!", 188, 271), ("duolingo english test", 210, 337)]
    assert read_rows(catalogue, page).type is None


def test_a_duolingo_certificate_with_its_fields_lost_is_still_typed_for_review(catalogue):
    # Without title_alone the type still stands on its title and keywords (Overall Score,
    # Certificate ID), every key field lost: low_confidence, for a reviewer.
    page = [("duolingo english test", 210, 60), ("Overall Score", 300, 200),
            ("Certificate ID", 300, 400), ("Literacy", 600, 200), ("Comprehension", 600, 240)]
    result = read_rows(catalogue, page)
    assert result.type == "duolingo"
    assert any(check["code"] == "low_confidence" for check in result.checks)


def test_a_number_mended_by_look_alike_swaps_is_returned_in_doubt(catalogue):
    # holdout11a: a number that fitted no pattern as read was made to fit one by turning a 2
    # into a Z, and returned as sure. A mended number may be right (20195G6802 is 2019SG6802):
    # it is returned, for a reviewer to confirm.
    page = [("No.: 20195G6802", 515, 187), ("荣誉证书", 314, 219), ("杨秀宇同学：在2018—2019", 253, 346),
            ("学年度中，品学兼优，成绩突", 189, 402), ("出，荣获山东大学一等奖学金。", 189, 459),
            ("山东大学", 543, 937)]
    result = read_rows(catalogue, page)
    assert result.fields["cert_number"] == "2019SG6802"
    doubts = [check for check in result.checks if check["code"] == "low_confidence"]
    assert doubts and "cert_number" in doubts[0]["fields"]
    # As printed, the same number is sure.
    page[0] = ("No.: 2019SG6802", 515, 187)
    assert not any(check["code"] == "low_confidence" for check in read_rows(catalogue, page).checks)
