"""One masking function (ids.mask_ids_in_text) for every stored or logged text: it knows ID
numbers printed plain or grouped, and leaves other numbers as they are (SPEC 7, issue 21 item 2)."""
from __future__ import annotations

import pytest
from PIL import Image

from limitup import ids
from limitup.ingest.signals import edit_signals
from tests.conftest import make_id
from tests.ingest import images

NUMBER = make_id(birth="19900307", area="110101", serial="457")
MASK = ids.mask_id(NUMBER)
X_NUMBER = "11010519491231002X"


@pytest.mark.parametrize("written", [
    NUMBER,
    " ".join(NUMBER[i:i + 4] for i in range(0, 18, 4)),           # 1101 0119 9003 0745 73
    f"{NUMBER[:6]}-{NUMBER[6:14]}-{NUMBER[14:]}",                  # 110101-19900307-4573
    f"{NUMBER[:6]}\u3000{NUMBER[6:14]}\u3000{NUMBER[14:]}",          # full-width spaces
    f"{NUMBER[:6]} \u2014 {NUMBER[6:14]}\uff0d{NUMBER[14:]}",         # em dash, full-width hyphen
    " ".join(NUMBER),                                              # letter-spaced
    "".join(chr(ord(c) + 0xFEE0) for c in NUMBER),                 # full-width digits
    f"{NUMBER[:9]}\n{NUMBER[9:]}",                                 # read as two OCR boxes
    f"{NUMBER[:6]}?{NUMBER[6:14]}?{NUMBER[14:]}",                  # U+3000 written as ASCII
])
@pytest.mark.parametrize("around", ["{}", "身份证号：{}。", "公民身份号码{}", "ID No.{}abc",
                                    "Adobe Photoshop 2024 ({})"])
def test_every_written_form_is_masked(written, around):
    masked = ids.mask_ids_in_text(around.format(written))
    assert MASK in masked
    digits = "".join(ch for ch in masked if ch.isdigit())
    assert NUMBER not in digits and NUMBER[6:14] not in digits


def test_the_check_character_and_a_number_inside_a_longer_run():
    assert ids.mask_ids_in_text(f"号码 {X_NUMBER[:6]} {X_NUMBER[6:14]} {X_NUMBER[14:]}") == \
        "号码 110105********002X"
    # A valid number inside a longer run of groups is still found, the rest kept.
    assert ids.mask_ids_in_text(f"1234 {NUMBER[:6]} {NUMBER[6:14]} {NUMBER[14:]} 5") == \
        f"1234 {MASK} 5"
    # A misread digit (check fails) printed in whole groups is still masked.
    misread = NUMBER[:10] + ("0" if NUMBER[10] != "0" else "1") + NUMBER[11:]
    assert not ids.is_valid_id(misread)
    assert ids.mask_ids_in_text(f"{misread[:6]}-{misread[6:14]}-{misread[14:]}") == \
        ids.mask_id(misread)


@pytest.mark.parametrize("kept", [
    "证书编号 20231100012345678",          # 17 digits (teacher qualification)
    "管理号 2024110012300123",             # 16 digits
    "发证日期 2024-06-01 至 2030-06-01",
    "电话 010-6512 3456 手机 138 0013 8000",
    "卡号 6222 0212 3456 7890 123",        # 19 digits in groups, no valid window
    "6222021234567890123",                 # 19 digits in one piece
    '{"scale": 0.5333333333333333, "size": [1437, 976], "box": [83, 359, 320, 406]}',
])
def test_other_numbers_are_kept(kept):
    assert ids.mask_ids_in_text(kept) == kept


def test_the_mask_is_stable():
    once = ids.mask_ids_in_text(f"a {NUMBER} b")
    assert ids.mask_ids_in_text(once) == once == f"a {MASK} b"


def test_an_id_in_exif_software_never_reaches_the_edit_signal_in_clear():
    # Past the 80 characters a signal keeps: masked before it is cut, so no part is left.
    padding = "x" * 60
    for software in (f"Adobe Photoshop 2024 {NUMBER}",
                     f"Adobe Photoshop {padding} {NUMBER}",
                     f"美图秀秀 {NUMBER[:6]}-{NUMBER[6:14]}-{NUMBER[14:]}"):
        image = Image.new("RGB", (300, 300), "white")
        exif = images.exif_with(software=software)
        signals = edit_signals(image, exif)
        assert signals and "editing software" in signals[0]
        text = " ".join(signals)
        digits = "".join(ch for ch in text if ch.isdigit())
        assert NUMBER[6:14] not in digits and NUMBER[:10] not in digits, text
