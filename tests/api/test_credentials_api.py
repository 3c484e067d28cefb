"""Uploads, idempotency, ownership, size and rate limits, roles: Flask test client, real SQLite,
real intake (and, for processing, the real reader through the embedded processor)."""
from __future__ import annotations

import time

import pytest

from limitup import create_app
from limitup.api import idempotency
from limitup.jobs import embedded
from limitup.store import get_db
from tests.api.conftest import photo_bytes
from tests.api.test_limit_api import assert_problem


def upload(client, headers, data: bytes, key: str | None = None, query: str = ""):
    extra = {"Idempotency-Key": key} if key else {}
    return client.post(f"/api/v1/credentials{query}", headers={**headers, **extra},
                       data={"image": (__import__("io").BytesIO(data), "photo.png")},
                       content_type="multipart/form-data")


def test_upload_is_202_with_location_and_only_the_owner_sees_it(client, make_user):
    _, alice = make_user(name="张三")
    _, bob = make_user(name="李四")
    response = upload(client, alice, photo_bytes())
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "queued" and body["type"] is None
    location = response.headers["Location"]
    assert location == f"/api/v1/credentials/{body['id']}"
    assert client.get(location, headers=alice).get_json()["id"] == body["id"]
    assert [c["id"] for c in client.get("/api/v1/credentials", headers=alice)
            .get_json()["items"]] == [body["id"]]
    # Bob gets exactly what a missing id gets.
    theirs = assert_problem(client.get(location, headers=bob), 404, "not_found")
    missing = assert_problem(client.get("/api/v1/credentials/999999", headers=bob), 404,
                             "not_found")
    assert theirs["detail"].replace(str(body["id"]), "X") == missing["detail"].replace(
        "999999", "X")
    assert_problem(client.delete(location, headers=bob), 404, "not_found")
    assert client.get("/api/v1/credentials", headers=bob).get_json() == {"items": []}


def test_same_key_same_photo_replays_one_credential(client, make_user):
    _, headers = make_user()
    photo = photo_bytes()
    first = upload(client, headers, photo, key="k-1")
    second = upload(client, headers, photo, key="k-1")
    assert first.status_code == second.status_code == 202
    assert second.get_json() == first.get_json()
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(client.get("/api/v1/credentials", headers=headers).get_json()["items"]) == 1
    other = upload(client, headers, photo_bytes(text="another photo"), key="k-1")
    assert_problem(other, 422, "idempotency_key_reused")


def test_keys_are_per_user(client, make_user):
    _, alice = make_user()
    _, bob = make_user(name="李四")
    photo = photo_bytes()
    assert upload(client, alice, photo, key="same").status_code == 202
    replay_for_bob = upload(client, bob, photo, key="same")
    assert replay_for_bob.status_code == 202 and "Idempotent-Replayed" not in replay_for_bob.headers


def test_in_flight_key_is_409_until_its_lease_expires(api_app, client, make_user):
    user_id, headers = make_user()
    photo = photo_bytes()
    # The first request with this key is still running (in another process, say): hold the
    # lease as it would, with the fingerprint the same request will have.
    with api_app.test_request_context("/api/v1/credentials", method="POST",
                                      data={"image": (__import__("io").BytesIO(photo), "p.png")},
                                      content_type="multipart/form-data"):
        fingerprint = idempotency.fingerprint()
        idempotency.begin(get_db(), user_id, "busy", fingerprint)
    assert_problem(upload(client, headers, photo, key="busy"), 409, "idempotency_in_flight")
    # That request died: once its lease has run out, a retry runs.
    with api_app.app_context():
        get_db().execute("UPDATE idempotency_keys SET lease_until = ?", [time.time() - 1])
    assert upload(client, headers, photo, key="busy").status_code == 202


def test_limit_change_replay_applies_once(client, make_user):
    _, headers = make_user()
    etag = client.get("/api/v1/limit", headers=headers).headers["ETag"]
    change = {**headers, "If-Match": etag, "Idempotency-Key": "lower-1"}
    first = client.put("/api/v1/limit", json={"current_fen": 300_000}, headers=change)
    again = client.put("/api/v1/limit", json={"current_fen": 300_000}, headers=change)
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json() and again.headers["ETag"] == first.headers["ETag"]
    history = client.get("/api/v1/limit/history", headers=headers).get_json()["items"]
    assert [e["kind"] for e in history] == ["lower", "open"]
    other = client.put("/api/v1/limit", json={"current_fen": 200_000}, headers=change)
    assert_problem(other, 422, "idempotency_key_reused")


def test_not_an_image_is_422_unreadable(client, make_user):
    _, headers = make_user()
    assert_problem(upload(client, headers, b"<html>hello</html>"), 422, "unreadable_image")
    missing = client.post("/api/v1/credentials", headers=headers, data={},
                          content_type="multipart/form-data")
    assert assert_problem(missing, 422, "invalid_request")["errors"]["files"]["image"]


@pytest.fixture
def small_app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path / "small"), "SECRET_KEY": "test-secret",
                       "MAX_UPLOAD_BYTES": 100_000, "UPLOAD_RATE_LIMIT": "2 per hour",
                       "LIMIT_CHANGE_RATE_LIMIT": "1 per hour"})


