"""OCR text is stored with ID numbers masked (SPEC 7), whatever carries it: the reader's full
text in extras["ocr_text"] (when the reader provides it) or, failing that, the field boxes' text."""
from __future__ import annotations

from limitup import credentials, ids, pipeline
from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.store import get_db, pipeline_settings
from tests.fixtures import add_user, golden, ingested, make_app, queued_credential, valid_id

OWNER = "32021119880415517"


def _process(tmp_path, recognition, seed):
    app = make_app(tmp_path)
    with app.app_context():
        user_id = add_user("张三", OWNER)
        credential_id = queued_credential(get_db(), user_id, ingested(seed))
        pipeline.process(get_db(), credential_id, recognition, pipeline_settings())
        return credentials.get(get_db(), credential_id)


def test_full_ocr_text_is_stored_masked(tmp_path):
    number = valid_id(OWNER)
    recognition = golden("cpa", holder="张三", number="110101230012", id_number=number)
    recognition.extras["ocr_text"] = f"注册会计师\n姓名 张三\n身份证号 {number}\n编号 110101230012"
    row = _process(tmp_path, recognition, 1)
    assert number not in row["ocr_text"] and ids.mask_id(number) in row["ocr_text"]
    assert "110101230012" in row["ocr_text"]          # other numbers are kept as read


def test_field_box_text_is_the_fallback_and_masked(tmp_path):
    number = valid_id(OWNER)
    recognition = golden("cpa", holder="张三", number="110101230012", id_number=number)
    recognition.field_boxes["holder_name"] = TextBox(f"张三 {number}", Box(1, 1, 50, 10), 0.9)
    row = _process(tmp_path, recognition, 2)
    assert number not in row["ocr_text"] and ids.mask_id(number) in row["ocr_text"]
