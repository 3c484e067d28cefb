"""`limitup serve` logs for real, and never an ID number (issue 21, item 12): a real server, a real
upload through the API of a household register printing its holder's number and saved by
"Adobe Photoshop" with the number in EXIF Software; its log has the processed-credential line
and no form of the number; its data directory is private while it runs. The masking filter
itself is checked on the very handler `serve` installs, with a message, arguments and a
traceback quoting the number."""
from __future__ import annotations

import io
import logging
import os
import stat
import time

import requests

from limitup import accounts, create_app
from limitup.auth import make_token
from limitup.ids import mask_id
from limitup.logs import configure_logging
from limitup.samples import make_negative
from limitup.store import get_db, get_rules
from tests.conftest import make_id
from tests.privacy.kit import grouped, hyphenated, jpeg, written_forms
from tests.servers import ServeProcess

SECRET = "privacy-log-secret"


def test_the_server_logs_each_credential_and_no_id_number(tmp_path):
    data_dir = tmp_path / "data"
    register, label = make_negative("household_register", tier="scan", seed=2)
    number = label["id_number"]
    app = create_app({"DATA_DIR": str(data_dir), "SECRET_KEY": SECRET})
    with app.app_context():
        user = accounts.add_user(get_db(), name="张三", id_number=make_id(serial="771"),
                                 base_fen=500_000, secret_key=SECRET, policy=get_rules().limits)
    headers = {"Authorization": f"Bearer {make_token(user, 'user', SECRET, 3600)}"}
    server = ServeProcess(data_dir, tmp_path / "logs", env={"LIMITUP_SECRET_KEY": SECRET})
    server.start()
    try:
        body = jpeg(register, software=f"Adobe Photoshop 2024 {number}")
        upload = requests.post(f"{server.api}/credentials?wait=5", headers=headers, timeout=60,
                               files={"image": ("register.jpg", body, "image/jpeg")})
        assert upload.status_code in (201, 202), upload.text
        credential_id = upload.json()["id"]
        deadline = time.monotonic() + 120
        while f"credential {credential_id} -> " not in server.stderr_path.read_text():
            assert time.monotonic() < deadline, server.stderr_tail()
            time.sleep(0.5)
        modes = {name: stat.S_IMODE(os.stat(data_dir / name).st_mode)
                 for name in ("", "images", "limitup.db", "limitup.db-wal", "limitup.db-shm")}
    finally:
        server.stop()
    assert modes == {"": 0o700, "images": 0o700, "limitup.db": 0o600,
                     "limitup.db-wal": 0o600, "limitup.db-shm": 0o600}
    log = server.stderr_path.read_text() + (tmp_path / "logs" / "server-stdout.log").read_text()
    line = next(line for line in log.splitlines() if f"credential {credential_id} -> " in line)
    assert " limitup.jobs INFO " in line and " ms)" in line, line
    for form in written_forms(number):
        assert form not in log, form


def test_the_serve_handler_masks_message_arguments_and_traceback():
    number = make_id(birth="19751120", area="320211", serial="031")
    stream = io.StringIO()
    handler = configure_logging(stream)
    try:
        log = logging.getLogger("limitup.test")
        log.info("read %s from %s", grouped(number), "EXIF")
        try:
            raise ValueError(f"cannot parse {hyphenated(number)}")
        except ValueError:
            log.exception("upload failed for %s", number)
        # Called again (as a second create_app might), there is still one handler.
        assert configure_logging(stream) is not handler
        assert sum(getattr(h, "_limitup_handler", False) for h in logging.getLogger().handlers) == 1
    finally:
        for h in [h for h in logging.getLogger().handlers if getattr(h, "_limitup_handler", False)]:
            logging.getLogger().removeHandler(h)
    text = stream.getvalue()
    assert text.count(mask_id(number)) == 3, text
    assert "Traceback" in text and "ValueError: cannot parse" in text
    for form in written_forms(number):
        assert form not in text
