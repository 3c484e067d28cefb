"""The server side without workers (a real redis-server and SQLite; no OCR): sealing, results
applied once whatever is redelivered, the sweeper re-sending lost jobs and dead-lettering."""
from __future__ import annotations

import time

import pytest

from limitup import credentials
from limitup.boxes import Box
from limitup.jobs import redis_queue
from limitup.jobs.redis_broker import get_broker
from limitup.jobs.redis_codec import (InvalidToken, Sealer, recognition_from_json,
                                      recognition_to_json)
from limitup.jobs.redis_worker import check_key
from limitup.errors import LimitupError
from limitup.ocr.base import TextBox
from limitup.recognise.result import Recognition
from limitup.store import get_db, pipeline_settings
from tests.queue.conftest import SECRET


def apply(sealer, result) -> str:
    """The server applying one worker result, as its result consumer does."""
    return redis_queue.apply_result(get_db(), sealer, result, pipeline_settings())


def cpa_recognition(label: dict) -> Recognition:
    """What a worker would return for the label's CPA certificate."""
    return Recognition(
        type="cpa", confidence=0.97,
        fields={"holder_name": label["kyc_name"], "cert_number": label["cert_number"],
                "issue_date": label["issue_date"], "level": None, "score": None},
        field_confidence={"holder_name": 0.9},
        field_boxes={"holder_name": TextBox(label["kyc_name"], Box(1, 2, 3, 4), 0.9),
                     "level": None},
        extras={"id_number": label["kyc_id"], "category": "professional"},
        checks=[{"code": "number_format_ok"}])


def result_for(queue_app, credential_id: int, recognition: Recognition | None, **extra) -> dict:
    [job_id] = [row["job_id"] for row in get_db().query(
        "SELECT job_id FROM queue_jobs WHERE credential_id = ?", [credential_id])]
    sealed = (Sealer(SECRET).seal_json(recognition_to_json(recognition))
              if recognition is not None else None)
    return {"job_id": job_id, "credential_id": credential_id, "recognition": sealed,
            "worker": "test", "attempt": 1, **extra}


def test_sealed_payloads_hide_the_id_number_and_refuse_tampering(certificates):
    _, label = certificates[0]
    recognition = cpa_recognition(label)
    sealer = Sealer(SECRET)
    token = sealer.seal_json(recognition_to_json(recognition))
    assert label["kyc_id"] not in token and label["kyc_name"] not in token
    restored = recognition_from_json(sealer.open_json(token))
    assert restored == recognition                      # TextBox and None boxes included
    with pytest.raises(InvalidToken):
        Sealer("another secret").open(token)
    with pytest.raises(InvalidToken):
        sealer.open(token[:-8] + ("A" * 8 if not token.endswith("A" * 8) else "B" * 8))


def test_a_result_delivered_twice_is_applied_once(queue_app, upload, certificates):
    _, label = certificates[0]
    credential_id = upload(*certificates[0])
    result = result_for(queue_app, credential_id, cpa_recognition(label))
    sealer = Sealer(SECRET)
    assert apply(sealer, result) == "applied"
    assert apply(sealer, result) == "duplicate"
    row = credentials.get(get_db(), credential_id)
    assert row["status"] == "verified"
    assert [t["to_status"] for t in credentials.transitions(get_db(), credential_id)] == \
        ["queued", "processing", "verified"]
    bonus_entries = get_db().execute("SELECT COUNT(*) FROM ledger WHERE kind = 'bonus'"
                                     ).fetchone()[0]
    assert bonus_entries == 1
    # The stored credential keeps a mask and a keyed hash, never the number itself.
    stored = get_db().execute("SELECT * FROM credentials WHERE id = ?", [credential_id]).fetchone()
    assert not any(label["kyc_id"] in str(value) for value in stored)


def test_a_second_job_for_a_decided_credential_is_superseded(queue_app, upload, certificates):
    _, label = certificates[0]
    credential_id = upload(*certificates[0])
    first = result_for(queue_app, credential_id, cpa_recognition(label))
    redis_queue.send_job(get_db(), queue_app.config, credential_id)   # e.g. a re-send
    [second_job] = [row["job_id"] for row in get_db().query(
        "SELECT job_id FROM queue_jobs WHERE credential_id = ? AND job_id != ?",
        [credential_id, first["job_id"]])]
    sealer = Sealer(SECRET)
    assert apply(sealer, first) == "applied"
    second = {**first, "job_id": second_job}
    assert apply(sealer, second) == "superseded"
    assert len([t for t in credentials.transitions(get_db(), credential_id)
                if t["to_status"] == "verified"]) == 1


