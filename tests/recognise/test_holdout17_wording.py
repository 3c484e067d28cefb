"""Wording and layouts first seen on the holdout17 sets of real documents (2026-12-07, measured
unseen at 54d119c before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at

# A CET score page (成绩详情) saved from the results site: the red total lost, a notice at the
# foot whose date range wraps after "9时-8".
SCORE_PAGE = [("全国大学英语四级考试(CET4)成绩详情", 101, 51, 575, 83), ("姓名：王丽君", 50, 140, 223, 170),
              ("学", 53, 222, 93, 247), ("校：某某大学", 112, 222, 281, 249), ("笔试成绩", 292, 276, 384, 310),
              ("准考证号：410011241100123", 54, 327, 334, 349), ("总分:", 48, 362, 156, 397),
              ("听", 153, 400, 185, 429), ("力：150", 230, 398, 319, 429), ("阅", 152, 440, 185, 468),
              ("读:160", 229, 439, 320, 469), ("写作和翻译：145", 154, 481, 319, 507),
              ("口试成绩", 292, 522, 384, 557), ("准考证号：--", 53, 571, 178, 598),
              ("等 级:--", 50, 608, 181, 641), ("成绩报告单编号：241110000012345", 55, 675, 394, 697),
              ("您在报名期间已选择需要纸质成绩报告单(证书），8月25日9时-8", 76, 737, 598, 764),
              ("月29日17时可再次登录报名网站进行修改。", 77, 765, 411, 792)]


def test_a_month_wrapped_out_of_a_date_range_is_no_score(catalogue):
    # holdout17a: the 8 ending "8月25日9时-8" (the range's second month, its 月 on the next line)
    # was taken for the total, after the 成绩 of 成绩报告单. The total is the sections' sum,
    # for review.
    result = read_boxes_at(catalogue, SCORE_PAGE)
    assert result.type == "cet4"
    assert result.fields["score"] == 455
    assert "score" in doubted_fields(result.checks)


def test_a_school_number_of_pinyin_initials_before_the_year(catalogue):
    # holdout17c: a university's scholarship numbered with the initials of the school and the
    # award in pinyin (twelve capitals), then the year and a serial.
    page = [("荣誉证书", 398, 150, 936, 306), ("王丽君同学：", 128, 369, 395, 427),
            ("荣获某某大学2025年优秀学生一等奖学金。", 217, 452, 1009, 508),
            ("特发此证，以资鼓励。", 219, 536, 626, 584), ("2025年12月", 885, 720, 1083, 780),
            ("证书编号:MMDXYXXSYDJXJ20250123", 136, 799, 651, 845)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "MMDXYXXSYDJXJ20250123"
    assert result.fields["level"] == "一等"


def _trf(number, centre=None):
    page = [("IELTS", 60, 40, 200, 90), ("Test Report Form", 220, 40, 520, 90),
            ("Centre Number", 40, 140, 200, 165), ("Date", 420, 140, 470, 165),
            ("14/JUN/2023", 480, 140, 600, 165), ("Family Name", 40, 200, 180, 225),
            ("CHEN", 260, 200, 330, 225), ("First Name", 40, 240, 160, 265),
            ("ANNA", 260, 240, 330, 265), ("Overall Band Score", 40, 400, 250, 425),
            ("7.5", 270, 400, 310, 425), ("Test Report Form Number", 40, 500, 300, 525),
            (number, 320, 500, 560, 525)]
    if centre:
        page.append((centre, 210, 140, 280, 165))
    return page


def test_a_trf_number_ending_in_its_lettered_centre_is_sure_with_the_centre_read(catalogue):
    # holdout13b: a centre numbered with a letter puts it in the TRF number; the S was mended to
    # a 5, for review. With the Centre Number read beside it, the number stands as printed.
    result = read_boxes_at(catalogue, _trf("23XX012345CHEAS01A", centre="XXS01"))
    assert result.fields["cert_number"] == "23XX012345CHEAS01A"
    assert "cert_number" not in doubted_fields(result.checks)
    # Without it, the number is shown as printed, for review, with the reason.
    unread = read_boxes_at(catalogue, _trf("23XX012345CHEAS01A"))
    assert unread.fields["cert_number"] == "23XX012345CHEAS01A"
    assert {"code": "number_format_invalid",
            "detail": "no centre_number read to confirm S01"} in unread.checks
    # A centre read otherwise does not vouch for the letter.
    other = read_boxes_at(catalogue, _trf("23XX012345CHEAS01A", centre="XX123"))
    assert "cert_number" in doubted_fields(other.checks)
