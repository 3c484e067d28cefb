"""The API's upload with LIMITUP_QUEUE_URL set: the same endpoint, the job goes through Redis to a
real worker and the decision reaches the API (within ?wait when the machine is not busy)."""
from __future__ import annotations

import io
import time

from limitup import accounts, create_app, jobs
from limitup.auth import make_token
from limitup.jobs import redis_broker
from limitup.store import get_db, get_rules
from tests.queue.conftest import SECRET, Workers


def test_upload_with_wait_is_decided_by_a_queue_worker(tmp_path, redis_url, certificates):
    app = create_app({"DATA_DIR": str(tmp_path / "server"), "SECRET_KEY": SECRET,
                      "QUEUE_URL": redis_url})
    data, label = certificates[1]
    with app.app_context():
        user_id = accounts.add_user(get_db(), name=label["kyc_name"], id_number=label["kyc_id"],
                                    base_fen=500_000, used_fen=0, role="user",
                                    secret_key=SECRET, policy=get_rules().limits)
    headers = {"Authorization": f"Bearer {make_token(user_id, 'user', SECRET, 3600)}"}
    processor = jobs.start_processor(app)
    workers = Workers(redis_url, tmp_path)
    try:
        workers.start(1)
        client = app.test_client()
        response = client.post(
            "/api/v1/credentials?wait=10", headers=headers,
            data={"image": (io.BytesIO(data), "photo.jpg")}, content_type="multipart/form-data")
        body = response.get_json()
        assert response.status_code in (201, 202), body
        deadline = time.monotonic() + 90             # a busy machine may need more than ?wait
        while body["status"] in ("queued", "processing") and time.monotonic() < deadline:
            time.sleep(0.5)
            body = client.get(response.headers["Location"], headers=headers).get_json()
        assert body["status"] == "verified", (body, workers.logs())
        assert body["type"] == label["type"]
        assert body["fields"]["cert_number"] == label["cert_number"]
    finally:
        workers.stop()
        processor.stop()
        redis_broker._brokers.pop(redis_url).close()
