"""A retried upload whose first attempt died after the credential was written but before the
Idempotency-Key record was completed (the process was killed in between) gets the first
credential back, not a second one. The crash is reproduced by putting the key's row back into
the state a killed request leaves: in flight, lease expired."""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from limitup import accounts, create_app
from limitup.auth import make_token
from limitup.store import get_db, get_rules
from tests.fixtures import make_id
from tests.hostile import corpus


@pytest.fixture
def api(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "retry-test"})
    with app.app_context():
        user_id = accounts.add_user(get_db(), name="张三", id_number=make_id(serial="411"),
                                    base_fen=500_000, secret_key="retry-test",
                                    policy=get_rules().limits)
    headers = {"Authorization": f"Bearer {make_token(user_id, 'user', 'retry-test', 600)}"}
    return app, app.test_client(), headers


def upload(client, headers, key, body):
    return client.post("/api/v1/credentials", headers={**headers, "Idempotency-Key": key},
                       data={"image": (io.BytesIO(body), "c.jpg")},
                       content_type="multipart/form-data")


def crash_before_completion(app, key):
    """What SIGKILL between the credential's commit and complete() leaves behind."""
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        conn.execute("UPDATE idempotency_keys SET state = 'in_flight', lease_until = 0,"
                     " status = NULL, headers = NULL, body = NULL WHERE key = ?", [key])


def test_retry_after_lost_idempotency_record_returns_the_first_credential(api):
    app, client, headers = api
    photo = corpus.valid_jpeg()
    first = upload(client, headers, "retry-1", photo)
    assert first.status_code == 202
    crash_before_completion(app, "retry-1")
    retried = upload(client, headers, "retry-1", photo)
    assert retried.status_code in (201, 202)
    assert retried.headers.get("Idempotent-Replayed") is None     # it ran again...
    assert retried.get_json()["id"] == first.get_json()["id"]     # ...and found the first
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        assert conn.execute("SELECT count(*) FROM credentials").fetchone()[0] == 1
    images = list(Path(app.config["IMAGES_DIR"]).glob("*.jpg"))
    assert len(images) == 1                                       # the retry's copy removed
    again = upload(client, headers, "retry-1", photo)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["id"] == first.get_json()["id"]


def test_same_key_with_another_photo_after_the_crash_is_refused(api):
    app, client, headers = api
    assert upload(client, headers, "retry-2", corpus.valid_jpeg(0)).status_code == 202
    crash_before_completion(app, "retry-2")
    with sqlite3.connect(app.config["DATABASE"]) as conn:   # the key's record lost too
        conn.execute("DELETE FROM idempotency_keys WHERE key = 'retry-2'")
    other = upload(client, headers, "retry-2", corpus.valid_jpeg(1))
    assert other.status_code == 422
    assert other.get_json()["code"] == "idempotency_key_reused"


def test_uploads_without_a_key_are_not_merged(api):
    _, client, headers = api
    photo = corpus.valid_jpeg()
    one = client.post("/api/v1/credentials", headers=headers,
                      data={"image": (io.BytesIO(photo), "c.jpg")},
                      content_type="multipart/form-data")
    two = client.post("/api/v1/credentials", headers=headers,
                      data={"image": (io.BytesIO(photo), "c.jpg")},
                      content_type="multipart/form-data")
    assert one.get_json()["id"] != two.get_json()["id"]
