"""The printed ID number is filled on the stored photo when the decision is made (SPEC 7).

A real generated teacher's certificate (it prints the holder's ID number), real OCR (the default
engine), a real SQLite file. The test finds the number's box on the reader's own OCR page (turned
and scaled as extras["ocr_page"] says) with its own OCR pass, hands it to pipeline.process as
recognition.field_boxes["id_number"], and checks that region. tests/privacy/ checks documents
of other kinds and second copies (every box the reader found, extras["id_boxes"]).
"""
from __future__ import annotations

import io
import os
import re

import numpy as np
import pytest
from PIL import Image

from limitup import accounts, create_app, credentials, pipeline
from limitup.boxes import on_photo
from limitup.ingest import ingest, load_stored
from limitup.ocr import get_engine
from limitup.preprocess import limit_size, rotate, suppress_red
from limitup.reader import read_image
from limitup.redact import boxes_to_fill, with_margin
from limitup.samples import make_certificate
from limitup.store import get_db, get_rules, pipeline_settings
from tests.fixtures import make_id, queued_credential

SECRET = "redact-test-secret"
ID_NUMBER = make_id(birth="19880415", area="320211", serial="517")


@pytest.fixture(scope="module")
def engine():
    return get_engine("default")


@pytest.fixture
def app(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET})
    with app.app_context():
        app.config["TEST_USER"] = accounts.add_user(
            get_db(), name="张三", id_number=ID_NUMBER, base_fen=500_000, secret_key=SECRET,
            policy=get_rules().limits)
    return app


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def _id_box_on_ocr_page(photo: Image.Image, ocr_page: dict, engine):
    """The real OCR text box holding the ID number, on the page the reader made of the photo."""
    scaled, scale = limit_size(photo)                 # as reader.read_image prepares it
    assert scale == pytest.approx(ocr_page["scale"])
    page = rotate(suppress_red(scaled), ocr_page["turn"])
    assert list(page.size) == ocr_page["size"]
    found = [box for box in engine.read(page) if ID_NUMBER in _digits(box.text)]
    assert found, "OCR did not read the printed ID number at all"
    return found[0]


@pytest.mark.parametrize("turned_ccw", [0, 90])
def test_printed_id_number_is_filled_on_the_stored_photo(app, engine, turned_ccw):
    image, label = make_certificate("teacher_qualification", holder_name="张三",
                                    id_number=ID_NUMBER, tier="scan", level="高级中学",
                                    issue_date="2024-06-01", seed=3)
    assert label["id_number"] == ID_NUMBER
    body = io.BytesIO()
    rotate(image.convert("RGB"), turned_ccw).save(body, "PNG")
    images_dir = app.config["IMAGES_DIR"]
    with app.app_context():
        ingested = ingest(body.getvalue(), max_bytes=app.config["MAX_UPLOAD_BYTES"])
        credential_id = queued_credential(get_db(), app.config["TEST_USER"], ingested)
        row = credentials.get(get_db(), credential_id)
        before = Image.open(io.BytesIO(load_stored(images_dir, row["image_name"]))).convert("RGB")
        recognition, _ = read_image(before, engine, get_rules().catalogue)
        assert recognition.extras.get("id_number") == ID_NUMBER
        ocr_page = recognition.extras["ocr_page"]
        id_box = _id_box_on_ocr_page(before, ocr_page, engine)
        recognition.field_boxes["id_number"] = id_box
        result = pipeline.process(get_db(), credential_id, recognition, pipeline_settings())
    assert result["status"] == "verified", result["reasons"]
    assert result["holder_id_mask"].endswith(ID_NUMBER[-4:])

    after = Image.open(io.BytesIO(load_stored(images_dir, row["image_name"]))).convert("RGB")
    assert after.size == before.size
    region = with_margin(on_photo(id_box.box, before.size, ocr_page), before.size)
    x0, y0, x1, y1 = region
    filled = np.asarray(after.crop((x0 + 2, y0 + 2, x1 - 2, y1 - 2)).convert("L"))
    assert filled.max() < 40, "the ID number's region is not filled opaque"
    # The rest of the photo is the same picture (one more JPEG pass at quality 90), but for the
    # other boxes the reader found showing the number (whole boxes: a box read as 身份证件号码：
    # and the number together is filled label and all).
    outside = np.ones((before.height, before.width), dtype=bool)
    for box in boxes_to_fill(recognition):
        x0, y0, x1, y1 = with_margin(on_photo(box, before.size, ocr_page), before.size)
        outside[max(0, y0 - 8):y1 + 8, max(0, x0 - 8):x1 + 8] = False
    difference = np.abs(np.asarray(before, dtype=np.int16)
                        - np.asarray(after, dtype=np.int16)).max(axis=2)[outside]
    assert difference.mean() < 1.5 and np.percentile(difference, 99.9) < 24
    # Read again: the number is gone, the certificate number is still there.
    text = _digits("".join(box.text for box in engine.read(rotate(after, ocr_page["turn"]))))
    assert ID_NUMBER not in text and ID_NUMBER[-8:] not in text
    assert label["cert_number"] in text
    # Replaced atomically: no temporary file left, still private.
    assert not [name for name in os.listdir(images_dir) if name.startswith(".")]
    assert os.stat(os.path.join(images_dir, row["image_name"])).st_mode & 0o777 == 0o600


def test_without_an_id_box_the_photo_is_left_as_it_is(app):
    from tests.fixtures import golden, picture
    with app.app_context():
        ingested = ingest(picture(7), max_bytes=app.config["MAX_UPLOAD_BYTES"])
        credential_id = queued_credential(get_db(), app.config["TEST_USER"], ingested)
        name = credentials.get(get_db(), credential_id)["image_name"]
        stored = load_stored(app.config["IMAGES_DIR"], name)
        pipeline.process(get_db(), credential_id,
                         golden("cpa", holder="张三", number="110101230012"), pipeline_settings())
        assert load_stored(app.config["IMAGES_DIR"], name) == stored
