"""Structure validators driven by the catalogue data, and the value parsers."""
from __future__ import annotations

import pytest

from limitup.recognise.dates import parse_date
from limitup.recognise.text import normalise, repair_number
from limitup.recognise.validators import check_number, score_ok
from limitup.recognise import values
from tests.recognise.conftest import TODAY


def number_spec(catalogue, type_id):
    return catalogue[type_id].fields["cert_number"]


def test_teacher_number_level_and_sex_digits_cross_check(catalogue):
    spec = number_spec(catalogue, "teacher_qualification")
    number = "20191101042100123"        # level digit 4 = 高级中学, sex digit 2 = 女
    assert check_number(number, spec, {"level": "高级中学", "sex": "女"}, TODAY).ok
    wrong_level = check_number(number, spec, {"level": "小学", "sex": "女"}, TODAY)
    assert not wrong_level.ok and "高级中学" in wrong_level.failures[0]
    assert not check_number(number, spec, {"level": "高级中学", "sex": "男"}, TODAY).ok
    assert check_number(number, spec, {}, TODAY).implied == {"level": "高级中学", "sex": "女"}
    assert not check_number("20191101048100123", spec, {}, TODAY).ok     # 8: no such level
    assert not check_number("2019110104210012", spec, {}, TODAY).ok      # 16 digits
    assert not check_number("30191101042100123", spec, {}, TODAY).ok     # year 3019


def test_cet_level_digit_and_sitting(catalogue):
    cet4, cet6 = number_spec(catalogue, "cet4"), number_spec(catalogue, "cet6")
    assert check_number("231142010300123", cet4, {}, TODAY).ok
    assert not check_number("231242010300123", cet4, {}, TODAY).ok
    assert check_number("231242010300123", cet6, {}, TODAY).ok
    assert not check_number("233142010300123", cet4, {}, TODAY).ok       # sitting 3
    assert not check_number("301142010300123", cet4, {}, TODAY).ok       # year 2030 (future)


def test_year_prefix_is_plausible(catalogue):
    spec = number_spec(catalogue, "accounting_junior")
    assert check_number("2021110000012345", spec, {}, TODAY).ok
    assert not check_number("1921110000012345", spec, {}, TODAY).ok
    assert not check_number("2031110000012345", spec, {}, TODAY).ok


def test_id_number_check_digit(catalogue):
    spec = catalogue["teacher_qualification"].extras["id_number"]
    good = "11010119900307002X"
    from limitup.ids import check_digit
    good = good[:17] + check_digit(good[:17])
    assert values.id_number(spec, good) == [(good, 1.0)]
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert values.id_number(spec, bad) == [(bad, 0.5)]
    # O read for 0 inside the number is repaired.
    assert (good, 1.0) in values.id_number(spec, good.replace("0", "O"))


def test_score_ranges_and_steps(catalogue):
    ielts = catalogue["ielts"].fields["score"]
    assert score_ok(7.5, ielts) and score_ok(9, ielts) and score_ok(0, ielts)
    assert not score_ok(7.3, ielts) and not score_ok(9.5, ielts)
    duolingo = catalogue["duolingo"].fields["score"]
    assert score_ok(125, duolingo) and not score_ok(127, duolingo) and not score_ok(5, duolingo)
    toefl = catalogue["toefl"].fields["score"]
    assert score_ok(120, toefl) and not score_ok(121, toefl)
    cet = catalogue["cet4"].fields["score"]
    assert score_ok(710, cet) and not score_ok(711, cet)
    # A lost decimal point is repaired when only the tenth is valid.
    assert values.score(ielts, "75") == [(7.5, 0.5)]
    assert values.score(toefl, "1O4") == [(104.0, 1.0)]


def test_normalisation():
    assert normalise("证书编号：２０１９ ") == "证书编号:2019"
    assert normalise("姓 名  张 三") == "姓名张三"
    assert normalise("ZHANG  SAN") == "ZHANG SAN"
    # ETS's "MyBest™ Scores": the mark is no TM (a crop of a report's panels kept no other title).
    assert normalise("MyBest™ Scores") == "MyBest Scores"
    assert repair_number("2O19l1O1", {"O": "0", "l": "1"}) == "20191101"
    assert repair_number("A2O19", {"O": "0", "A": "4"}, keep_prefix=1) == "A2019"


def test_dates():
    assert parse_date("2023年6月30日").isoformat() == "2023-06-30"
    assert parse_date("二〇二三年十一月二十日").isoformat() == "2023-11-20"
    assert parse_date("Test Date: March 12, 2024").isoformat() == "2024-03-12"
    assert parse_date("12 MAR 2024").isoformat() == "2024-03-12"
    assert parse_date("12/03/2024").isoformat() == "2024-03-12"
    assert parse_date("2024.3.12").isoformat() == "2024-03-12"
    assert parse_date("2023年6月").isoformat() == "2023-06-01"
    assert parse_date("no date here") is None
    # Duolingo certificates in the test taker's language (a real Portuguese one, 2024).
    assert parse_date("10 DE JANEIRO DE 2024").isoformat() == "2024-01-10"
    assert parse_date("3 de marzo de 2023").isoformat() == "2023-03-03"
    assert parse_date("Sua faixa de pontuação") is None


