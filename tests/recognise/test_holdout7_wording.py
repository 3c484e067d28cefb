"""Wording and layouts first seen on the holdout7 sets of real documents (2026-12-06), as pages
of text boxes: invented names and numbers in the real documents' layout. Each read nothing,
or the wrong thing, before its rule was added."""
from __future__ import annotations

from limitup.recognise import values
from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import TODAY, read_rows


def test_a_duolingo_name_typed_in_lower_case(catalogue):
    # 2024 certificates print the name as its holder typed it: "family, given", lower case.
    page = [("duolingo english test", 97, 54), ("OFFICIAL CERTIFICATE", 963, 50),
            ("wang, xiaoming", 234, 207), ("Date of birth: June 1, 1999", 234, 265),
            ("Certificate ID: ab12cd34ef56ab78", 652, 265), ("Test taken: July 9, 2024", 234, 304),
            ("Overall Score", 36, 448), ("110", 118, 622)]
    result = read_rows(catalogue, page)
    assert result.type == "duolingo"
    assert result.fields["holder_name"] == "wang xiaoming"
    # Pinyin in one case, lower case included: a name, not in doubt for its shape.
    assert "holder_name" not in doubted_fields(result.checks)


def test_lower_case_outside_the_typed_name_shape_is_still_no_name(catalogue):
    spec = catalogue["duolingo"].fields["holder_name"]
    assert values.name_roman(spec, "li, jiahao") == [("li jiahao", 1.0)]
    # A sentence cut at a comma, a label's word, or lower case with no comma: not a name.
    assert values.name_roman(spec, "topics, including technical discussions in areas")[0][1] < 0.5
    assert values.name_roman(spec, "date, birth")[0][1] < 0.5
    assert values.name_roman(spec, "nuary")[0][1] < 0.5


def test_a_toefl_report_on_the_2026_scale_gives_its_0_to_120_total(catalogue):
    page = [("*toefl ibt", 49, 49), ("Test Taker Score Report", 869, 80),
            ("Wang, Xiao Ming", 60, 167),
            ("Last (Family/Surname) Name, First (Given) Name Middle Name", 60, 217),
            ("Test Date: June 13, 2026", 67, 511), ("Appointment #: 1234 5678 9012 3456", 62, 533),
            ("Overall Score", 137, 761), ("Reading", 362, 765), ("Listening", 560, 765),
            ("Writing", 777, 770), ("Speaking", 965, 763),
            ("5.0 of 6", 148, 811), ("5.0 of 6", 386, 811), ("5.0 of 6", 575, 811),
            ("5.5 of 6", 781, 811), ("5.0 of 6", 983, 810), ("100 of 120", 148, 831),
            ("CEFR: C1", 152, 851)]
    result = read_rows(catalogue, page)
    assert result.type == "toefl"
    assert result.fields["score"] == 100
    # The band alone is on another scale: never taken for the total.
    assert read_rows(catalogue, page[:-2]).fields["score"] is None


def test_a_score_printed_with_its_scale(catalogue):
    toefl = catalogue["toefl"].fields["score"]
    assert values.score(toefl, "100 of 120") == [(100.0, 1.0)]
    assert values.score(toefl, "5.0 of 6") == []
    duolingo = catalogue["duolingo"].fields["score"]
    assert values.score(duolingo, "145 of 160") == [(145.0, 1.0)]


def test_the_ets_account_score_page_with_its_scores_is_read_as_a_score_report(catalogue):
    # holdout7 excluded this page ("it comes before the report"); holdout14b read the account's
    # score page as a report, as it shows what the report shows; holdout22b's collector labelled
    # one with this notice toefl. Since dda99ba the notice excludes only a page without its
    # scores (test_holdout22_wording).
    page = [("My TOEFL iBT®Test Scores", 75, 72),
            ("Below is a summary of your scores. View feedback on your performance.", 74, 125),
            ("See Approximate Score Reporting Dates for an estimate of when your PDF", 74, 152),
            ("Test Taker Name: Xiao Ming Wang", 75, 185),
            ("Test Appointment Number: 1234567890123456", 75, 204),
            ("Your Scores from Test Date:", 75, 254), ("November 22, 2019", 74, 271),
            ("97", 206, 350), ("24", 428, 349), ("24", 585, 349), ("25", 741, 349)]
    assert read_rows(catalogue, page).type == "toefl"


