"""The credential page draws the recognised fields on the stored photo: the pipeline keeps each
field's box (coordinates only) and the reader's page geometry with the recognition, and the boxes
land on the right words even when the reader turned the photo. Real OCR, real SQLite."""
from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

from limitup import accounts, create_app, credentials, pipeline
from limitup.ingest import load_stored
from limitup.ocr import get_engine
from limitup.preprocess import rotate
from limitup.samples import make_certificate
from limitup.store import get_db, get_rules, pipeline_settings
from limitup.web.boxes import overlay
from tests.fixtures import make_id
from tests.web.conftest import SECRET, sign_in

ID_NUMBER = make_id(birth="19890612", serial="731")


@pytest.fixture(scope="module")
def engine():
    return get_engine("default")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("boxes") / "data"),
                      "SECRET_KEY": SECRET})
    with app.app_context():
        user_id = accounts.add_user(get_db(), name="张三", id_number=ID_NUMBER, base_fen=500_000,
                                    secret_key=SECRET, policy=get_rules().limits)
    return app, user_id


def _upload(site, engine, image: Image.Image, turned_ccw: int = 0):
    app, user_id = site
    photo = rotate(image.convert("RGB"), turned_ccw)
    body = io.BytesIO()
    photo.save(body, "PNG")
    with app.app_context():
        result = pipeline.submit(get_db(), user_id, body.getvalue(), pipeline_settings(),
                                 engine=engine)
        row = credentials.get(get_db(), result["id"])
        stored = Image.open(io.BytesIO(load_stored(app.config["IMAGES_DIR"], row["image_name"])))
        stored.load()
    return row, stored


def _teacher(seed=1):
    return make_certificate("teacher_qualification", holder_name="张三", id_number=ID_NUMBER,
                            tier="scan", level="高级中学", issue_date="2024-06-01", seed=seed)


def test_recognition_keeps_field_boxes_and_page_but_no_id_number(site, engine):
    image, label = _teacher()
    row, stored = _upload(site, engine, image)
    kept = row["recognition"]
    assert set(kept["field_boxes"]) == {"holder_name", "cert_number", "issue_date", "level"}
    for box in kept["field_boxes"].values():
        assert len(box) == 4 and all(isinstance(v, int) for v in box)
    assert kept["ocr_page"]["turn"] == 0 and kept["ocr_page"]["size"] == list(stored.size)
    text = json.dumps(kept, ensure_ascii=False)
    assert label["id_number"] not in text and label["id_number"][6:14] not in text


@pytest.mark.parametrize("turned_ccw", [0, 90, 180])
def test_boxes_land_on_the_words_of_a_turned_photo(site, engine, turned_ccw):
    """Crop the stored photo where the overlay draws the number, turn the crop upright, read it
    again: it is the certificate number."""
    image, label = _teacher()
    row, stored = _upload(site, engine, image, turned_ccw)
    assert row["type"] == "teacher_qualification"
    assert row["recognition"]["ocr_page"]["turn"] == (360 - turned_ccw) % 360
    drawn = {box["field"]: box for box in overlay(row["recognition"]["field_boxes"], stored.size,
                                                   row["recognition"]["ocr_page"])}
    number = drawn["cert_number"]
    margin = 6
    crop = stored.crop((number["x"] - margin, number["y"] - margin,
                        number["x"] + number["width"] + margin,
                        number["y"] + number["height"] + margin))
    upright = rotate(crop, (360 - turned_ccw) % 360)
    padded = Image.new("RGB", (upright.width + 40, upright.height + 40), (246, 246, 246))
    padded.paste(upright, (20, 20))
    read = "".join(box.text for box in engine.read(padded))
    assert label["cert_number"] in re.sub(r"\s", "", read)


def test_credential_page_draws_the_boxes(site, engine):
    app, user_id = site
    image, _ = _teacher(seed=2)
    row, stored = _upload(site, engine, image)
    client = app.test_client()
    sign_in(client, user_id)
    page = client.get(f"/credentials/{row['id']}").get_data(as_text=True)
    assert f'viewBox="0 0 {stored.size[0]} {stored.size[1]}"' in page
    fields = re.findall(r'<rect class="box box-(\w+)" data-field="\1"', page)
    assert fields == ["holder_name", "cert_number", "issue_date", "level"]
