"""The printed ID number's redaction is encoded before the decision's write transaction and
written inside it, last (pipeline.photo_redaction, pipeline.decide).

Deterministic, no timing: the JPEG encode of the redaction (redact._jpeg) is wrapped so that,
while it runs, a second connection tries to write with a busy timeout of 0. SQLite answers
"database is locked" at once if the first connection holds the write lock, as it did when the
redaction was encoded inside the transaction. Real SQLite file, golden recognitions (no OCR)."""
from __future__ import annotations

import io
import sqlite3
import time

import numpy as np
import pytest
from PIL import Image

from limitup import credentials, pipeline, redact
from limitup import db as dbmod
from limitup.ingest import load_stored
from limitup.jobs import redis_queue
from limitup.jobs.redis_codec import Sealer, recognition_to_json
from limitup.store import get_db, pipeline_settings
from tests.fixtures import SECRET, add_user, golden, ingested, make_app, queued_credential

HOLDER_ID = "11010519491231002"
ID_BOX = (40, 40, 300, 80)          # where the golden reading says an ID number is printed


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        app.config["TEST_USER"] = add_user("张三", HOLDER_ID)
        yield app


@pytest.fixture
def credential(app) -> dict:
    """A queued credential (a picture, as an upload stores it), its photo's bytes, a reading
    that verifies it and says where an ID number is printed."""
    credential_id = queued_credential(get_db(), app.config["TEST_USER"], ingested(5))
    name = credentials.get(get_db(), credential_id)["image_name"]
    reading = golden("cpa", holder="张三", number="202300123456")
    reading.extras["id_boxes"] = [list(ID_BOX)]
    return {"id": credential_id, "name": name, "recognition": reading,
            "photo": load_stored(app.config["IMAGES_DIR"], name)}


def another_writer(database: str) -> str:
    """A write from a second connection that does not wait for the lock: what SQLite says."""
    conn = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE users SET name = name")
        conn.execute("COMMIT")
        return "written"
    except sqlite3.OperationalError as error:
        return str(error)
    finally:
        conn.close()


@pytest.fixture
def while_encoding(monkeypatch):
    """while_encoding(action): run action() each time a redaction is encoded, first; what each
    call returned, in order."""
    done = []

    def install(action):
        encode = redact._jpeg

        def encode_after(image):
            done.append(action())
            return encode(image)
        monkeypatch.setattr(redact, "_jpeg", encode_after)
        return done
    return install


def filled(app, name: str) -> bool:
    photo = Image.open(io.BytesIO(load_stored(app.config["IMAGES_DIR"], name))).convert("L")
    x0, y0, x1, y1 = ID_BOX
    return np.asarray(photo.crop((x0 + 2, y0 + 2, x1 - 2, y1 - 2))).max() < 40


def test_another_writer_goes_ahead_while_the_redaction_encodes(app, credential, while_encoding):
    seen = while_encoding(lambda: another_writer(app.config["DATABASE"]))
    result = pipeline.process(get_db(), credential["id"], credential["recognition"],
                              pipeline_settings())
    assert seen == ["written"]
    assert result["status"] == "verified" and filled(app, credential["name"])


def test_a_queue_result_is_applied_with_its_redaction_encoded_outside_the_lock(
        app, credential, while_encoding):
    job_id = "job-1"
    with dbmod.write(get_db()) as conn:
        conn.execute("INSERT INTO queue_jobs (job_id, credential_id, enqueued_at) VALUES (?, ?, ?)",
                     [job_id, credential["id"], time.time()])
    sealer = Sealer(SECRET)
    result = {"job_id": job_id, "credential_id": credential["id"], "worker": "test",
              "attempt": 1,
              "recognition": sealer.seal_json(recognition_to_json(credential["recognition"]))}
    seen = while_encoding(lambda: another_writer(app.config["DATABASE"]))
    assert redis_queue.apply_result(get_db(), sealer, result, pipeline_settings()) == "applied"
    assert seen == ["written"]
    assert credentials.get(get_db(), credential["id"])["status"] == "verified"
    assert filled(app, credential["name"])


def test_decided_meanwhile_by_another_processor_it_is_decided_and_filled_once(
        app, credential, while_encoding, monkeypatch):
    """A taken-over claim: while this processor encodes, another (its own connection) reads the
    same credential and decides it. This one then finds it decided and changes nothing."""
    other = dbmod.connect(app.config["DATABASE"])
    settings = pipeline_settings()

    started = []

    def the_other_processor():
        if not started:             # during this processor's encode; not again in the other's
            started.append(True)
            return pipeline.process(other, credential["id"], credential["recognition"],
                                    settings)["status"]
        return None
    written = []
    write = redact.Redaction.write
    monkeypatch.setattr(redact.Redaction, "write",
                        lambda redaction: (written.append(1), write(redaction)))
    seen = while_encoding(the_other_processor)
    try:
        result = pipeline.process(get_db(), credential["id"], credential["recognition"],
                                  settings)
    finally:
        other.conn.close()
    assert seen == [None, "verified"]       # the other's encode, then this one's
    assert result["status"] == "verified" and written == [1]
    moves = [t["to_status"] for t in credentials.transitions(get_db(), credential["id"])]
    assert moves == ["queued", "processing", "verified"]
    bonuses = get_db().execute("SELECT COUNT(*) FROM ledger WHERE kind = 'bonus'").fetchone()[0]
    assert bonuses == 1 and filled(app, credential["name"])


def test_a_decision_that_fails_leaves_the_photo_and_the_credential_as_they_were(
        app, credential, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("the ledger is unavailable")
    monkeypatch.setattr(credentials, "rescore", fail)
    with pytest.raises(RuntimeError):
        pipeline.process(get_db(), credential["id"], credential["recognition"],
                         pipeline_settings())
    assert credentials.get(get_db(), credential["id"])["status"] == "queued"
    assert load_stored(app.config["IMAGES_DIR"], credential["name"]) == credential["photo"]
