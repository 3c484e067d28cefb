"""`limitup bench --workers N[,M...] DIR`: photos per minute through the real Redis path, and how
many results per second one SQLite writer applies (docs/benchmarks.md, docs/deploy.md).

For each worker count: a private redis-server, a fresh data directory, the result consumer of
`limitup serve` in this process and N `limitup worker` processes (started and ready, engines
loaded, before the clock starts). Every photo is ingested and stored first; the clock runs from
the first job sent to the last credential decided. Then `apply_rate` times the apply-result
transaction alone (open the sealed result, checks, decision, bonus through the ledger, job
stamped applied) on one SQLite file, one writer, no OCR.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from limitup.jobs import FINAL_STATUSES

READY_TIMEOUT_SECONDS = 120


def run(entries: list[dict], worker_counts: list[int], apply_count: int = 40,
        progress=None) -> dict:
    runs = [throughput(entries, count, progress) for count in worker_counts]
    base = runs[0]["photos_per_minute"]
    for row in runs:
        row["speedup"] = round(row["photos_per_minute"] / base, 2) if base else None
    return {"photos": len(entries), "cores": os.cpu_count(), "runs": runs,
            "sqlite": apply_rate(apply_count)}


def throughput(entries: list[dict], worker_count: int, progress=None) -> dict:
    from limitup.jobs.redis_server import TemporaryRedis
    with TemporaryRedis() as redis_server, tempfile.TemporaryDirectory() as tmp:
        secret = secrets.token_hex(16)
        app = _app(Path(tmp), secret, redis_server.url)
        with app.app_context():
            credential_ids = _stored_uploads(app, entries, secret)
            from limitup import jobs
            processor = jobs.start_processor(app)
            workers = _start_workers(worker_count, redis_server.url, secret, Path(tmp))
            try:
                load_before, cpu_before = os.getloadavg()[0], _cpu_seconds(workers)
                started = time.perf_counter()
                for credential_id in credential_ids:
                    jobs.enqueue(app.config, credential_id)
                statuses = _wait_decided(credential_ids, progress)
                elapsed = time.perf_counter() - started
                cpu = _cpu_seconds(workers) - cpu_before
                threads = _threads(workers)
            finally:
                _stop_workers(workers)
                processor.stop()
    photos = len(credential_ids)
    return {"workers": worker_count, "seconds": round(elapsed, 1),
            "photos_per_minute": round(photos / elapsed * 60, 1),
            # CPU the workers got: on a machine shared with other work, wall-clock scaling is
            # capped by the share of the cores the workers receive; this shows what they did
            # with it (constant per photo = no contention between workers).
            "worker_cpu_seconds_per_photo": round(cpu / photos, 2) if cpu else None,
            "worker_core_share": round(cpu / elapsed, 2) if cpu else None,
            "threads_per_worker": threads, "load_average": [round(load_before, 1),
                                                            round(os.getloadavg()[0], 1)],
            "statuses": statuses}


def _cpu_seconds(processes) -> float:
    """User + system CPU seconds of the processes so far (Linux /proc; 0 elsewhere)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for process in processes:
        try:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _threads(processes) -> list[int]:
    """OS threads per worker process (engine threads capped: a handful, not one per core)."""
    counts = []
    for process in processes:
        try:
            counts.append(len(os.listdir(f"/proc/{process.pid}/task")))
        except OSError:
            pass
    return counts


def _app(tmp: Path, secret: str, queue_url: str | None):
    from limitup import create_app
    return create_app({"DATA_DIR": str(tmp / "server"), "SECRET_KEY": secret,
                       "QUEUE_URL": queue_url})


def _user(db, app, number: int, entry: dict | None = None) -> int:
    from limitup import accounts
    from limitup.ids import check_digit
    from limitup.store import get_rules
    entry = entry or {}
    first17 = _id17(number)
    id_number = entry.get("kyc_id") or first17 + check_digit(first17)
    return accounts.add_user(db, name=entry.get("kyc_name") or "张三", id_number=id_number,
                             base_fen=500_000, used_fen=0, role="user",
                             secret_key=app.config["SECRET_KEY"], policy=get_rules().limits)


