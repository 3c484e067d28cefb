"""The mobile journey against a real `limitup serve` process (waitress + embedded processor),
with a real HTTP client, a real certificate image and real OCR."""
from __future__ import annotations

import io
import time

import pytest
import requests

from limitup import accounts, create_app
from limitup.samples import make_certificate
from limitup.store import get_db, get_rules
from tests.fixtures import make_id, run_cli
from tests.servers import ServeProcess

PROBLEM = "application/problem+json"


@pytest.fixture
def server(tmp_path):
    """(base URL, data dir) of a running server; stopped with SIGTERM afterwards."""
    data_dir = tmp_path / "data"
    running = ServeProcess(data_dir, tmp_path / "logs")
    running.start(timeout=30)
    yield running.base, data_dir
    returncode = running.stop(timeout=20)
    assert returncode in (0, 130), running.stderr_tail()


def add_user(data_dir, name, id_number, base_fen=500_000) -> str:
    app = create_app({"DATA_DIR": str(data_dir)})     # the server's stored secret key
    with app.app_context():
        user_id = accounts.add_user(get_db(), name=name, id_number=id_number, base_fen=base_fen,
                                    secret_key=app.config["SECRET_KEY"],
                                    policy=get_rules().limits)
    result = run_cli("token", str(user_id), "--ttl", "600", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return {"Authorization": f"Bearer {result.stdout.strip()}"}


def certificate_jpeg(name, id_number, type_id="cpa") -> bytes:
    image, _ = make_certificate(type_id, holder_name=name, id_number=id_number, tier="scan",
                                issue_date="2020-05-01", seed=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def decided(location: str, headers: dict, seconds: float = 60) -> dict:
    """The credential at `location` once it has left queued/processing (polled)."""
    deadline = time.monotonic() + seconds
    while (credential := requests.get(location, headers=headers, timeout=5).json())["status"] in (
            "queued", "processing"):
        assert time.monotonic() < deadline, credential
        time.sleep(0.5)
    return credential


def test_mobile_journey(server):
    base, data_dir = server
    api = f"{base}/api/v1"
    spec = requests.get(f"{api}/openapi.json", timeout=5).json()
    assert "/api/v1/credentials" in spec["paths"]

    unauthenticated = requests.get(f"{api}/limit", timeout=5)
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["Content-Type"].startswith(PROBLEM)

    id_number = make_id(serial="731")
    me = add_user(data_dir, "张三", id_number)
    other = add_user(data_dir, "李四", make_id(serial="732"))
    photo = certificate_jpeg("张三", id_number)

    def send():
        return requests.post(f"{api}/credentials?wait=2", headers={**me, "Idempotency-Key": "up-1"},
                             files={"image": ("cpa.jpg", photo, "image/jpeg")}, timeout=20)
    first, second = send(), send()
    assert first.status_code in (201, 202) and second.status_code == first.status_code
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    location = base + first.headers["Location"]
    assert len(requests.get(f"{api}/credentials", headers=me, timeout=5).json()["items"]) == 1

    credential = decided(location, me)
    assert credential["status"] == "verified", credential
    assert credential["type"] == "cpa" and credential["bonus_fen"] == 500_000   # the table's 5000
    assert credential["holder_id_mask"] == id_number[:6] + "********" + id_number[-4:]
    assert credential["fields_in_doubt"] == []

    limit = requests.get(f"{api}/limit", headers=me, timeout=5)
    figures, etag = limit.json(), limit.headers["ETag"]
    assert figures["ceiling_fen"] == 1_000_000 and figures["current_fen"] == 500_000
    raised = requests.put(f"{api}/limit", json={"current_fen": 1_000_000},
                          headers={**me, "If-Match": etag, "Idempotency-Key": "raise-1"},
                          timeout=5)
    assert raised.status_code == 200 and raised.json()["current_fen"] == 1_000_000
    stale = requests.put(f"{api}/limit", json={"current_fen": 900_000},
                         headers={**me, "If-Match": etag}, timeout=5)
    assert stale.status_code == 412 and stale.json()["code"] == "version_mismatch"
    fresh = raised.headers["ETag"]
    for amount, code in ((1_010_000, "above_ceiling"), (900_500, "not_step_multiple")):
        refused = requests.put(f"{api}/limit", json={"current_fen": amount},
                               headers={**me, "If-Match": fresh}, timeout=5)
        assert refused.status_code == 422 and refused.json()["code"] == code

    history = requests.get(f"{api}/limit/history", headers=me, timeout=5).json()["items"]
    assert [entry["kind"] for entry in history] == ["raise", "bonus", "open"]

    hidden = requests.get(location, headers=other, timeout=5)
    assert hidden.status_code == 404 and hidden.headers["Content-Type"].startswith(PROBLEM)

    withdrawn = requests.delete(location, headers=me, timeout=10)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    after = requests.get(f"{api}/limit", headers=me, timeout=5).json()
    assert (after["bonus_fen"], after["ceiling_fen"], after["current_fen"]) == (0, 500_000,
                                                                               500_000)


def test_a_held_credential_says_which_fields_are_in_doubt(server):
    """A holder whose surname is not a common one (东明华): the name is read, but recognition
    doubts it; the account is 东明, one character off, so the credential is held and the app is
    told which field to retake or wait on, and which names were compared. (The account 东明华
    itself verifies: its name is found beside the label, issue 19.)"""
    base, data_dir = server
    api = f"{base}/api/v1"
    id_number = make_id(serial="733")
    me = add_user(data_dir, "东明", id_number)
    sent = requests.post(f"{api}/credentials?wait=10", headers=me, timeout=30,
                         files={"image": ("physician.jpg",
                                          certificate_jpeg("东明华", id_number, "physician"),
                                          "image/jpeg")})
    location = base + sent.headers["Location"]
    credential = decided(location, me)
    assert credential["status"] == "needs_review", credential
    assert "low_confidence" in credential["reasons"]
    assert credential["fields_in_doubt"] == ["holder_name"]
    assert credential["fields"]["holder_name"] == "东明华"
    assert credential["name_compared"] == {"printed": "东明华", "account": "东明",
                                           "read": "blind", "match": False}
