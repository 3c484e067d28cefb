"""Wording and layouts first seen on the holdout9 and holdout10 sets of real documents
(2026-12-07), as pages of text boxes: invented names and numbers in the real documents' layout
and geometry. Each read nothing, or the wrong thing, before its rule was added."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from tests.recognise.conftest import TODAY, read_rows


def test_a_scholarship_named_after_an_honour_title_is_a_school_scholarship(catalogue):
    # "荣获…学年度优秀 | 学生干部奖学金。" over two lines: the honour title 优秀学生干部 inside
    # the scholarship's name excluded the type, and nothing was read.
    page = [("荣誉证书", 517, 146), ("HONORARY CREDENTIAL", 546, 285), ("陈思远：", 228, 404),
            ("荣获广东某某大学2022-2023学年度优秀", 335, 522), ("学生干部奖学金。", 233, 621),
            ("特发此证，以资鼓励！", 341, 719), ("广东某某大学", 1057, 893),
            ("二〇二三年十一月", 1013, 968)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["holder_name"] == "陈思远"


def test_the_honour_title_alone_is_still_no_scholarship(catalogue):
    page = [("荣誉证书", 517, 146), ("陈思远同学：", 228, 404),
            ("在2022-2023学年度被评为优秀学生干部。", 335, 522), ("特发此证，以资鼓励！", 341, 719),
            ("广东某某大学", 1057, 893), ("二〇二三年十一月", 1013, 968)]
    assert read_rows(catalogue, page).type is None


def test_a_school_number_of_six_capitals_year_and_serial_printed_alone(catalogue):
    # A vocational college's 荣誉证书: the number alone at the top right, no label.
    page = [("KLMXYZ20210456", 1014, 180), ("陈思远同学：", 192, 379),
            ("荣获2020-2021学年学院学生奖学金", 269, 473), ("二等奖。", 160, 550),
            ("特发此证，以资鼓励。", 271, 632), ("某某职业技术学院", 844, 721), ("2021年10月", 911, 781)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "KLMXYZ20210456"
    assert result.fields["level"] == "二等"


def _box(text, x0, y0, x1, y1):
    return TextBox(text, Box(x0, y0, x1, y1), 0.99)


def test_a_putonghua_issue_date_split_with_its_year_left_of_the_label(catalogue):
    # Under 发证单位 the year is one box and "年 08 月 19 日" another, the nearer one to the
    # label: read alone it has no year, so the test date (测试时间) was returned instead.
    page = [_box("普通话水平测试", 69, 105, 470, 161), _box("姓名李明华", 578, 118, 735, 162),
            _box("等级证书", 150, 167, 384, 229), _box("性别男", 576, 159, 699, 212),
            _box("测试时间", 583, 264, 665, 291), _box("2019年07月20日", 664, 253, 812, 283),
            _box("成", 582, 306, 618, 337), _box("绩", 637, 308, 667, 334),
            _box("87.2分", 661, 296, 727, 328), _box("等", 582, 350, 639, 379),
            _box("级二级甲等", 630, 338, 753, 382), _box("测试机构", 583, 395, 665, 422),
            _box("某某市普通话培训测试中心", 668, 387, 903, 413),
            _box("证书编号 4219060012345", 578, 426, 797, 471),
            _box("国家语言文字工作委员会制", 136, 527, 403, 553), _box("发证单位", 695, 526, 779, 553),
            _box("2019", 722, 637, 774, 664), _box("年 08 月 19 日", 786, 635, 964, 671)]
    result = recognise(page, catalogue, today=TODAY)
    assert result.type == "putonghua"
    assert result.fields["issue_date"] == "2019-08-19"
    assert result.fields["cert_number"] == "4219060012345"


def test_the_duolingo_proficiency_exam_of_2014_is_not_the_english_test(catalogue):
    # Its forerunner, scored out of 10, with a short certs.duolingo.com link: it was typed
    # duolingo on the strength of the brand and the link.
    page = [("duoLingotest center", 57, 113), ("Verify this certificate at:", 1211, 128),
            ("certs.duolingo.com/ab3c4d5e", 1207, 155), ("This certificate verifies that", 604, 245),
            ("John Alan Smith", 470, 318),
            ("has successfully completed the Duolingo Proficiency Exam", 363, 416),
            ("with a score of", 687, 462), ("7.0 / 10 in English", 598, 530),
            ("DATE OF TEST", 391, 796), ("2014-07-31", 389, 829)]
    assert read_rows(catalogue, page).type is None
    # The English test's own certificate with the same link is still one.
    page[5] = ("has successfully completed the Duolingo English Test", 363, 416)
    assert read_rows(catalogue, page).type == "duolingo"


def test_a_toeic_institutional_score_report_is_not_a_toefl_report(catalogue):
    # holdout10b (measured unseen): ETS's TOEIC report, typed toefl for review on its ETS
    # wording, its name field taken from "Client/Institution Name".
    page = [("TOEIC.", 111, 48), ("LISTENING AND READING", 405, 65),
            ("OFFICIAL INSTITUTIONAL SCORE REPORT", 305, 89), ("Dupont Claire", 268, 139),
            ("LISTENING", 712, 139), ("TOTAL", 988, 148), ("SCORE", 984, 170), ("Name", 265, 189),
            ("460", 871, 193), ("Your score", 756, 204), ("825", 992, 288),
            ("Test Date", 265, 370), ("2020/07/31", 265, 341),
            ("Client/Institution Name: ETS GLOBAL PARIS", 259, 454),
            ("Your scaled score is between 400 and 495. Test takers who score around 400", 51, 643),
            ("Copyright by Educational Testing Service. All rights reserved. ETS, the ETS logo, "
             "TOEFL and TOEIC are registered trademarks of Educational Testing Service", 49, 539)]
    assert read_rows(catalogue, page).type is None
