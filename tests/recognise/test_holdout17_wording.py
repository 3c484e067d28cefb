"""Wording and layouts first seen on the holdout17 sets of real documents (2026-12-07, measured
unseen at 54d119c before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at, school_award_page, trf_page
from tests.recognise.test_holdout16_wording import EREPORT

# The score page (成绩详情) of holdout16a's CET e-report, its total in red lost, with the notice
# at its foot whose date range wraps after "9时-8".
NOTICE = [("您在报名期间已选择需要纸质成绩报告单(证书），8月25日9时-8", 76, 790, 598, 817),
          ("月29日17时可再次登录报名网站进行修改。", 77, 818, 411, 845)]


def test_a_month_wrapped_out_of_a_date_range_is_no_score(catalogue):
    # holdout17a: the 8 ending "8月25日9时-8" (the range's second month, its 月 on the next line)
    # was taken for the total, after the 成绩 of 成绩报告单. The total is the sections' sum,
    # for review.
    result = read_boxes_at(catalogue, EREPORT + NOTICE)
    assert result.type == "cet4"
    assert result.fields["score"] == 455
    assert "score" in doubted_fields(result.checks)


def test_a_school_number_of_pinyin_initials_before_the_year(catalogue):
    # holdout17c: a university's scholarship numbered with the initials of the school and the
    # award in pinyin (twelve capitals), then the year and a serial.
    number_line = ("证书编号:MMDXYXXSYDJXJ20250123", 123, 1063, 819, 1128)
    result = read_boxes_at(catalogue, school_award_page(number_line))
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "MMDXYXXSYDJXJ20250123"
    assert result.fields["level"] == "一等"


def test_a_trf_number_ending_in_its_lettered_centre_is_sure_with_the_centre_read(catalogue):
    # holdout13b: a centre numbered with a letter puts it in the TRF number; the S was mended to
    # a 5, for review. With the Centre Number read beside it, the number stands as printed.
    family = [("CHEN", 199, 385, 262, 415)]
    number = "23XX012345CHESS01A"
    result = read_boxes_at(catalogue, trf_page(family, number, centre="XXS01"))
    assert result.fields["cert_number"] == number
    assert "cert_number" not in doubted_fields(result.checks)
    # Without it, the number is shown as printed, for review, with the reason.
    unread = read_boxes_at(catalogue, trf_page(family, number, centre=None))
    assert unread.fields["cert_number"] == number
    assert {"code": "number_format_invalid",
            "detail": "no centre_number read to confirm S01"} in unread.checks
    # A centre read otherwise does not vouch for the letter.
    other = read_boxes_at(catalogue, trf_page(family, number, centre="XX123"))
    assert "cert_number" in doubted_fields(other.checks)