def test_letters_alone_are_never_repaired_into_a_number(catalogue):
    from limitup.recognise.values import number
    spec = catalogue["duolingo"].fields["cert_number"]
    # "Sua faixa de pontuação" without its spaces: 16 letters that s->5, i->1, o->0 would make
    # an ID of an older certificate's shape.
    assert [value for value, quality in number(spec, "suafaixadepontua") if quality >= 0.5] == []
    assert ("bm5pwehkyjpyja5x", 0.9) in number(spec, "bm5pwehkyjpyjaSx")


def test_level_vocabulary_prefers_exact_and_longest(catalogue):
    teacher = catalogue["teacher_qualification"].fields["level"]
    assert values.lookup_level(teacher, "高级中学教师资格")[0] == "高级中学"
    assert values.lookup_level(teacher, "中等职业学校实习指导教师资格")[0] == "中等职业学校实习指导"
    assert values.lookup_level(teacher, "中等职业学校教师资格")[0] == "中等职业学校"
    computer = catalogue["accounting_junior"].fields["level"]
    assert values.lookup_level(computer, "助理会计师")[0] == "初级"


def test_gb11643_rule_and_one_of():
    from limitup.ids import check_digit
    from limitup.recognise.catalogue import FieldSpec, Validator
    spec = FieldSpec("id_number", "number", pattern=r"\d{17}[\dX]",
                     validators=(Validator("gb11643"), Validator("one_of", index=0, values=("1", "4"))))
    good = "44010619900307002" + check_digit("44010619900307002")
    assert check_number(good, spec, {}, TODAY).ok
    assert not check_number(good[:17] + ("0" if good[17] != "0" else "1"), spec, {}, TODAY).ok
    other = "51010619900307002" + check_digit("51010619900307002")
    assert check_number(other, spec, {}, TODAY).failures == ["position 0 must be one of ('1', '4')"]


def test_merged_romanised_names_are_split():
    from limitup.recognise.romanised import split_merged
    assert split_merged("XIAJIA") == "XIA JIA"
    assert split_merged("LIYI") == "LI YI"
    assert split_merged("WANGXIAODONG") == "WANG XIAODONG"
    assert split_merged("OUYANGNANA") == "OUYANG NANA"
    assert split_merged("XiaJia") == "Xia Jia"
    assert split_merged("Xiuhao") == "Xiuhao"
    assert split_merged("ZHANG SAN") == "ZHANG SAN"
    assert split_merged("JOHNSON") == "JOHNSON"      # not pinyin: as printed


def test_dates_with_letters_for_digits(catalogue):
    spec = catalogue["nurse"].fields["issue_date"]
    assert values.date_value(spec, "201S.08.24") == [("2015-08-24", 1.0)]
    assert values.date_value(spec, "2O19年O7月l2日") == [("2019-07-12", 1.0)]


# Eighth pass (2026-12-02): small451's toefl_photo_holdout_001 (sent at 800 px) printed
# December 26, 2022 and OCR read Decmbes 26, 2022.

@pytest.mark.parametrize("text, expected", [
    ("Decmbes 26, 2022", "2022-12-26"), ("30 Decmber 2023", "2023-12-30"),
    ("Augst 3, 2019", "2019-08-03"), ("Jume 30, 2023", "2023-06-30"),
])
def test_a_misread_month_name_is_mended_with_less_confidence(catalogue, text, expected):
    spec = catalogue["toefl"].fields["issue_date"]
    assert values.date_value(spec, text) == [(expected, 0.6)]


@pytest.mark.parametrize("text", ["Number 26, 2022", "Mav 5, 2020", "Score 26, 2022"])
def test_a_word_far_from_every_month_or_between_two_is_no_month(catalogue, text):
    assert values.date_value(catalogue["toefl"].fields["issue_date"], text) == []


# Eighth pass: dates under an issuer's seal on hard and photo tiers, as OCR read them.
@pytest.mark.parametrize("text, expected", [
    ("2615年8月19日", "2015-08-19"),       # blind 437 tem8: 0 of 2015 read 6 (2615 cannot be)
    ("2025年-06月23日", "2025-06-23"),     # hard 445 securities: a stray dash after 年
    ("2019年12/42日", "2019-12-12"),       # small 451 teacher: 月 read /, 1 read 4
])
def test_an_impossible_or_oddly_separated_date_is_mended_with_less_confidence(catalogue, text,
                                                                             expected):
    spec = catalogue["tem8"].fields["issue_date"]
    assert values.date_value(spec, text) == [(expected, 0.6)]


