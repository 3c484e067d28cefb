"""No ID number readable on a stored photo, none in the database or its WAL (SPEC 7; issue 21,
items 1 and 2), through the whole pipeline with real OCR on a real SQLite file.

Two uploads, each read once by the product's own reader (as the queue worker does) and applied
by pipeline.process, which fills the boxes on the stored photo:
- a recognised teacher's certificate printing the holder's number in its field and a second
  copy in groups of four under it, saved by "Adobe Photoshop" with the number in EXIF Software;
- a household register (常住人口登记卡), which is no catalogue type, saved by Meitu with the
  number in EXIF Software grouped with full-width spaces.
Then the stored photo is read again with the same reader (the number is not there, the rest of
the document is), and the database file and its -wal file, read as bytes while the server's
connection is open, hold no form of either number (the masks, searched the same way, are there).
"""
from __future__ import annotations

import json

import pytest

from limitup import accounts, create_app, credentials, ids, pipeline
from limitup.ingest import ingest
from limitup.ocr import get_engine
from limitup.reader import read_image
from limitup.samples import make_certificate, make_negative
from limitup.store import get_db, get_rules, pipeline_settings
from tests.conftest import make_id
from tests.fixtures import queued_credential
from tests.privacy.kit import (grouped, jpeg, read_back, stored_photo, valid_ids_in,
                               with_footer_line, written_forms)

SECRET = "privacy-test-secret"
HOLDER = make_id(birth="19880415", area="320211", serial="517")


@pytest.fixture(scope="module")
def engine():
    return get_engine("default")


@pytest.fixture(scope="module")
def uploads(tmp_path_factory, engine):
    """Both uploads processed; what the reader saw first, the rows, and the database's bytes
    (file and WAL) taken while the connection that wrote them is still open."""
    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("privacy") / "data"),
                      "SECRET_KEY": SECRET})
    certificate, cert_label = make_certificate(
        "teacher_qualification", holder_name="张三", id_number=HOLDER, tier="scan",
        level="高级中学", issue_date="2024-06-01", seed=3)
    certificate = with_footer_line(certificate, "持证人身份证号：" + grouped(HOLDER))
    register, register_label = make_negative("household_register", tier="scan", seed=1)
    other = register_label["id_number"]
    sent = {"certificate": jpeg(certificate, software="Adobe Photoshop 2024 " + HOLDER),
            "register": jpeg(register, software="Meitu " + grouped(other).replace(" ", "\u3000"))}
    out = {"app": app, "cert_label": cert_label, "register_id": other}
    with app.app_context():
        db = get_db()
        user = accounts.add_user(db, name="张三", id_number=HOLDER, base_fen=500_000,
                                 secret_key=SECRET, policy=get_rules().limits)
        for name, body in sent.items():
            ingested = ingest(body, max_bytes=app.config["MAX_UPLOAD_BYTES"])
            credential_id = queued_credential(db, user, ingested)
            recognition, _ = read_image(ingested.image, engine, get_rules().catalogue)
            out[name] = {"seen": recognition.extras["ocr_text"],
                         "id_boxes": recognition.extras["id_boxes"],
                         "result": pipeline.process(db, credential_id, recognition,
                                                    pipeline_settings()),
                         "row": credentials.get(db, credential_id)}
        database = app.config["DATABASE"]
        out["bytes"] = {"db": open(database, "rb").read(),
                        "wal": open(database + "-wal", "rb").read()}
    return out


def test_a_recognised_certificate_keeps_neither_copy_readable(uploads, engine):
    upload = uploads["certificate"]
    assert upload["result"]["type"] == "teacher_qualification"
    # Before: the reader read the number twice, once in groups, and found a box for each copy.
    seen = upload["seen"].replace(" ", "")
    assert seen.count(HOLDER) >= 2, upload["seen"]
    assert len(upload["id_boxes"]) >= 2
    photo = stored_photo(uploads["app"], upload["row"])
    digits, text, boxes = read_back(photo, engine, get_rules_of(uploads))
    assert HOLDER not in digits and HOLDER[-8:] not in digits and HOLDER[:10] not in digits
    assert valid_ids_in(text) == [] and boxes == []
    # What the reviewer needs is still there: the certificate number and the name.
    assert uploads["cert_label"]["cert_number"] in digits
    assert "张三" in text


def test_an_unrecognised_document_keeps_no_readable_number(uploads, engine):
    upload, number = uploads["register"], uploads["register_id"]
    assert upload["result"]["type"] is None
    assert number in upload["seen"] and upload["id_boxes"]
    digits, text, boxes = read_back(stored_photo(uploads["app"], upload["row"]), engine,
                                    get_rules_of(uploads))
    assert number not in digits and number[-8:] not in digits and number[:10] not in digits
    assert valid_ids_in(text) == [] and boxes == []
    assert "常住人口登记卡" in text


def test_no_form_of_either_number_in_the_database_or_its_wal(uploads):
    stored = uploads["bytes"]
    assert len(stored["wal"]) > 0, "the WAL was not there to search"
    for number in (HOLDER, uploads["register_id"]):
        for part, data in stored.items():
            leaked = [form for form in written_forms(number) if form.encode() in data]
            assert not leaked, f"{part} holds {leaked}"
    everything = stored["db"] + stored["wal"]
    # The search does see stored text: the masks are there (OCR text, edit signals).
    assert ids.mask_id(HOLDER).encode() in everything
    assert ids.mask_id(uploads["register_id"]).encode() in everything


def test_edit_signals_and_ocr_text_are_stored_masked(uploads):
    for name, number in (("certificate", HOLDER), ("register", uploads["register_id"])):
        row = uploads[name]["row"]
        signals = json.dumps(row["edit_signals"], ensure_ascii=False)
        assert "editing software" in signals and ids.mask_id(number) in signals, signals
        assert ids.mask_id(number) in row["ocr_text"]
        for form in written_forms(number):
            assert form not in signals and form not in row["ocr_text"]


def get_rules_of(uploads):
    with uploads["app"].app_context():
        return get_rules().catalogue
