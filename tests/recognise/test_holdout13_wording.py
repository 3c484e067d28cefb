"""Wording and layouts first seen on the holdout13 sets of real documents (2026-12-07, measured
unseen before these rules), as pages of text boxes: invented names, numbers and dates in the real
documents' layout and geometry. Each read nothing, or the wrong thing, before its rule was added."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at, trf_page


def _region_certificate(name_line):
    return [("荣誉证书", 290, 114, 552, 188), ("HONORARY CREDENTIAL", 328, 189, 514, 207),
            ("本专科生自治区奖学金证书", 228, 238, 610, 277), ("编号：第Z20230001号", 498, 284, 751, 312),
            (name_line, 91, 311, 253, 352),
            ("荣获2022-2023学年度自治区奖学金，特发此证，以资鼓", 138, 368, 750, 402),
            ("励。", 72, 403, 118, 438), ("某某自治区教育厅", 560, 446, 720, 467),
            ("2023年12月20日", 568, 465, 702, 487)]


def test_an_autonomous_region_scholarship_is_provincial(catalogue):
    # holdout13a: 自治区奖学金, issued by the region's 教育厅, prints no 政府: it was typed as a
    # school scholarship.
    result = read_boxes_at(catalogue, _region_certificate("王丽君同学："))
    assert result.type == "scholarship_provincial"
    assert result.fields["issue_date"] == "2023-12-20"


def test_a_given_name_ending_in_jun_before_tongxue_keeps_its_last_character(catalogue):
    # holdout13a: 君 is also a form of address (张三君); before 同学 it is the name's own last
    # character. The name lost it.
    assert read_boxes_at(catalogue, _region_certificate("王丽君同学：")).fields["holder_name"] == "王丽君"
    # As the form of address alone, 君 is still no part of the name.
    assert read_boxes_at(catalogue, _region_certificate("陈思远君：")).fields["holder_name"] == "陈思远"


def _bilingual_award(name_line):
    return [("荣誉证书", 559, 250, 1041, 359), ("Certificate of Academic Award", 552, 373, 1043, 416),
            (name_line, 304, 463, 1370, 521),
            ("“某某拔尖学生培养计划”科研实践奖学金的评定中，荣获团体二等奖。", 226, 540, 1360, 590),
            ("特发此证，以资鼓励。", 307, 608, 643, 651), ("This is to certify that", 224, 683, 526, 719),
            ("Ms. Chen Siyuan, born on March 4, 2000, has been awarded the Second Team", 287, 734,
             1359, 777),
            ("Prize in 2019 - 2020 Honors Program of Research & Practice, due to", 224, 792, 1359, 832),
            ("her academic excellence.", 219, 845, 583, 890), ("某某大学", 1180, 871, 1380, 922),
            ("2020.06", 1215, 963, 1352, 1005)]


def test_a_name_before_the_holders_particulars_in_brackets_and_a_colon(catalogue):
    # holdout13a: "张三（出生日期：…）：在…学年…荣获…" addresses the holder with no 同学; no name was
    # read. The English line's "born on <date>" is the birth date, never the issue date (it was
    # returned as the issue date once the name was read).
    result = read_boxes_at(catalogue, _bilingual_award(
        "陈思远（出生日期：2000年3月4日）：在2019-2020学年某某大学"))
    assert result.type == "scholarship_school"
    assert result.fields["holder_name"] == "陈思远"
    assert result.fields["level"] == "二等"
    assert result.fields["issue_date"] is None


def _neea_results_page():
    # NEEA's IELTS results page (ielts.neea.cn, 查看成绩), printed from a browser: Chinese
    # labels, the name in Chinese and in pinyin, the bands in a table under their headers.
    return [("雅思网上报名 - 教育部考试中心", 29, 26, 230, 54), ("2023/6/2下午3:24", 958, 24, 1099, 54),
            ("首页", 42, 213, 93, 248), ("报名", 309, 215, 373, 246),
            ("教育部考试中心雅思考试报名网站", 256, 448, 667, 485), ("查看成绩", 57, 454, 218, 507),
            ("NEEAID", 258, 515, 338, 548), ("姓名(中文)", 527, 515, 625, 552),
            ("姓名 (拼音/英文)", 799, 517, 927, 548), ("12345678", 256, 539, 347, 576),
            ("陈思远", 525, 539, 603, 578), ("CHEN SIYUAN", 797, 541, 938, 572),
            ("考试 雅思考试", 294, 589, 428, 633), ("笔试日期", 265, 678, 351, 715),
            ("2023年5月20日星期六", 340, 680, 519, 711), ("考号", 296, 928, 347, 963),
            ("012345", 340, 928, 415, 961), ("考试成绩", 265, 1007, 347, 1046),
            ("听力", 390, 1012, 449, 1061), ("阅读", 525, 1015, 580, 1059),
            ("写作", 651, 1011, 713, 1060), ("口语", 790, 1020, 843, 1059),
            ("总成绩", 931, 1015, 1002, 1057), ("7.0", 399, 1059, 444, 1096),
            ("7.5", 530, 1059, 576, 1093), ("6.0", 662, 1059, 706, 1093),
            ("6.5", 792, 1059, 839, 1096), ("7.0", 942, 1059, 991, 1096),
            ("成绩单证书号: 23CN012345CHES001A", 347, 1224, 636, 1259),
            ("申请截止时间2023年6月30日23:59:59(24小时制)", 479, 1415, 839, 1443)]


def test_neeas_ielts_results_page_is_an_ielts_result(catalogue):
    # holdout13b: the page is all in Chinese (雅思, 成绩单证书号, 总成绩): no type was given.
    # Its only full dates are the test's and the re-mark deadline's; the deadline is no date of
    # the result.
    result = read_boxes_at(catalogue, _neea_results_page())
    assert result.type == "ielts"
    assert result.fields["holder_name"] == "CHEN SIYUAN"
    assert result.fields["cert_number"] == "23CN012345CHES001A"
    assert result.fields["score"] == 7.0
    assert result.fields["issue_date"] == "2023-05-20"
    # Nor is the deadline taken when it is the only full date left.
    without_test_date = [row for row in _neea_results_page()
                         if row[0] not in ("笔试日期", "2023年5月20日星期六", "2023/6/2下午3:24")]
    assert read_boxes_at(catalogue, without_test_date).fields["issue_date"] is None


def test_a_two_letter_family_name_ocr_never_saw_is_spelled_by_the_trf_number(catalogue):
    # holdout13b: the two-letter family name in its grey field was never detected; the given
    # name alone came back. Three letters in the TRF number are a family name of two and the
    # given name's initial: the whole name, held for review.
    result = read_boxes_at(catalogue, trf_page([], "23CN012345WUS001A"))
    assert result.type == "ielts"
    assert result.fields["holder_name"] == "WU SIYUAN"
    assert "holder_name" in doubted_fields(result.checks)


def test_four_letters_say_only_where_a_longer_family_name_starts(catalogue):
    result = read_boxes_at(catalogue, trf_page([], "23CN012345CHES001A"))
    assert result.fields["holder_name"] == "SIYUAN"
    assert "holder_name" in doubted_fields(result.checks)


def test_a_family_name_read_is_not_replaced_by_the_numbers_letters(catalogue):
    result = read_boxes_at(catalogue, trf_page([("WU", 199, 385, 230, 415)], "23CN012345WUS001A"))
    assert result.fields["holder_name"] == "WU SIYUAN"



def test_the_family_name_read_alone_is_not_doubled(catalogue):
    # LI of 23CN012345LIL001A is the family name (LI LEI, the given name lost): the letters'
    # last one is also its initial, but nothing is missing before it.
    from limitup.recognise.found import Found
    from limitup.recognise.initials import spelled_family_name
    spec = catalogue["ielts"].fields["holder_name"]
    number = Found("23CN012345LIL001A", 0.9)
    assert spelled_family_name(spec, Found("LI", 0.7), number).value == "LI"
    assert spelled_family_name(spec, Found("LEI", 0.7), number).value == "LI LEI"
