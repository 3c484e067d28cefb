"""End to end through a real redis-server, real `limitup worker` processes and real OCR:
uploads reach a final status, a worker killed with SIGKILL mid-job loses nothing and applies
nothing twice, a poison job is dead-lettered with a reason."""
from __future__ import annotations

import signal
import time

from limitup import credentials
from limitup.jobs import FINAL_STATUSES
from limitup.jobs.redis_broker import get_broker
from limitup.store import get_db


def wait_final(credential_ids, timeout: float, workers=None) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        rows = {cid: credentials.get(get_db(), cid) for cid in credential_ids}
        if all(row["status"] in FINAL_STATUSES for row in rows.values()):
            return rows
        if time.monotonic() > deadline:
            statuses = {cid: row["status"] for cid, row in rows.items()}
            raise AssertionError(f"not final after {timeout}s: {statuses}\n"
                                 + (workers.logs() if workers else ""))
        time.sleep(0.3)


def final_transitions(credential_id: int) -> list[dict]:
    return [t for t in credentials.transitions(get_db(), credential_id)
            if t["to_status"] in FINAL_STATUSES]


def queue_jobs(credential_id: int) -> list[dict]:
    return [dict(row) for row in get_db().query(
        "SELECT * FROM queue_jobs WHERE credential_id = ? ORDER BY enqueued_at", [credential_id])]


def assert_applied_once(credential_id: int) -> None:
    assert len(final_transitions(credential_id)) == 1
    outcomes = [job["outcome"] for job in queue_jobs(credential_id)]
    assert outcomes.count("applied") + outcomes.count("dead_letter") == 1, outcomes


def test_a_batch_reaches_final_statuses_on_two_workers(queue_app, processor, workers, upload,
                                                        certificates):
    workers.start(2)
    ids = [upload(data, label) for data, label in certificates[:4]]
    rows = wait_final(ids, timeout=150, workers=workers)
    for (_, label), credential_id in zip(certificates, ids):
        row = rows[credential_id]
        assert row["status"] == "verified", (row["status"], row["reasons"], workers.logs())
        assert row["type"] == label["type"]
        assert row["holder_id_mask"] and "*" in row["holder_id_mask"]
        assert_applied_once(credential_id)
        # the verified credential raised the ceiling through exactly one bonus ledger entry
        entries = get_db().execute("SELECT COUNT(*) FROM ledger WHERE user_id = ? AND kind = "
                                   "'bonus'", [row["user_id"]]).fetchone()[0]
        assert entries == 1
    used = {job["worker"] for cid in ids for job in queue_jobs(cid)}
    assert len(used) == 2, "both workers took jobs"
    # no clear ID number in any worker log
    logs = workers.logs()
    assert not any(label["kyc_id"] in logs for _, label in certificates)
    assert get_broker(queue_app.config["QUEUE_URL"]).client.hlen("limitup:pending") == 0


def test_a_worker_killed_mid_job_loses_nothing_and_applies_once(queue_app, processor, workers,
                                                                 upload, certificates):
    [victim] = workers.start(1, hold_seconds=120)     # would sit on its job for two minutes
    queue = get_broker(queue_app.config["QUEUE_URL"])
    ids = [upload(data, label) for data, label in certificates[:3]]
    deadline = time.monotonic() + 60
    while not any(entry["pid"] == victim.pid for entry in queue.running().values()):
        assert time.monotonic() < deadline, workers.logs()
        time.sleep(0.1)
    [killed_job] = [job for job, entry in queue.running().items() if entry["pid"] == victim.pid]
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    workers.start(1)                                   # the survivor, holding nothing
    rows = wait_final(ids, timeout=150, workers=workers)
    assert all(row["status"] == "verified" for row in rows.values()), \
        {cid: (row["status"], row["reasons"]) for cid, row in rows.items()}
    for credential_id in ids:
        assert_applied_once(credential_id)
    [applied] = [job for cid in ids for job in queue_jobs(cid) if job["job_id"] == killed_job]
    assert applied["attempt"] >= 2 and applied["outcome"] == "applied"
    assert queue.running() == {}


