"""No ID number in clear anywhere: a full journey against a real server (a user with an ID
number uploads a certificate printing that number, it is held for review, a reviewer looks at
the photo and approves it) and then every file under the data directory (database, WAL, shared
memory, images, rate-limit store) and the server's own output are searched for the number.
Also: the reviewer's decision and look at the photo are recorded with who, when and why."""
from __future__ import annotations

import io
import time
from pathlib import Path

import requests

from limitup.samples import make_certificate
from tests.fixtures import make_id
from tests.hostile.conftest import add_user, query, web_session
from tests.ingest import images

NAME = "张三"


def edited_certificate(id_number: str) -> bytes:
    """A CPA certificate printing the holder's ID number, saved by 'Photoshop' (held for review)."""
    image, _ = make_certificate("cpa", holder_name=NAME, id_number=id_number, tier="scan",
                                issue_date="2020-05-01", seed=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=images.exif_with(software="Adobe Photoshop 2024"))
    return buffer.getvalue()


def files_containing(root: Path, needle: bytes) -> list[str]:
    return [str(path) for path in sorted(root.rglob("*"))
            if path.is_file() and needle in path.read_bytes()]


def wait_final(server, headers, location) -> dict:
    deadline = time.monotonic() + 120
    while True:
        credential = requests.get(server.base + location, headers=headers, timeout=10).json()
        if credential["status"] not in ("queued", "processing"):
            return credential
        assert time.monotonic() < deadline, credential
        time.sleep(0.5)


def test_no_id_number_in_clear_after_a_full_journey(server):
    id_number = make_id(serial="638")
    mask = id_number[:6] + "********" + id_number[-4:]
    user_id, user = add_user(server.data_dir, name=NAME, id_number=id_number)
    reviewer_id, reviewer = add_user(server.data_dir, name="李审", role="reviewer")

    upload = requests.post(f"{server.api}/credentials?wait=5", headers=user, timeout=60,
                           files={"image": ("cert.jpg", edited_certificate(id_number),
                                            "image/jpeg")})
    assert upload.status_code in (201, 202)
    credential = wait_final(server, user, upload.headers["Location"])
    assert credential["status"] == "needs_review", credential
    assert "edited_image_suspected" in credential["reasons"]
    assert credential["holder_id_mask"] == mask          # the number was read from the photo
    credential_id = credential["id"]

    console = web_session(server, reviewer)              # the reviewer looks at the photo...
    assert console.get(f"{server.base}/review", timeout=10).status_code == 200
    photo = console.get(f"{server.base}/credentials/{credential_id}/image", timeout=10)
    assert photo.status_code == 200 and photo.headers["Content-Type"] == "image/jpeg"
    decided = requests.post(f"{server.api}/review/{credential_id}", headers=reviewer, timeout=30,
                            json={"decision": "approve", "note": "compared with the original"})
    assert decided.status_code == 200 and decided.json()["status"] == "verified"
    for response in (upload, decided, photo):
        assert id_number.encode() not in response.content

    # ...and both are on record: who, when, why.
    actor, actor_id, note, at = query(
        server.data_dir, "SELECT actor, actor_id, note, at FROM credential_transitions WHERE"
        " credential_id = ? ORDER BY id DESC LIMIT 1", [credential_id])[0]
    assert (actor, actor_id, note) == ("reviewer", reviewer_id, "compared with the original")
    assert at
    assert query(server.data_dir, "SELECT actor, actor_id FROM ledger WHERE user_id = ? AND"
                 " kind = 'bonus'", [user_id]) == [("reviewer", reviewer_id)]
    assert query(server.data_dir, "SELECT actor, actor_id, action FROM audit_log WHERE"
                 " credential_id = ?", [credential_id]) == [("reviewer", reviewer_id,
                                                             "image_viewed")]

    needle = id_number.encode()
    assert query(server.data_dir, "SELECT count(*) FROM credentials WHERE holder_id_mask = ?",
                 [mask])[0][0] == 1
    # The search does see stored text: the mask is found (in the database or its WAL).
    assert files_containing(server.data_dir, mask.encode())
    running = files_containing(server.data_dir, needle)   # with the WAL and -shm in place
    assert list(server.data_dir.glob("*-wal"))
    assert running == [], running
    server.stop()
    assert files_containing(server.data_dir, needle) == []
    assert files_containing(server.log_dir, needle) == []  # the server's stdout and stderr
    assert server.stderr_path.stat().st_size > 0
