"""A score whose label is unreadable, found by the arithmetic that ties it to the section scores
printed beside it (rules/catalogue: `sum_of_parts`, `mean_of_parts`) or by the range its level
is given for (`level_ranges`). Photos lose the "Overall Band Score", 总分 or 测试成绩 label
under a seal or blur while the numbers stay readable."""
from __future__ import annotations

import pytest

from limitup.recognise import recognise
from limitup.rules import RulesError, load_rules
from limitup.samples.catalogue import _bands_around, ielts_overall
from tests.recognise.conftest import TODAY, boxes
from tests.recognise.test_catalogue_schema import _broken_rules

IELTS_HEAD = [("IELTS", 300, 20), ("Test Report Form", 260, 60), ("Family Name CAO", 100, 120),
              ("First Name(s) HONGBO", 100, 160),
              ("Test Report Form Number 19CN433855CAHO066A", 100, 200)]


def _band_row(*texts: str) -> list[tuple[str, int, int]]:
    """The results row of a report whose section labels are unreadable ("Reaig")."""
    return [("Reaig", 200, 300)] + [(text, 100 + 110 * i, 330) for i, text in enumerate(texts)]


def _ielts(catalogue, *row: str):
    return recognise(boxes(IELTS_HEAD + _band_row(*row)), catalogue, today=TODAY)


@pytest.mark.parametrize("row, overall", [
    (("4.0", "4.5", "4.5", "5.0", "4.5"), 4.5),    # the overall equals two of the bands
    (("6.5", "6.5", "6.0", "6.0", "6.5"), 6.5),    # mean 6.25: halves go up
    (("6.5", "6.0", "6.0", "6.0", "6.0"), 6.0),    # mean 6.125: down to 6.0
    (("7.0", "7.5", "7.0", "7.5", "7.5"), 7.5),    # mean 7.25
    (("5.5", "6.0", "6.5", "7.0", "6.5", "B2"), 6.5),   # the CEFR level is not a band
])
def test_an_unlabelled_ielts_overall_is_the_band_the_other_four_make(catalogue, row, overall):
    result = _ielts(catalogue, *row)
    assert result.type == "ielts"
    assert result.fields["score"] == overall


@pytest.mark.parametrize("row", [
    ("6.0", "6.0", "6.0", "6.0", "8.0"),   # no band is the mean of the other four
    ("4.0", "6.0", "7.0", "8.5", "5.5"),
    ("55", "6.0", "6.0", "6.5"),           # a band lost its point, one band missing
])
def test_bands_that_do_not_add_up_give_no_score(catalogue, row):
    assert _ielts(catalogue, *row).fields["score"] is None


def test_a_readable_overall_label_wins_over_the_arithmetic(catalogue):
    rows = IELTS_HEAD + _band_row("6.0", "6.0", "6.0", "6.0", "6.0") + [
        ("Overall Band Score", 100, 400), ("7.0", 320, 400)]
    assert recognise(boxes(rows), catalogue, today=TODAY).fields["score"] == 7.0


@pytest.mark.parametrize("sections, total", [((28, 27, 25, 24), 104), ((30, 30, 30, 30), 120)])
def test_an_unlabelled_toefl_total_is_the_sum_of_its_four_sections(catalogue, sections, total):
    rows = [("TOEFL iBT Test Taker Score Report", 200, 20), ("Name: WEI XIYAN", 100, 100),
            ("Appointment Number: 3029966443025116", 100, 140)]
    rows += [(str(value), 100 + 90 * i, 300) for i, value in enumerate(sections + (total,))]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert (result.type, result.fields["score"]) == ("toefl", total)


def test_an_unlabelled_cet_total_is_the_sum_of_its_three_parts(catalogue):
    rows = [("全国大学英语四级考试(CET4)成绩报告单", 200, 20), ("姓名陆洋艳", 100, 100),
            ("报告单编号191120802649019", 100, 140),
            ("653", 100, 300), ("279", 200, 300), ("写作和翻译170", 300, 300), ("204", 480, 300)]
    assert recognise(boxes(rows), catalogue, today=TODAY).fields["score"] == 653


@pytest.mark.parametrize("bands, overall", [
    ([9.0, 8.5, 9.0, 9.0], 9.0),    # mean 8.875
    ([4.0, 4.5, 5.0, 4.5], 4.5),    # mean 4.5
    ([6.0, 6.0, 6.5, 6.5], 6.5),    # mean 6.25: halves go up
    ([6.0, 6.0, 6.0, 6.5], 6.0),    # mean 6.125: down
])
def test_ielts_rounding_is_halves_up(bands, overall):
    assert ielts_overall(bands) == overall


@pytest.mark.parametrize("overall", [0.0, 3.5, 6.0, 7.5, 9.0])
def test_generated_ielts_bands_make_the_printed_overall(overall):
    """As on a real Test Report Form (the generator once drew bands at random around it)."""
    for offsets in ([1, 1, 1, 0.5], [-1, -1, -0.5, -1], [1, -1, 0.5, 0], [0, 0, 0, 0]):
        bands = _bands_around(overall, offsets)
        assert ielts_overall(bands) == overall
        assert all(0 <= band <= 9 and band * 2 == int(band * 2) for band in bands)


def test_sum_and_mean_together_are_refused_with_the_file_and_key(tmp_path):
    rules_dir, path = _broken_rules(
        tmp_path, "ielts", lambda d: d["fields"]["score"].update(sum_of_parts=4))
    with pytest.raises(RulesError, match="mean_of_parts") as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)


def test_a_mean_needs_a_step_to_round_to(tmp_path):
    rules_dir, path = _broken_rules(
        tmp_path, "ielts", lambda d: d["fields"]["score"].pop("step"))
    with pytest.raises(RulesError, match="step") as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)


PUTONGHUA = [("普通话水平测试等级证书", 400, 150), ("持证人姓名", 200, 380), ("尹秀英", 200, 400),
             ("等级", 535, 450), ("三级乙等", 535, 480), ("证书编号", 855, 460),
             ("321912181534534", 855, 486)]


@pytest.mark.parametrize("extra, score", [
    ([("63.1", 200, 480)], 63.1),                        # blind set 437, photo tier
    ([("63.1", 200, 480), ("88.5", 600, 700)], 63.1),    # another number, outside the range
    ([("63.1", 200, 480), ("65.0", 600, 700)], None),    # two in the range: neither
    ([("83.1", 200, 480)], None),                        # not a 三级乙等 score
])
def test_an_unlabelled_putonghua_score_is_the_number_its_level_is_given_for(catalogue, extra,
                                                                             score):
    result = recognise(boxes(PUTONGHUA + extra), catalogue, today=TODAY)
    assert (result.type, result.fields["level"]) == ("putonghua", "三级乙等")
    assert result.fields["score"] == score


@pytest.mark.parametrize("ranges, key", [
    ({"四级": [0, 59.9]}, "fields.score.level_ranges"),     # not a level of the vocabulary
    ({"一级甲等": [100, 97]}, "level_ranges"),              # runs high to low
])
def test_a_broken_level_range_is_refused_with_the_file_and_key(tmp_path, ranges, key):
    rules_dir, path = _broken_rules(
        tmp_path, "putonghua", lambda d: d["fields"]["score"]["level_ranges"].update(ranges))
    with pytest.raises(RulesError, match=key) as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)
