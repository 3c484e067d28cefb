"""Wording and layouts first seen on the holdout12 sets of real documents (2026-12-07, measured
unseen before these rules), as pages of text boxes: invented names, numbers and dates in the real
documents' layout and geometry. Each read nothing, or the wrong thing, before its rule was added."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from limitup.recognise.dates import find_dates
from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import TODAY, boxes_at, read_boxes_at, read_rows


def _award_with_honour(award_line):
    return [("陈思远同学：", 146, 443), ("在2020-2021学年德、智、体、美、劳综合测评及评", 243, 544),
            award_line, ("“三好学生”荣誉称号", 773, 652), ("特发此证，以资鼓励。", 228, 738),
            ("某某农业大学", 1065, 955), ("2021年10月", 1087, 1037)]


def test_a_graded_scholarship_awarded_with_an_honour_title_is_a_school_scholarship(catalogue):
    # holdout12a: "荣获二等奖学金，授予“三好学生”荣誉称号" on one certificate. The honour title
    # excluded the type, and nothing was read.
    result = read_rows(catalogue, _award_with_honour(("优中荣获二等奖学金，授予", 121, 635)))
    assert result.type == "scholarship_school"
    assert result.fields["holder_name"] == "陈思远"
    assert result.fields["level"] == "二等"


def test_the_honour_title_on_a_scholarship_template_is_still_no_scholarship(catalogue):
    # The template's title holds 奖学金, but no graded scholarship is awarded: the honour
    # exclusion stands (a cadre honour printed on a school's scholarship template, holdout9a).
    page = [("奖学金证书", 480, 200), ("陈思远同学：", 241, 426),
            ("荣获2024-2025学年校级“优秀学生干部”称号", 333, 495), ("特发此证，以资鼓励。", 332, 649),
            ("某某理工大学", 891, 775), ("二〇二五年十一月", 900, 839)]
    assert read_rows(catalogue, page).type is None


PUTONGHUA = [("普通话水平测试", 65, 85, 445, 142), ("姓名", 547, 112, 630, 141),
             ("陈思远", 682, 107, 746, 135), ("等级证书", 144, 149, 366, 210),
             ("性别", 545, 155, 633, 187), ("男", 701, 150, 725, 178),
             ("测试时间", 548, 243, 629, 272), ("2020年11月07日", 647, 237, 778, 264),
             ("成绩", 545, 284, 632, 317), ("87.6分", 683, 282, 740, 306),
             ("等级", 547, 327, 632, 360), ("二级甲等", 675, 323, 753, 351),
             ("测试机构", 548, 371, 629, 399), ("某某学院普通话培训测试站", 629, 368, 877, 391),
             ("证书编号", 548, 414, 629, 443), ("4420200001234", 654, 412, 774, 435),
             ("国家语言文字工作委员会制", 131, 495, 387, 529), ("发证单位", 654, 499, 733, 528),
             ("2020", 680, 620, 723, 646), ("11月", 778, 617, 842, 641), ("30日", 843, 614, 902, 643),
             ("2020123456789", 231, 637, 366, 663)]


def test_the_putonghua_issue_date_under_the_seal_is_the_later_date(catalogue):
    # holdout12a: the date under 发证单位 sits under the seal's space, three lines down, its
    # year, month and day in boxes of their own and 年 lost under the seal. Only the earlier
    # 测试时间 was read, and returned as the issue date.
    result = read_boxes_at(catalogue, PUTONGHUA)
    assert result.type == "putonghua"
    assert result.fields["issue_date"] == "2020-11-30"
    assert result.fields["cert_number"] == "4420200001234"


def test_a_year_joined_to_a_two_digit_month_is_not_read_as_a_misread_nian():
    # "2020" "11月" "30日" joined: 202011月30日 is 2020年11月30日, not 2020年1月 with 年 read 1.
    assert [found[0].isoformat() for found in find_dates("202011月30日")] == ["2020-11-30"]
    assert [found[0].isoformat() for found in find_dates("2015407月11日")] == ["2015-07-11"]


def _ruankao_booklet(number_row):
    return [("姓名：", 933, 114, 1024, 161), ("陈思远", 1276, 112, 1393, 170),
            ("Full Name", 933, 156, 1085, 194), ("资格名称：", 935, 393, 1087, 440),
            ("软件设计师", 1246, 402, 1485, 455), ("资格级别：", 937, 484, 1087, 531),
            ("中级", 1322, 489, 1452, 551), ("批准日期:", 935, 576, 1091, 623),
            ("2014.11.08", 1254, 578, 1485, 629), ("计算机技术与软件专业技术资格", 300, 120, 800, 170),
            ("中华人民共和国人力资源和社会保障部", 200, 300, 800, 340), number_row]


def test_an_old_eleven_digit_management_number_after_its_label(catalogue):
    # holdout12a: an old bilingual 软考 booklet (approved 2015) prints an 11-digit 管理号 led
    # by the year's last two digits; it was left unread.
    page = _ruankao_booklet(("管理号：14215210099", 126, 998, 585, 1045))
    result = read_boxes_at(catalogue, page)
    assert result.type == "computer_professional"
    assert result.fields["cert_number"] == "14215210099"


def test_an_eleven_digit_number_with_no_label_is_no_management_number(catalogue):
    # A phone number has 11 digits too: the short form is taken after its label only.
    page = _ruankao_booklet(("13812345678", 126, 998, 400, 1045))
    assert read_boxes_at(catalogue, page).fields["cert_number"] is None


def _trf(family_row, number="24MM123456AU001A", given="AUNG KYAW MIN"):
    return [("IELTS", 12, 15, 142, 62), ("Test Report Form", 17, 66, 130, 83),
            ("ACADEMIC", 402, 64, 462, 78), ("Centre Number", 16, 123, 87, 138),
            ("MM001", 98, 122, 132, 138), ("Date", 208, 123, 237, 139),
            ("14/OCT/2024", 246, 123, 306, 138), ("Candidate Number", 357, 122, 444, 138),
            ("123456", 456, 122, 494, 138), ("Candidate Details", 17, 158, 117, 172),
            *family_row, ("First Name(s)", 16, 218, 78, 232),
            (given, 101, 216, 183, 230), ("Candidate ID", 17, 251, 77, 265),
            ("Date of Birth", 16, 294, 76, 309), ("01/02/2003", 100, 292, 157, 310),
            ("Listening", 15, 457, 65, 475), ("8.0", 68, 457, 91, 473),
            ("Reading", 105, 457, 150, 475), ("7.5", 156, 457, 178, 473),
            ("Writing", 192, 454, 237, 475), ("6.5", 241, 457, 263, 473),
            ("Speaking", 271, 457, 322, 475), ("7.0", 326, 457, 348, 473),
            ("Overall", 371, 447, 411, 461), ("Band", 371, 458, 402, 473),
            ("Score", 371, 469, 402, 484), ("7.5", 416, 457, 437, 473),
            ("Test Report Form", 16, 700, 90, 714), ("Number", 16, 712, 60, 726),
            (number, 101, 705, 200, 720)]


def test_a_name_with_no_family_part_is_read_from_the_given_name_row(catalogue):
    # holdout12b: a Myanmar name has no family part; the Family Name row holds a dash OCR does
    # not see. No name was read. Its letters disagree with the TRF number's, so it is held for
    # review rather than returned as sure.
    result = read_boxes_at(catalogue, _trf([("Family Name", 16, 182, 77, 196)]))
    assert result.type == "ielts"
    assert result.fields["holder_name"] == "AUNG KYAW MIN"
    assert "holder_name" in doubted_fields(result.checks)


def test_a_short_family_name_lost_on_the_page_is_found_by_the_re_read_first(catalogue):
    # holdout12b's regression guard: a two-letter family name in a grey field is never
    # detected; the re-read of the strip right of Family Name finds it. The given name alone
    # is the last resort, not the first (a one-word given name agrees with any initials, so
    # nothing else would ask for the family name again).
    asked = []

    def reread(region, hint):
        asked.append(hint)
        return [TextBox("WIN", Box(101, 180, 125, 194), 0.95)]
    page = _trf([("Family Name", 16, 182, 77, 196)], "24MM123456WINM001A", "MIN")
    result = recognise(boxes_at(page), catalogue, today=TODAY, reread=reread)
    assert "holder_name" in asked
    assert result.fields["holder_name"] == "WIN MIN"


def test_a_family_name_read_on_its_row_is_still_joined_to_the_given_names(catalogue):
    result = read_boxes_at(catalogue, _trf([("Family Name", 16, 182, 77, 196),
                                          ("AUNG", 101, 180, 140, 194)]))
    assert result.fields["holder_name"] == "AUNG AUNG KYAW MIN"


def _results_page(number_line):
    # The British Council's results page: the name, given names first, only in a heading
    # with the test date (and in the top bar), and the TRF number after its label.
    return [("Your tests & results", 286, 104, 389, 129), ("Book new test", 412, 103, 494, 129),
            ("IELTS for UKVI Academic", 275, 157, 608, 198),
            ("SALMA NOUR HASSAN BIN RASHID, Saturday March 11 2023", 279, 198, 924, 229),
            ("This test has been completed.", 292, 306, 496, 336), ("Results", 617, 373, 681, 407),
            (number_line, 413, 438, 786, 468), ("Listening", 425, 481, 528, 513),
            ("7.0", 685, 478, 728, 515), ("Reading", 422, 510, 525, 557), ("6.5", 685, 517, 728, 554),
            ("Writing", 443, 558, 516, 593), ("6.0", 685, 556, 728, 593),
            ("Speaking", 447, 591, 530, 631), ("7.0", 685, 593, 728, 630),
            ("Overall", 425, 645, 490, 679), ("6.5", 688, 645, 726, 679),
            ("Hello, SALMA NOUR HASSAN BIN RASHID", 681, 9, 944, 27), ("Log out", 964, 6, 1016, 31)]


def test_a_results_page_number_after_its_parenthesised_label(catalogue):
    # holdout12b: "Test Report Form(TRF) Number:" was matched as the title's words, and the
    # number after it was read from the middle of the label. Its name (five words, the family
    # name BIN RASHID) is found by the number's letters, held for review.
    result = read_boxes_at(catalogue, _results_page("Test Report Form(TRF) Number:22EG001234BINS001A"))
    assert result.type == "ielts"
    assert result.fields["cert_number"] == "22EG001234BINS001A"
    assert result.fields["holder_name"] == "SALMA NOUR HASSAN BIN RASHID"
    assert result.fields["score"] == 6.5


def test_a_number_fitted_after_its_label_colon_is_returned_in_doubt(catalogue):
    # The same page with the number's first name letter (B) read as 8, as on the real page: the number fits its
    # pattern only with the look-alike swapped back, so it is returned for review, not as sure.
    result = read_boxes_at(catalogue, _results_page("Test Report Form(TRF) Number: 22EG0012348INS001A"))
    assert result.fields["cert_number"] == "22EG001234BINS001A"
    assert "cert_number" in doubted_fields(result.checks)


def test_the_old_ets_account_score_page_is_a_toefl_score_document(catalogue):
    # holdout12b: the ETS account's "View Scores" page of 2012, printed: its test column holds
    # a code, not "TOEFL iBT" (the 2014 page of holdout4b does), so no title was found.
    page = [("View Scores", 559, 26, 652, 52), ("ETS", 104, 67, 203, 124), ("TOEFL.", 652, 98, 806, 150),
            ("Log Out | FAQs | Help I Contact Us | TOEFL Home Page", 685, 165, 1082, 202),
            ("Candidate Profile", 62, 209, 197, 237), ("View Scores", 232, 217, 369, 248),
            ("Wei Zhang", 901, 204, 983, 228), ("Registration Number: 0000000012345678", 232, 259, 506, 287),
            ("Test", 245, 302, 298, 335), ("Test Date", 378, 307, 455, 330),
            ("Reading", 526, 304, 599, 335), ("Listening", 603, 304, 687, 335),
            ("Speaking", 691, 304, 773, 335), ("Writing", 772, 297, 845, 336),
            ("Total", 846, 302, 897, 335), ("TELXML", 241, 339, 305, 363),
            ("Sat Mar 10 09:30:00 EST 2012", 311, 337, 519, 365), ("25", 546, 337, 579, 365),
            ("27", 627, 337, 660, 365), ("23", 716, 337, 747, 365), ("26", 793, 337, 826, 365),
            ("101", 850, 335, 895, 367)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "toefl"
    assert result.fields["cert_number"] == "0000000012345678"
    assert result.fields["score"] == 101
    assert result.fields["issue_date"] == "2012-03-10"


def test_an_issue_date_before_a_later_month_read_without_its_day_is_held_in_doubt(catalogue):
    # holdout12a: 批准日期 printed in full, 签发日期 months later with its day under the seal.
    # The approval date was returned as the issue date, as sure; it is kept, for review.
    page = _ruankao_booklet(("管理号：14215210099", 126, 998, 585, 1045)) + [
        ("签发日期：", 939, 933, 1091, 980), ("2015年", 1152, 922, 1300, 969),
        ("04月", 1323, 909, 1451, 974)]
    result = read_boxes_at(catalogue, page)
    assert result.fields["issue_date"] == "2014-11-08"
    assert "issue_date" in doubted_fields(result.checks)


def test_an_issue_date_with_its_later_day_read_is_sure(catalogue):
    page = _ruankao_booklet(("管理号：14215210099", 126, 998, 585, 1045)) + [
        ("签发日期：", 939, 933, 1091, 980), ("2015年", 1152, 922, 1300, 969),
        ("04月", 1323, 909, 1451, 974), ("18日", 1460, 915, 1560, 972)]
    result = read_boxes_at(catalogue, page)
    assert result.fields["issue_date"] == "2015-04-18"
    assert not any(check["code"] == "low_confidence" for check in result.checks)
