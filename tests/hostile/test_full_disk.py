"""A full disk, for real: the data directory is a 4 MB tmpfs (mounted for the test, always
unmounted), filled until writes fail. Writes are answered 503 problem+json (`storage_full`), reads
and /healthz keep working, nothing is half-written (no temp image, no credential without its
image, no ledger entry without its account change); once space is freed the same requests, retried
with their Idempotency-Keys, apply once."""
from __future__ import annotations

import errno
import os
import subprocess
import time

import numpy as np
import pytest
import requests
from PIL import Image

from tests.hostile.conftest import add_user, assert_problem, query
from tests.hostile.figures import report
from tests.hostile.server import Server
from tests.hostile.test_crashes import LEASES, assert_store_is_sound, numbered_photo
from tests.ingest import images

DISK_SIZE = "4m"


@pytest.fixture
def full_disk_server(tmp_path):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE},mode=0700", "tmpfs",
                    str(mount_point)], check=True)
    server = Server(mount_point / "data", tmp_path / "logs", env=LEASES)
    try:
        server.start()
        yield server, mount_point
    finally:
        server.stop()
        subprocess.run(["umount", str(mount_point)], check=False)
        if os.path.ismount(mount_point):
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(mount_point, leave: int = 0, name: str = "filler") -> int:
    """Write a filler file until the file system refuses another byte (or only `leave` bytes
    are left); its size."""
    path = mount_point / name
    with open(path, "wb", buffering=0) as handle:
        if leave:
            stats = os.statvfs(mount_point)
            handle.write(b"\0" * max(0, stats.f_bavail * stats.f_frsize - leave))
            return path.stat().st_size
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1 << 8, 1):
            while True:
                try:
                    handle.write(b"\0" * chunk)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break
    return path.stat().st_size


def test_full_disk_is_503_and_leaves_a_clean_state(full_disk_server):
    server, mount_point = full_disk_server
    user_id, headers = add_user(server.data_dir, base_fen=5_000_000)
    before = requests.post(f"{server.api}/credentials", headers=headers, timeout=30,
                           files={"image": ("a.jpg", numbered_photo(1), "image/jpeg")})
    assert before.status_code == 202
    # Room for the database's few pages but not for a 1 MB photo: the image write fails.
    fill(mount_point, leave=300 * 1024, name="filler-partial")
    big_photo = noisy_photo()
    big = requests.post(f"{server.api}/credentials", timeout=30,
                        headers={**headers, "Idempotency-Key": "full-big"},
                        files={"image": ("big.jpg", big_photo, "image/jpeg")})
    assert_problem(big, 503, "storage_full")
    assert_clean(server)
    assert query(server.data_dir, "SELECT count(*) FROM credentials")[0][0] == 1
    filler_bytes = fill(mount_point)

    # An upload needs new blocks for its image: refused with 503, nothing kept.
    photo = numbered_photo(2)
    upload = requests.post(f"{server.api}/credentials", timeout=30,
                           headers={**headers, "Idempotency-Key": "full-upload"},
                           files={"image": ("b.jpg", photo, "image/jpeg")})
    assert_problem(upload, 503, "storage_full")
    assert upload.headers.get("Retry-After")
    # Limit changes: SQLite may still have room in its WAL for a few; then it is full too.
    answers, failed_key = [], None
    for attempt in range(200):
        key = f"full-limit-{attempt}"
        change = requests.put(f"{server.api}/limit",
                              json={"current_fen": 4_990_000 - attempt * 10_000}, headers={**headers, "If-Match": "*", "Idempotency-Key": key},
                              timeout=30)
        answers.append(change.status_code)
        if change.status_code != 200:
            assert_problem(change, 503, "storage_full")
            failed_key = key
            break
    assert failed_key is not None, "the database never filled up"
    # Reads and health keep answering on a full disk.
    assert server.healthy()
    assert requests.get(f"{server.api}/limit", headers=headers, timeout=10).status_code == 200
    assert requests.get(f"{server.api}/credentials", headers=headers,
                        timeout=10).status_code == 200
    assert_clean(server)

    for name in ("filler", "filler-partial"):  # space again: the same requests now apply, once
        (mount_point / name).unlink()
    started = time.monotonic()
    retried = retry(lambda: requests.post(
        f"{server.api}/credentials", timeout=30,
        headers={**headers, "Idempotency-Key": "full-upload"},
        files={"image": ("b.jpg", photo, "image/jpeg")}))
    assert retried.status_code == 202, retried.text[:300]
    change = retry(lambda: requests.put(
        f"{server.api}/limit", json={"current_fen": 4_990_000 - (len(answers) - 1) * 10_000},
        headers={**headers, "If-Match": "*", "Idempotency-Key": failed_key}, timeout=30))
    assert change.status_code == 200, change.text[:300]
    big_retried = retry(lambda: requests.post(
        f"{server.api}/credentials", timeout=30,
        headers={**headers, "Idempotency-Key": "full-big"},
        files={"image": ("big.jpg", big_photo, "image/jpeg")}))
    assert big_retried.status_code == 202, big_retried.text[:300]
    recovered_seconds = time.monotonic() - started
    entries = query(server.data_dir, "SELECT count(*) FROM ledger WHERE idempotency_key = ?",
                    [f"api:{user_id}:{failed_key}"])[0][0]
    assert entries == 1
    assert_clean(server)
    assert_store_is_sound(server, user_id)
    assert query(server.data_dir, "SELECT count(*) FROM credentials")[0][0] == 3
    report("full_disk", disk=DISK_SIZE, filler_bytes=filler_bytes,
           image_write_status=big.status_code,
           limit_changes_before_full=answers.count(200), upload_status=upload.status_code,
           limit_status=answers[-1], recovered_after_freeing_seconds=round(recovered_seconds, 1))


def noisy_photo() -> bytes:
    """A valid photo whose re-encoded JPEG is over a megabyte (noise compresses badly)."""
    pixels = np.random.default_rng(8).integers(0, 256, (900, 1200, 3), dtype=np.uint8)
    return images.jpeg(Image.fromarray(pixels), quality=95)


def retry(send, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        response = send()
        if response.status_code not in (409, 503) or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


def assert_clean(server):
    images_dir = server.data_dir / "images"
    leftovers = [p.name for p in images_dir.iterdir() if not p.name.endswith(".jpg")]
    assert leftovers == [], leftovers                     # no temporary half-written image
    names = {name for (name,) in query(server.data_dir, "SELECT image_name FROM credentials"
                                       " WHERE image_name IS NOT NULL")}
    on_disk = {p.name for p in images_dir.glob("*.jpg")}
    assert names <= on_disk                               # no credential without its image
    assert query(server.data_dir, "PRAGMA integrity_check") == [("ok",)]
