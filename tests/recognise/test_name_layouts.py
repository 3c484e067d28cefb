"""Issues 18 and 19, name layouts as text boxes (golden files with invented names): a label with
wide spaces split by OCR, a four-word name across Family Name / First Name(s) rows, a name
beside other English words. The blind reading (what `limitup scan` reports) reads each whole;
the guided read (limitup.recognise.names, at verification time) finds the account's name there
and nowhere a stranger's, nor outside a name position."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from limitup.recognise.names import ALONE_CONFIDENCE, read_expected_name
from limitup.verify.checks import read_name_for_account
from tests.recognise.conftest import boxes, golden

TODAY = date(2026, 5, 1)


def renamed(page: list[TextBox], old: str, new: str) -> list[TextBox]:
    return [replace(box, text=box.text.replace(old, new)) for box in page]


def test_spaced_label_split_into_boxes_is_read_as_a_label(catalogue):
    _, page = golden("hand_name_spaced_label")
    result = recognise(page, catalogue, today=TODAY)
    assert result.fields["holder_name"] == "余文博"
    # Read beside its label, not as a box that merely starts with a surname: not in doubt.
    assert result.field_confidence["holder_name"] >= 0.8
    assert not [c for c in result.checks if c["code"] == "low_confidence"]
    cert = catalogue["constructor"]
    found = read_expected_name(page, cert, "余文博")
    assert (found.value, found.place) == ("余文博", "right")
    # A five-character Mongolian name there: the blind reading cannot vouch for it, the guided
    # read finds it; a stranger whose name is its first three characters is not found.
    long_page = renamed(page, "余文博", "乌兰图雅其")
    assert read_expected_name(long_page, cert, "乌兰图雅其").confidence >= 0.8
    assert read_expected_name(long_page, cert, "乌兰图") is None


def test_four_word_name_across_two_rows(catalogue):
    record, page = golden("hand_name_four_words_rows")
    result = recognise(page, catalogue, today=TODAY)
    assert result.fields["holder_name"] == "AL RASHIDI KARIM YUSUF"     # all four words
    cert = catalogue["ielts"]
    for kyc in ("Karim Yusuf Al Rashidi", "AL RASHIDI, KARIM YUSUF", "karim yusuf al-rashidi"):
        found = read_expected_name(page, cert, kyc)
        assert found is not None and found.place == "split", kyc
        assert found.value == "AL RASHIDI KARIM YUSUF" and found.confidence >= 0.8
    for stranger in ("Karim Al Rashidi", "Karim Yusuf Rashidi", "Yusuf Al Rashidi Karim Ali"):
        assert read_expected_name(page, cert, stranger) is None, stranger


def test_name_beside_other_english_words(catalogue):
    _, page = golden("hand_name_beside_english_words")
    result = recognise(page, catalogue, today=TODAY)
    # Not "s ability to write and speak" (the Test Taker label inside a sentence), nor "Email".
    assert result.fields["holder_name"] == "Lena Marie Novak"
    cert = catalogue["duolingo"]
    found = read_expected_name(page, cert, "NOVAK Lena Marie")
    assert found.value == "Lena Marie Novak" and found.place in ("right", "joined")
    assert read_expected_name(page, cert, "Lena Novak") is None
    assert read_expected_name(page, cert, "Marie Novak") is None


@pytest.mark.parametrize("printed, kyc", [
    ("扎西顿珠", "扎西顿珠"), ("阿依古丽·买买提", "阿依古丽•买买提"), ("阿依古丽・买买提", "阿依古丽·买买提"),
    ("欧阳娜娜", "欧阳娜娜"), ("司马相如", "司马 相如"), ("胡雨桐子涵", "胡雨桐子涵")])
def test_cjk_names_of_any_shape_beside_their_label(catalogue, printed, kyc):
    page = boxes([("医师资格证书", 300, 20), ("姓名", 100, 100), (printed, 200, 100),
                  ("性别", 100, 140), ("男", 200, 140)])
    found = read_expected_name(page, catalogue["physician"], kyc)
    assert found is not None and found.place == "right"
    shorter = kyc.replace(" ", "")[:-1]
    assert read_expected_name(page, catalogue["physician"], shorter) is None


@pytest.mark.parametrize("printed, kyc", [
    ("ZHAXI DUNZHU", "扎西顿珠"), ("AYIGULI MAIMAITI", "阿依古丽·买买提"),
    ("MAIMAITI AYIGULI", "阿依古丽·买买提"), ("Ouyang Nana", "欧阳娜娜"),
    ("GARCIA LOPEZ JOSE", "José García López"), ("García López, José", "JOSE GARCIA LOPEZ")])
def test_romanised_names_in_any_order_and_case(catalogue, printed, kyc):
    page = boxes([("Duolingo English Test", 100, 20), ("Name", 100, 100), (printed, 200, 100),
                  ("Test Date", 100, 140), ("May 9, 2025", 220, 140)])
    found = read_expected_name(page, catalogue["duolingo"], kyc)
    assert found is not None and found.place == "right", (printed, kyc)


def test_a_strangers_name_outside_a_name_position_verifies_nothing(catalogue):
    """The stranger's name printed on someone else's certificate as the examiner, or alone in a
    box (a signature): never taken for the holder's name with confidence."""
    page = boxes([("医师资格证书", 300, 20), ("姓名", 100, 100), ("张建国", 200, 100),
                  ("审核人：王小明", 100, 300), ("王小明", 400, 340)])
    cert = catalogue["physician"]
    found = read_expected_name(page, cert, "王小明")
    assert found is not None and found.place == "alone"
    assert found.confidence <= ALONE_CONFIDENCE
    recognition = recognise(page, catalogue, today=TODAY)
    assert recognition.fields["holder_name"] == "张建国"
    read, check = read_name_for_account(recognition, catalogue, "王小明")
    # Another name, read plainly beside the label: the page names someone else. Held, and the
    # comparison says so.
    assert check["read"] == "conflict" and check["match"] is False
    assert read.fields["holder_name"] == "张建国"
    assert any(c["code"] == "low_confidence" and "holder_name" in c["fields"]
               for c in read.checks)


@pytest.mark.parametrize("verb", ["系", "为", "是"])
def test_proof_letter_name_before_a_verb_is_the_kyc_name(catalogue, verb):
    """A 证明 letter names its holder in prose, "兹证明陈思远系我校学生…", for any type, not only
    scholarships (whose honour_name_patterns read it blind): the guided read finds the account's
    name there; a stranger whose name is the first two characters is not found."""
    page = boxes([("证明", 300, 20),
                  (f"兹证明陈思远{verb}示例大学2019级学生，其普通话水平测试等级为二级甲等。", 60, 100),
                  ("特此证明", 60, 160)])
    cert = catalogue["putonghua"]
    found = read_expected_name(page, cert, "陈思远")
    assert found is not None and (found.value, found.place) == ("陈思远", "pattern")
    assert read_expected_name(page, cert, "陈思") is None