def test_an_ielts_number_missing_its_years_first_digit_is_not_taken_as_sure(catalogue):
    spec = catalogue["ielts"].fields["cert_number"]
    assert spec.regex.fullmatch("22ID001234WANX123A")
    assert spec.regex.fullmatch("23CN012345LIX001A")         # a two-letter family name
    assert spec.regex.fullmatch("2300001234WANX001A")        # a centre numbered in digits
    assert not spec.regex.fullmatch("2ID001234WANX123A")     # the year's first digit lost
    # Repairs cannot force a misread into the shape (I->1, B->8 made 21D0057368...).
    assert not spec.regex.fullmatch("21D0012348ANX123A")


def test_school_numbers_as_each_school_prints_them(catalogue):
    from limitup.recognise.validators import check_number
    spec = catalogue["scholarship_school"].fields["cert_number"]
    for number in ("J102400001234", "JXJ24012345", "0012345", "YGC202212345", "2019SG6802"):
        assert check_number(number, spec, {}, TODAY).ok, number
    # A number printed year first is still checked for its year.
    assert not check_number("XZH302404-01234", spec, {}, TODAY).ok
    assert not check_number("2099SG6802", spec, {}, TODAY).ok


def test_a_school_scholarship_in_b_class_with_a_capital_and_twelve_digits(catalogue):
    page = [("奖学金证书", 229, 80), ("王小明同学，学号510000000001，荣获上", 166, 269),
            ("海交通大学2015-2016年度B等优秀奖学金。", 87, 334), ("特颁此证，以资鼓励。", 189, 395),
            ("This is to certify that Wang Xiaoming is awarded", 85, 502),
            ("Academic ExcellenceScholarship( Second-Class)", 85, 565),
            ("证书编号：J102400001234", 102, 824), ("上海交通大学", 350, 928)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert (result.fields["holder_name"], result.fields["cert_number"],
            result.fields["level"]) == ("王小明", "J102400001234", "二等")


def test_a_school_number_after_the_numero_sign(catalogue):
    # OCR reads № as N9 (四川大学, 2007).
    page = [("四川大学获奖证书", 420, 122), ("王小明同学：", 274, 316),
            ("荣获2006—2007学年四川大学", 409, 418), ("单项一等奖学金。", 267, 528),
            ("特发此证，以资鼓励。", 404, 643), ("四川大学", 1045, 747),
            ("二零零七年十二月", 1048, 827), ("N90012345", 1235, 1061)]
    result = read_rows(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "0012345"
    # Digits alone, with no label and no sign, are no number.
    page[-1] = ("90012345", 1235, 1061)
    assert read_rows(catalogue, page).fields["cert_number"] is None


def test_a_certificate_of_participation_naming_the_toefl_ibt_is_no_score_report(catalogue):
    # An online olympiad's certificate (holdout6b) printing ETS's logos and "TOEFL iBT": untyped
    # before only because OCR read "TOEFL® BT"; once read "TOEFL®iBT" it was typed toefl.
    page = [("Galvanize", 178, 147), ("*ets *gre *toefl.", 904, 137),
            ("Certificate of Participation", 306, 400), ("This is to certify that", 615, 539),
            ("Xiao Ming Wang", 658, 612), ("Some University, Some City", 652, 691),
            ("participated for the International Online Olympiad Conducted in the Month of"
             " January 2025", 300, 749),
            ("by Galvanize Global Education in Association with ETS®GRE®& TOEFL®iBT.", 396, 793),
            ("Event Partner", 202, 965)]
    assert read_rows(catalogue, page).type is None
