"""Wording and layouts first seen on the holdout6 sets of real documents (2026-12-06), as pages
of text boxes: invented names and numbers in the real documents' layout. Each read nothing,
or the wrong thing, before its rule was added."""
from __future__ import annotations

from tests.recognise.conftest import read_rows


def test_a_national_scholarship_numbered_in_its_year(catalogue):
    page = [("国家奖学金证书", 400, 100), ("编号：2018年第12345号", 900, 300),
            ("王小明同学：", 100, 400), ("荣获2017-2018学年度本专科生国家奖学金。", 200, 480),
            ("特发此证。", 200, 560), ("中华人民共和国教育部", 800, 800), ("2018年11月20日", 800, 860)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_national"
    assert result.fields["cert_number"] == "2018年第12345号"
    # OCR lost the closing 号 (a real 2015 certificate): the form puts it back.
    page[1] = ("编号：2015年第10001", 900, 300)
    assert read_rows(catalogue, page).fields["cert_number"] == "2015年第10001号"


def test_a_school_award_shortened_to_xueyejiang_with_capitals_before_its_number(catalogue):
    page = [("证书编号：M202212345", 660, 200), ("荣誉证书", 411, 311),
            ("机械科学与工程学院李华同学", 163, 446), ("荣获华中科技大学2022-2023学年度", 256, 565),
            ("“一等硕士学业奖”。", 181, 632), ("特发此证，以资鼓励。", 256, 717),
            ("华中科技大学", 669, 1296), ("二〇二二年十二月", 634, 1354)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert (result.fields["holder_name"], result.fields["cert_number"],
            result.fields["level"]) == ("李华", "M202212345", "一等")


def test_a_school_number_of_three_capitals_and_the_year(catalogue):
    page = [("WUHAN UNIVERSITY", 294, 63), ("证书编号：YGC202212345", 418, 122),
            ("李华同学", 81, 225), ("荣获武汉大学 2022 年研究", 161, 329),
            ("生“优秀学业奖学金”一等奖。", 68, 396), ("特发此证，以资鼓励。", 160, 462),
            ("武汉大学", 488, 761), ("二〇二二年十二月", 445, 827)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "YGC202212345"


def test_a_cet_letter_opening_with_the_name_and_sex(catalogue):
    page = [("全国大学外语等级考试成绩证明", 276, 347),
            ("李华，男，某某大学物理系学生，学号1160010000，身份证", 202, 526),
            ("号（略），于2017年6月参加全国大学英语六级考试，成绩为", 117, 605),
            ("523分（满分为710分），准考证号110011171200123，证书（成绩单）编号", 115, 689),
            ("171211009000123。特此证明。", 135, 773), ("某某大学教务处", 963, 1071),
            ("2018年3月22日", 1030, 1152)]
    result = read_rows(catalogue, page)
    assert result.type == "cet6"
    assert result.fields["holder_name"] == "李华"


def test_a_duolingo_name_with_no_label_right_above_the_test_date(catalogue):
    # The 2023 browser print and the 2025 certificate: no comma, no label, no pinyin.
    page = [("Aung Min Thant", 328, 165), ("NOVEMBER 4, 2023", 328, 213), ("duolingo", 983, 241),
            ("english test", 981, 270), ("Overall", 309, 378),
            ("https://certs.duolingo.com/0a1b2c3d4e5f60718293a4b5c6d7e8f9", 77, 1480)]
    result = read_rows(catalogue, page)
    assert result.type == "duolingo"
    assert result.fields["holder_name"] == "Aung Min Thant"
    # The name nowhere near a date: not taken for one.
    page[0] = ("Aung Min Thant", 328, 700)
    assert read_rows(catalogue, page).fields["holder_name"] is None


def test_a_2021_duolingo_link_with_an_eight_character_id(catalogue):
    page = [("CERTIFICATE", 43, 28), ("Thant, Aung", 285, 196), ("MARCH 31, 2021", 281, 252),
            ("certs.duolingo.com/ab12cd3e", 281, 290), ("duolingo", 1036, 283),
            ("english test", 1032, 315), ("Overall", 264, 441)]
    result = read_rows(catalogue, page)
    assert result.type == "duolingo"
    assert result.fields["cert_number"] == "ab12cd3e"
    # Eight characters anywhere else are no certificate ID.
    page[3] = ("Reference ab12cd3e", 281, 290)
    assert read_rows(catalogue, page).fields["cert_number"] is None