def test_a_failure_result_dead_letters_with_the_reason(queue_app, upload, certificates):
    credential_id = upload(*certificates[0])
    result = result_for(queue_app, credential_id, None, failed="OSError: disk on fire")
    assert apply(Sealer(SECRET), result) == "dead_letter"
    row = credentials.get(get_db(), credential_id)
    assert row["status"] == "needs_review" and row["reasons"] == ["processing_failed"]
    [job] = get_db().query("SELECT outcome, reason FROM queue_jobs")
    assert job == {"outcome": "dead_letter", "reason": "OSError: disk on fire"}


def test_a_result_sealed_under_another_key_is_dropped(queue_app, upload, certificates):
    _, label = certificates[0]
    credential_id = upload(*certificates[0])
    result = result_for(queue_app, credential_id, cpa_recognition(label))
    assert apply(Sealer("wrong"), result) == "unopened"
    assert credentials.get(get_db(), credential_id)["status"] == "queued"


def test_the_sweeper_resends_lost_jobs_then_dead_letters(queue_app, upload, certificates,
                                                         monkeypatch):
    monkeypatch.setitem(queue_app.config, "QUEUE_LOST_SECONDS", 0.0)
    queue = get_broker(queue_app.config["QUEUE_URL"])
    credential_id = upload(*certificates[0])
    db = get_db()
    # Still pending in Redis: not lost.
    assert redis_queue.sweep(db, queue_app.config, queue) == {"sent": 0, "dead_letter": 0}
    # Redis lost everything (restart without persistence): sent again, up to MAX_SENDS in all.
    for sends in range(2, redis_queue.MAX_SENDS + 1):
        queue.client.flushdb()
        assert redis_queue.sweep(db, queue_app.config, queue)["sent"] == 1
        assert db.execute("SELECT COUNT(*) FROM queue_jobs").fetchone()[0] == sends
    queue.client.flushdb()
    assert redis_queue.sweep(db, queue_app.config, queue) == {"sent": 0, "dead_letter": 1}
    row = credentials.get(db, credential_id)
    assert row["status"] == "needs_review" and row["reasons"] == ["processing_failed"]


def test_the_sweeper_sends_a_credential_that_never_had_a_job(queue_app, upload, certificates):
    queue = get_broker(queue_app.config["QUEUE_URL"])
    credential_id = upload(*certificates[0], send=False)     # e.g. Redis was down at upload
    db = get_db()
    assert redis_queue.sweep(db, queue_app.config, queue)["sent"] == 0      # grace period
    later = time.time() + redis_queue.SEND_GRACE_SECONDS + 1
    assert redis_queue.sweep(db, queue_app.config, queue, now=later)["sent"] == 1
    assert db.execute("SELECT credential_id FROM queue_jobs").fetchone()[0] == credential_id


def test_an_upload_while_redis_is_down_stays_queued(tmp_path, certificates):
    from limitup import create_app
    from limitup.jobs.redis_server import free_port
    app = create_app({"DATA_DIR": str(tmp_path / "d"), "SECRET_KEY": SECRET,
                      "QUEUE_URL": f"redis://127.0.0.1:{free_port()}/0"})
    with app.app_context():
        from limitup import accounts, uploads
        from limitup.store import get_rules
        data, label = certificates[0]
        user_id = accounts.add_user(get_db(), name=label["kyc_name"], id_number=label["kyc_id"],
                                    base_fen=500_000, used_fen=0, role="user", secret_key=SECRET,
                                    policy=get_rules().limits)
        # The enqueue logs that Redis is unreachable; the upload does not fail.
        credential_id = uploads.accept(get_db(), user_id, data, pipeline_settings(),
                                       start=uploads.in_background(app.config))
        assert credentials.get(get_db(), credential_id)["status"] == "queued"


def test_a_worker_with_another_secret_refuses_to_start(queue_app):
    queue = get_broker(queue_app.config["QUEUE_URL"])
    queue.publish_key_id(Sealer(SECRET).key_id)
    check_key(queue, Sealer(SECRET))
    with pytest.raises(LimitupError, match="LIMITUP_SECRET_KEY"):
        check_key(queue, Sealer("another"))