def test_a_poison_job_is_dead_lettered_with_a_reason(queue_app, processor, workers, upload,
                                                     certificates):
    workers.start(1)
    data, label = certificates[0]
    credential_id = upload(data, label)                # a good one, so the poison is not alone
    poisoned = _poisoned_upload(queue_app, upload, certificates[1])
    rows = wait_final([credential_id, poisoned], timeout=120, workers=workers)
    assert rows[credential_id]["status"] == "verified"
    row = rows[poisoned]
    assert row["status"] == "needs_review" and row["reasons"] == ["processing_failed"]
    [job] = queue_jobs(poisoned)
    assert job["outcome"] == "dead_letter" and job["attempt"] == 3
    assert "UnidentifiedImageError" in job["reason"]
    assert "processing failed" in final_transitions(poisoned)[0]["note"]


def _poisoned_upload(app, upload, certificate) -> int:
    """An upload whose stored image is garbage by the time its job is sent."""
    from limitup import jobs
    from limitup.ingest.storage import stored_path
    credential_id = upload(*certificate, send=False)
    name = credentials.get(get_db(), credential_id)["image_name"]
    stored_path(app.config["IMAGES_DIR"], name).write_bytes(b"not an image at all" * 50)
    jobs.enqueue(app.config, credential_id)
    return credential_id


def test_sigterm_lets_a_worker_finish_its_job_and_leave(queue_app, processor, workers, upload,
                                                        certificates):
    [worker] = workers.start(1, hold_seconds=2)
    queue = get_broker(queue_app.config["QUEUE_URL"])
    credential_id = upload(*certificates[2])
    deadline = time.monotonic() + 60
    while not queue.running():
        assert time.monotonic() < deadline, workers.logs()
        time.sleep(0.1)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(120) == 0, workers.logs()
    assert queue.workers() == {}
    row = wait_final([credential_id], timeout=30, workers=workers)[credential_id]
    assert row["status"] == "verified"
    [job] = queue_jobs(credential_id)
    assert job["attempt"] == 1                         # finished by the worker told to stop


def test_concurrency_runs_supervised_processes_that_stop_on_sigterm(queue_app, tmp_path,
                                                                    redis_url):
    import os
    import subprocess
    import sys

    from tests.queue.conftest import FAST_QUEUE_ENV, SECRET
    queue = get_broker(redis_url)
    env = {**os.environ, **FAST_QUEUE_ENV, "LIMITUP_SECRET_KEY": SECRET,
           "LIMITUP_DATA_DIR": str(tmp_path / "worker")}
    with open(tmp_path / "supervisor.log", "w") as log:
        parent = subprocess.Popen(
            [sys.executable, "-c", "from limitup.cli import main; main()", "worker",
             "--queue-url", redis_url, "--concurrency", "2"], env=env, stdout=log,
            stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while len(queue.workers()) < 2:
                assert parent.poll() is None and time.monotonic() < deadline, \
                    (tmp_path / "supervisor.log").read_text()
                time.sleep(0.2)
            assert {entry["pid"] for entry in queue.workers().values()}.isdisjoint({parent.pid})
            parent.send_signal(signal.SIGTERM)
            assert parent.wait(60) == 0
            assert queue.workers() == {}
        finally:
            if parent.poll() is None:
                parent.kill()


def test_worker_without_a_queue_url_says_so(tmp_path):
    import os
    import subprocess
    import sys
    env = {key: value for key, value in os.environ.items() if key != "LIMITUP_QUEUE_URL"}
    done = subprocess.run([sys.executable, "-c", "from limitup.cli import main; main()",
                           "worker"], env={**env, "LIMITUP_DATA_DIR": str(tmp_path)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "needs a Redis queue" in done.stderr and "Traceback" not in done.stderr