def _user_headers(app, name="张三", serial="301"):
    from limitup import accounts
    from limitup.auth import make_token
    from limitup.store import get_rules
    from tests.fixtures import make_id
    with app.app_context():
        user_id = accounts.add_user(get_db(), name=name, id_number=make_id(serial=serial),
                                    base_fen=500_000, secret_key="test-secret",
                                    policy=get_rules().limits)
    return {"Authorization": f"Bearer {make_token(user_id, 'user', 'test-secret', 600)}"}


def test_body_over_the_upload_limit_is_413(small_app):
    client = small_app.test_client()
    headers = _user_headers(small_app)
    noise = __import__("os").urandom(400_000)
    response = upload(client, headers, noise)
    assert_problem(response, 413, "too_large")


def test_rate_limits_are_per_user_with_retry_after(small_app):
    client = small_app.test_client()
    alice = _user_headers(small_app, "张三", "302")
    bob = _user_headers(small_app, "李四", "303")
    assert [upload(client, alice, photo_bytes()).status_code for _ in range(2)] == [202, 202]
    limited = upload(client, alice, photo_bytes())
    assert_problem(limited, 429, "rate_limited")
    assert 0 < int(limited.headers["Retry-After"]) <= 3600
    assert upload(client, bob, photo_bytes()).status_code == 202
    change = {**alice, "If-Match": "*"}
    assert client.put("/api/v1/limit", json={"current_fen": 300_000},
                      headers=change).status_code == 200
    assert_problem(client.put("/api/v1/limit", json={"current_fen": 200_000}, headers=change),
                   429, "rate_limited")
    # Counters live in the data directory: a second app (another server process) sees them.
    other_process = create_app({"DATA_DIR": small_app.config["DATA_DIR"],
                                "SECRET_KEY": "test-secret", "UPLOAD_RATE_LIMIT": "2 per hour"})
    assert upload(other_process.test_client(), alice, photo_bytes()).status_code == 429


def test_roles(client, make_user):
    user_id, user = make_user()
    _, reviewer = make_user(name="王五", role="reviewer")
    _, operator = make_user(name="赵六", role="operator")
    assert_problem(client.get("/api/v1/review", headers=user), 403, "forbidden")
    assert client.get("/api/v1/review", headers=reviewer).get_json() == {"items": []}
    assert_problem(client.put(f"/api/v1/accounts/{user_id}/base", json={"base_fen": 300_000},
                              headers=reviewer), 403, "forbidden")
    response = client.put(f"/api/v1/accounts/{user_id}/base", json={"base_fen": 300_000},
                          headers={**operator, "Idempotency-Key": "base-1"})
    assert response.status_code == 200
    assert response.get_json()["ceiling_fen"] == 300_000
    assert client.get("/api/v1/limit", headers=user).get_json()["current_fen"] == 300_000
    used = client.put(f"/api/v1/accounts/{user_id}/used", json={"used_fen": 50_000},
                      headers=operator)
    assert used.get_json()["floor_fen"] == 50_000
    assert_problem(client.put("/api/v1/accounts/999999/base", json={"base_fen": 1},
                              headers=operator), 404, "not_found")


def test_embedded_processor_decides_a_queued_upload(api_app, client, make_user):
    _, headers = make_user()
    body = upload(client, headers, photo_bytes()).get_json()
    assert embedded.run_once(api_app) == body["id"]
    assert embedded.run_once(api_app) is None           # nothing is processed twice
    decided = client.get(f"/api/v1/credentials/{body['id']}", headers=headers).get_json()
    assert decided["status"] == "rejected" and "not_recognised" in decided["reasons"]
    # Withdrawing is for verified credentials only.
    assert_problem(client.delete(f"/api/v1/credentials/{body['id']}", headers=headers), 409,
                   "wrong_status")


def test_claim_is_exclusive_and_an_expired_lease_is_taken_again(api_app, client, make_user):
    _, headers = make_user()
    first = upload(client, headers, photo_bytes()).get_json()["id"]
    with api_app.app_context():
        db = get_db()
        assert embedded.claim(db, "a") == first
        assert embedded.claim(db, "b") is None          # leased
        assert embedded.claim(db, "c", now=time.time() + embedded.LEASE_SECONDS + 1) == first
        status = db.execute("SELECT status FROM credentials WHERE id = ?", [first]).fetchone()[0]
        assert status == "processing"


def test_embedded_processor_sends_a_credential_that_keeps_failing_to_review(api_app, client,
                                                                            make_user):
    _, headers = make_user()
    body = upload(client, headers, photo_bytes()).get_json()
    with api_app.app_context():
        db = get_db()
        for attempt in range(embedded.MAX_ATTEMPTS):
            assert embedded.claim(db, "test", now=time.time() + 10 * attempt) == body["id"]
            embedded.finish(db, body["id"], "test", error="OSError: disk on fire")
    failed = client.get(f"/api/v1/credentials/{body['id']}", headers=headers).get_json()
    assert failed["status"] == "needs_review" and failed["reasons"] == ["processing_failed"]