def test_a_year_that_can_be_is_not_mended():
    from limitup.recognise.dates import repair_impossible_month_day
    assert repair_impossible_month_day("2023年06月15日") == "2023年06月15日"
    assert repair_impossible_month_day("1998年06月15日") == "1998年06月15日"
    assert repair_impossible_month_day("2019年20月28日") == "2019年20月28日"   # 2 -> 1 or 0: no guess


def test_a_validator_applies_to_numbers_of_its_length_only(catalogue):
    """软考 管理号: 16 digits year first (SPEC 1), or 20 digits with the year at index 3 (seen on a
    real certificate of 2025); each year rule checks its own format."""
    spec = number_spec(catalogue, "computer_professional")
    assert check_number("2019110000123456", spec, {}, TODAY).ok
    assert check_number("21520241190027731145", spec, {}, TODAY).ok
    assert not check_number("21530241190027731145", spec, {}, TODAY).ok       # year 3024
    assert not check_number("3019110000123456", spec, {}, TODAY).ok
    assert not check_number("215202411900277311", spec, {}, TODAY).ok         # 18 digits


def test_a_year_after_the_leading_letters(catalogue):
    """National scholarship 编号 BZK2021... and school numbers XZH202404-01234 as printed on real
    certificates; SPEC 1's school format (2019SG6802) still reads."""
    national = number_spec(catalogue, "scholarship_national")
    assert check_number("BZK202112345", national, {}, TODAY).ok
    assert check_number("SSY2024018832", national, {}, TODAY).ok
    assert not check_number("BZK302116599", national, {}, TODAY).ok            # year 3021
    school = number_spec(catalogue, "scholarship_school")
    for number in ("XZH202404-01234", "DX202311-45", "2019SG6802"):
        assert check_number(number, school, {}, TODAY).ok, number
    assert not check_number("XZH302404-03218", school, {}, TODAY).ok


def test_duolingo_ids_as_real_certificates_print_them(catalogue):
    spec = number_spec(catalogue, "duolingo")
    for number in ("0f3a9b12c4d5e6f7", "k3m9x2p7q4r8t1vw", "5c0e9a7d12b34f6e8a90c1d2e3f4a5b6"):
        assert check_number(number, spec, {}, TODAY).ok, number
    assert not check_number("administratorsxx", spec, {}, TODAY).ok           # a word, no digit
    assert not check_number("5c0e9a7d12b34f6e8a90c1d2e3f4a5bz", spec, {}, TODAY).ok


def test_a_percentage_is_never_a_score(catalogue):
    spec = catalogue["cet6"].fields["score"]
    assert values.score(spec, "(35%)") == []
    assert values.score(spec, normalise("35 ％")) == []       # full-width, as OCR gives it
    assert values.score(spec, "587") == [(587.0, 1.0)]


def test_a_level_as_near_to_two_classes_is_none(catalogue):
    """等奖学金 with its numeral lost is as near to 一等 as to 二等 and 三等: a level decides
    money, so no level rather than the first in the list (a real 二等 read 一等 so)."""
    school = catalogue["scholarship_school"].fields["level"]
    assert values.lookup_level(school, "综合等奖学金。特发此证") is None
    putonghua = catalogue["putonghua"].fields["level"]
    assert values.lookup_level(putonghua, "一级等") is None


def test_numerals_read_as_strokes_before_deng(catalogue):
    """OCR reads 二 as '=' and 一 as '-' (综合=等奖学金 on a real certificate)."""
    school = catalogue["scholarship_school"].fields["level"]
    assert values.lookup_level(school, "综合=等奖学金。") == ("二等", 1.0)
    assert values.lookup_level(school, "荣获-等奖学金") == ("一等", 1.0)
    assert values.lookup_level(school, "荣获三等奖学金")[0] == "三等"


def test_a_letter_in_a_trf_number_stands_only_where_the_centre_number_prints_it(catalogue):
    # holdout13b: a centre numbered with a letter (XXS01) ends its TRF numbers with S01, which
    # OCR also reads for 501: the letter is sure only when the Centre Number read ends so.
    spec = number_spec(catalogue, "ielts")
    lettered = "23XX012345CHEAS01A"
    assert check_number(lettered, spec, {"centre_number": "XXS01"}, TODAY).ok
    assert not check_number(lettered, spec, {"centre_number": "XX501"}, TODAY).ok
    assert "no centre_number read" in check_number(lettered, spec, {}, TODAY).failures[0]
    # Three digits there need no such witness.
    assert check_number("23XX012345CHEA501A", spec, {}, TODAY).ok