def _stored_uploads(app, entries, secret) -> list[int]:
    """Ingest and store every photo (the web process's part), one user each; no job sent yet."""
    from limitup import uploads
    from limitup.ingest import ingest
    from limitup.store import get_db
    db, ids = get_db(), []
    for number, entry in enumerate(entries):
        data = Path(entry["path"]).read_bytes()
        ingested = ingest(data, max_bytes=app.config["MAX_UPLOAD_BYTES"])
        ids.append(uploads.create_credential(db, _user(db, app, number, entry), ingested,
                                             app.config["IMAGES_DIR"]))
    return ids


def _start_workers(count: int, url: str, secret: str, tmp: Path) -> list[subprocess.Popen]:
    """Each worker in its own session, as separate services (or `limitup worker --concurrency`)
    run: with the kernel's autogroup scheduling, processes of one session share one CPU share,
    which on a machine busy with other work would cap N workers at one worker's share."""
    from limitup.jobs.redis_broker import get_broker
    env = {**os.environ, "LIMITUP_SECRET_KEY": secret, "LIMITUP_QUEUE_URL": url,
           "LIMITUP_DATA_DIR": str(tmp / "worker")}
    env.pop("LIMITUP_WORKER_HOLD_SECONDS", None)
    workers = [subprocess.Popen([sys.executable, "-c", "from limitup.cli import main; main()",
                                 "worker"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
               for _ in range(count)]
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    queue = get_broker(url)
    while len(queue.workers()) < count:
        if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
            _stop_workers(workers)
            raise RuntimeError("bench: workers did not start")
        time.sleep(0.2)
    return workers


def _stop_workers(workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        worker.wait()


def _wait_decided(credential_ids, progress) -> dict:
    from limitup.store import get_db
    db, done = get_db(), 0
    marks = ", ".join("?" * len(FINAL_STATUSES))
    while True:
        rows = db.execute(f"SELECT status, COUNT(*) FROM credentials WHERE status IN ({marks})"
                          " GROUP BY status", list(FINAL_STATUSES)).fetchall()
        decided = sum(count for _, count in rows)
        if progress and decided != done:
            progress(decided, len(credential_ids))
            done = decided
        if decided >= len(credential_ids):
            return dict(rows)
        time.sleep(0.1)


def apply_rate(count: int = 40, sizes: tuple = (0, 1000, 5000)) -> list[dict]:
    """Results applied per second by one SQLite writer (no Redis, no OCR: the transaction the
    result consumer runs per photo: unseal, checks, duplicate lookups, decision, rescore, ledger,
    job stamp), `count` results at each database size (credentials already stored), each one a
    new user's verified CPA certificate. The size matters: the duplicate-image check compares the
    new photo's hash with every stored one."""
    from limitup.jobs.redis_codec import Sealer
    from limitup.jobs.redis_queue import apply_result
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        secret = secrets.token_hex(16)
        app = _app(Path(tmp), secret, None)
        with app.app_context():
            from limitup.store import get_db, pipeline_settings
            db, sealer, settings = get_db(), Sealer(secret), pipeline_settings()
            filler = _user(db, app, 99_999)
            for size in sizes:
                _fill(db, filler, size)
                results = [_prepared_result(app, db, sealer, len(rows) * count + number)
                           for number in range(count)]
                started = time.perf_counter()
                outcomes = [apply_result(db, sealer, result, settings) for result in results]
                elapsed = time.perf_counter() - started
                rows.append({"stored_credentials": size, "results": count,
                             "applied_per_second": round(count / elapsed, 1),
                             "ms_per_result": round(elapsed / count * 1000, 2),
                             "verified": outcomes.count("applied")})
    return rows


def _fill(db, user_id: int, size: int) -> None:
    """Stored credentials (rejected, random image hashes) until the database holds `size`."""
    import random

    from limitup import credentials
    from limitup.db import write
    have = db.execute("SELECT COUNT(*) FROM credentials").fetchone()[0]
    rng = random.Random(size)
    with write(db) as conn:
        for _ in range(max(0, size - have)):
            credential_id = credentials.insert(conn, user_id, image_name="bench",
                                               image_phash=f"{rng.getrandbits(64):016x}",
                                               image_sha256=f"{rng.getrandbits(256):064x}")
            conn.execute("UPDATE credentials SET status = 'rejected' WHERE id = ?",
                         [credential_id])


def _prepared_result(app, db, sealer, number: int) -> dict:
    """A stored credential (a noise image, so no two look alike), its queue_jobs row and the
    sealed result a worker would send: a CPA certificate matching the user's name and ID."""
    import io
    import uuid

    import numpy as np
    from PIL import Image

    from limitup import uploads
    from limitup.db import write
    from limitup.ids import check_digit
    from limitup.ingest import ingest
    from limitup.jobs.redis_codec import recognition_to_json
    from limitup.recognise.result import Recognition
    user_id = _user(db, app, number)
    pixels = np.random.default_rng(number).integers(0, 256, (300, 400, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG")
    credential_id = uploads.create_credential(
        db, user_id, ingest(buffer.getvalue(), max_bytes=app.config["MAX_UPLOAD_BYTES"]),
        app.config["IMAGES_DIR"])
    job_id = uuid.uuid4().hex
    with write(db) as conn:
        conn.execute("INSERT INTO queue_jobs (job_id, credential_id, enqueued_at) VALUES (?, ?, ?)",
                     [job_id, credential_id, time.time()])
    first17 = _id17(number)
    recognition = Recognition(
        type="cpa", confidence=0.97,
        fields={"holder_name": "张三", "cert_number": f"{600000000000 + number}",
                "issue_date": "2020-03-01", "level": None, "score": None},
        extras={"id_number": first17 + check_digit(first17), "category": "professional"},
        checks=[{"code": "number_format_ok"}])
    return {"job_id": job_id, "credential_id": credential_id, "worker": "bench", "attempt": 1,
            "recognition": sealer.seal_json(recognition_to_json(recognition))}


def _id17(number: int) -> str:
    """The first 17 characters of a distinct, valid ID number per synthetic user."""
    return f"110101{1950 + number // 336:04d}{number // 28 % 12 + 1:02d}{number % 28 + 1:02d}" \
           f"{number % 1000:03d}"[:17]


def table(result: dict) -> str:
    lines = [f"{result['photos']} photos, {result['cores']} cores, through Redis + limitup worker",
             "workers  seconds  photos/min  speedup  cpu s/photo  cores used  load avg"]
    for row in result["runs"]:
        lines.append(f"{row['workers']:>7}  {row['seconds']:>7}  {row['photos_per_minute']:>10}"
                     f"  {row['speedup']:>7}  {row['worker_cpu_seconds_per_photo']!s:>11}"
                     f"  {row['worker_core_share']!s:>10}  {row['load_average']}")
    lines.append("SQLite apply-result transaction, one writer:")
    for row in result["sqlite"]:
        lines.append(f"  {row['stored_credentials']:>6} credentials stored: "
                     f"{row['applied_per_second']} results/s ({row['ms_per_result']} ms each)")
    return "\n".join(lines)


def main(entries: list[dict], worker_counts: str, as_json: bool) -> None:
    """What `limitup bench --workers 1,2 DIR` prints."""
    import click

    from limitup.cli import emit
    try:
        counts = [int(part) for part in worker_counts.split(",") if part.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise click.BadParameter(f"expected worker counts like 1,2, got {worker_counts!r}",
                                 param_hint="--workers")

    def progress(done: int, total: int) -> None:
        click.echo(f"\r{done}/{total} decided", nl=done == total, err=True)

    result = run(entries, counts, progress=None if as_json else progress)
    if as_json:
        emit(result)
    else:
        click.echo(table(result))
