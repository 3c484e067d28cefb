"""Wording and layouts first seen on the holdout20 set of real documents (2026-12-07, measured
unseen at d23fbd4 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from dataclasses import replace

from limitup.recognise import recognise
from tests.recognise.conftest import TODAY, boxes_at, read_boxes_at


def test_a_colleges_proof_letter_names_its_holder_after_zhengming(catalogue):
    # A college's letter for a named scholarship: no 荣誉证书, no number, the name in prose.
    letter = [("证明", 456, 71, 566, 133),
              ("兹证明陈思远为示例大学示例学院2019级工科荣誉计划", 133, 181, 947, 220),
              ("学生，学号519000000001，于我院获评2020年示例荣誉奖学金。", 75, 247, 927, 284),
              ("特此证明！", 131, 378, 272, 416), ("示例学院", 774, 636, 899, 674),
              ("2021年9月10日", 718, 700, 949, 737)]
    result = read_boxes_at(catalogue, letter)
    assert result.type == "scholarship_school"
    assert (result.fields["holder_name"], result.fields["issue_date"]) == ("陈思远", "2021-09-10")


def test_a_universitys_proof_letter_names_its_holder_then_sex(catalogue):
    letter = [("国家奖学金证明", 410, 313, 720, 376),
              ("陈思远，男，学号：M202300001，系我校示例学院", 192, 422, 1000, 459),
              ("2023级示例专业全日制硕士研究生。在校期间曾获得以下国家奖学金：", 128, 478, 1002, 515),
              ("2024年硕士国家奖学金", 183, 593, 479, 630), ("特此证明。", 179, 646, 324, 691),
              ("示例大学学生工作部", 565, 1209, 887, 1246), ("2024年12月17日", 596, 1250, 810, 1293)]
    result = read_boxes_at(catalogue, letter)
    assert result.type == "scholarship_national"
    assert result.fields["holder_name"] == "陈思远"


def certificate(name_line: str):
    """A university's 学业奖学金 certificate: the name alone on its line above the award."""
    return [("奖学金荣誉证书", 453, 297, 1080, 401), (name_line, 187, 480, 360, 546),
            ("荣获示例大学2024学年", 443, 569, 1113, 637),
            ("硕士研究生学业奖学金一等", 345, 656, 1205, 739), ("示例大学", 1174, 742, 1366, 814),
            ("二〇二四年十月", 1165, 809, 1373, 858), ("证书编号：20240100000001", 189, 817, 508, 853)]


# A surname outside recognition's common list (as on the real certificates): no box of three
# characters alone is taken for a name by its surname, so only the place reads it.
RARE = "亓思远"


def test_a_name_alone_on_the_line_above_the_award_is_the_holder(catalogue):
    assert read_boxes_at(catalogue, certificate(RARE)).fields["holder_name"] == RARE
    # A pronoun in its place is no one's name.
    assert read_boxes_at(catalogue, certificate("该生")).fields["holder_name"] is None


def test_a_number_right_aligned_above_the_body_is_no_start_of_its_prose(catalogue):
    # 编号：2018年第12345号 in small print, then the body a line's gap below in larger print:
    # joined as wrapped prose, the number's 号 began the name (号亓思远), as the number's box
    # was read surer than the body's.
    page = [("国家奖学金荣誉证书", 403, 272, 1181, 333),
            ("编号：2018年第12345号", 996, 390, 1366, 437),
            (f"{RARE} 同学荣获 2017 至 2018 学年度国家奖学金,特颁此证。", 317, 521, 1337, 597),
            ("中华人民共和国教育部", 818, 745, 1123, 787), ("二〇一八年十一月二十日", 820, 827, 1119, 869)]
    boxes = boxes_at(page)
    boxes[2] = replace(boxes[2], score=0.95)
    result = recognise(boxes, catalogue, today=TODAY)
    assert result.type == "scholarship_national"
    assert result.fields["holder_name"] == RARE
    assert result.fields["cert_number"] == "2018年第12345号"


# ETS's account page of 2021 (holdout20b's places, invented values): "Test Date Scores" under
# the date, the total over "out of 120", no "TOEFL".
TEST_DATE_SCORES = [("March 9, 2025", 22, 23, 318, 59), ("Test Date Scores", 21, 58, 282, 94),
                    ("Total Score", 53, 146, 198, 181), ("Reading: 27", 251, 164, 429, 201),
                    ("104", 93, 234, 161, 276), ("Listening: 25", 252, 266, 429, 301),
                    ("out of 120", 76, 277, 175, 308), ("Speaking: 24", 252, 368, 429, 401),
                    ("Writing: 28", 250, 470, 429, 506)]


def test_the_ets_account_page_of_2021_is_a_toefl_score_page(catalogue):
    result = read_boxes_at(catalogue, TEST_DATE_SCORES)
    assert result.type == "toefl"
    assert (result.fields["score"], result.fields["issue_date"]) == (104, "2025-03-09")
    # Its scale is the only word of the test: without it, no type.
    no_scale = [line for line in TEST_DATE_SCORES if line[0] != "out of 120"]
    assert read_boxes_at(catalogue, no_scale).type is None
