import pytest

from limitup import ids
from limitup.money import AmountError, fen_to_yuan_text, yuan_to_fen


@pytest.mark.parametrize("number", ["11010519491231002X", "110105194912310021X"[:18]])
def test_check_digit(number):
    assert ids.is_valid_id("11010519491231002X")


def test_invalid_ids():
    assert not ids.is_valid_id("110105194912310021")   # wrong check digit
    assert not ids.is_valid_id("110105194913310028")   # month 13
    assert not ids.is_valid_id("1101051949123100")     # too short
    assert ids.is_valid_id(" 11010519491231002x ")     # lower-case x and spaces are normalised


def test_hash_is_keyed_and_mask_hides_the_middle():
    assert ids.id_hash("11010519491231002X", "a") != ids.id_hash("11010519491231002X", "b")
    assert ids.id_hash("11010519491231002x", "a") == ids.id_hash("11010519491231002X", "a")
    assert ids.mask_id("11010519491231002X") == "110105********002X"


def test_ids_in_free_text_are_masked():
    text = "身份证号 11010519491231002X 证书编号 20231100012345678"
    masked = ids.mask_ids_in_text(text)
    assert "11010519491231002X" not in masked and "110105********002X" in masked


@pytest.mark.parametrize("given,fen", [("12.5", 1250), ("0", 0), ("100", 10000), (" 3.01 ", 301)])
def test_yuan_to_fen(given, fen):
    assert yuan_to_fen(given) == fen


@pytest.mark.parametrize("bad", ["-1", "abc", "1.001", "nan", "inf", ""])
def test_bad_amounts(bad):
    with pytest.raises(AmountError):
        yuan_to_fen(bad)


def test_fen_to_yuan_text():
    assert fen_to_yuan_text(123456) == "1234.56"
