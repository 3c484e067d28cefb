"""One upload path (limitup.uploads.accept): the API, the web form and `limitup submit` take the
same photo to the same stored credential and, once it is read, the same result.

Nothing is patched. One generated CPA certificate goes in through each door, each into a fresh
data directory of its own (so that no upload is another's duplicate): POST /api/v1/credentials
and POST /upload by test clients, then the background processor's step (REAL OCR) reads them;
`limitup submit` in a subprocess reads its own at once. Three readings, about 15 s. And each
door's function calls `accept` and takes none of its steps itself."""
from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest
from flask import template_rendered

from limitup import auth, create_app, credentials
from limitup.jobs import embedded
from limitup.ocr import get_engine
from limitup.samples import make_certificate
from limitup.store import get_db
from tests.fixtures import ROOT, run_cli, user_maker, valid_id
from tests.web.conftest import csrf_from

SECRET = "upload-paths-secret"
HOLDER, HOLDER_ID = "张三", valid_id("11010519491231002")
# What an upload stores from the photo itself (intake's re-encode, hashes and signals).
FROM_THE_PHOTO = ("image_sha256", "image_phash", "edit_signals")
RESULT = ("status", "type", "fields", "reasons", "bonus_fen")


@pytest.fixture(scope="module")
def photo() -> bytes:
    image, _ = make_certificate("cpa", holder_name=HOLDER, id_number=HOLDER_ID, tier="scan",
                                seed=2)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def fresh_app(tmp_path, name: str):
    app = create_app({"DATA_DIR": str(tmp_path / name), "SECRET_KEY": SECRET})
    return app, user_maker(app)(name=HOLDER, id_number=HOLDER_ID)


def read_queued(app) -> None:
    """What the background processor of `limitup serve` does with a queued credential."""
    assert embedded.run_once(app, get_engine("default")) is not None


def stored(app, credential_id: int) -> dict:
    """The stored row, with its transitions."""
    with app.app_context():
        return {**credentials.get(get_db(), credential_id),
                "transitions": credentials.transitions(get_db(), credential_id)}


def sign_in(client, user_id: int) -> None:
    token = auth.make_token(user_id, "user", SECRET, 3600)
    confirm = client.get(f"/login?token={token}")
    client.post("/login", data={"token": token, "csrf_token": csrf_from(confirm)})


def page_view(app, client, credential_id: int) -> dict:
    """The credential view the web page rendered."""
    seen = []

    def record(_sender, template, context, **_extra):
        seen.append(context["credential"])
    with template_rendered.connected_to(record, app):
        assert client.get(f"/credentials/{credential_id}").status_code == 200
    return seen[-1]


def through_the_api(tmp_path, photo: bytes) -> tuple[dict, dict]:
    app, user_id = fresh_app(tmp_path, "api")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {auth.make_token(user_id, 'user', SECRET, 3600)}"}
    answer = client.post("/api/v1/credentials", headers={**headers, "Idempotency-Key": "once"},
                         data={"image": (io.BytesIO(photo), "certificate.png")})
    assert answer.status_code == 202, answer.get_data(as_text=True)
    credential_id = answer.get_json()["id"]
    read_queued(app)
    body = client.get(f"/api/v1/credentials/{credential_id}", headers=headers).get_json()
    return body, stored(app, credential_id)


def through_the_web_form(tmp_path, photo: bytes) -> tuple[dict, dict]:
    app, user_id = fresh_app(tmp_path, "web")
    client = app.test_client()
    sign_in(client, user_id)
    form = client.get("/upload")
    token = re.search(r'name="upload_token" value="([^"]+)"', form.get_data(as_text=True))[1]
    answer = client.post("/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(form), "upload_token": token, "type_hint": "auto",
        "photo": (io.BytesIO(photo), "certificate.png")})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    credential_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    read_queued(app)
    return page_view(app, client, credential_id), stored(app, credential_id)


def through_the_command_line(tmp_path, photo: bytes) -> tuple[dict, dict]:
    app, user_id = fresh_app(tmp_path, "cli")
    path = tmp_path / "certificate.png"
    path.write_bytes(photo)
    done = run_cli("submit", "--user", str(user_id), str(path), data_dir=tmp_path / "cli",
                   env={"LIMITUP_SECRET_KEY": SECRET})
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    return line, stored(app, line["credential_id"])


def test_api_web_form_and_command_line_take_a_photo_the_same_way(tmp_path, photo):
    api, api_row = through_the_api(tmp_path, photo)
    web, web_row = through_the_web_form(tmp_path, photo)
    cli, cli_row = through_the_command_line(tmp_path, photo)

    # The same intake: the same re-encoded photo, hashes and signals, for the same account.
    rows = (api_row, web_row, cli_row)
    assert len({tuple(json.dumps(row[key]) for key in FROM_THE_PHOTO) for row in rows}) == 1
    assert [row["upload_key"].split(":")[0] if row["upload_key"] else None for row in rows] == \
        ["api", "web", None]
    assert all(row["type_hint"] is None for row in rows)
    # Each queued first, by its user, before anything read it.
    assert {(row["transitions"][0]["to_status"], row["transitions"][0]["actor"],
             row["transitions"][0]["note"]) for row in rows} == {("queued", "user", "uploaded")}
    # The same result, shown alike: the API body and the web page are one view; the command
    # line's line carries the same status, type, fields, reasons and bonus.
    assert api["status"] == "verified", api["reasons"]
    assert {key: web[key] for key in api if key not in ("created_at", "updated_at")} == \
        {key: value for key, value in api.items() if key not in ("created_at", "updated_at")}
    assert {key: cli[key] for key in RESULT} == {key: api[key] for key in RESULT}


# Each door's function, and the steps of the upload that only limitup.uploads takes.
DOORS = {"limitup/api/credentials.py": "upload",
         "limitup/web/views_credentials.py": "_store_upload", "limitup/pipeline.py": "submit"}
STEPS = {"ingest", "store_image", "create_credential", "enqueue"}


def called_names(path: Path, function: str) -> set[str]:
    tree = ast.parse(path.read_text())
    [body] = [node for node in ast.walk(tree)
              if isinstance(node, ast.FunctionDef) and node.name == function]
    return {call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
            for call in ast.walk(body) if isinstance(call, ast.Call)
            and isinstance(call.func, (ast.Attribute, ast.Name))}


def test_each_door_calls_accept_and_takes_no_step_itself():
    for path, function in DOORS.items():
        called = called_names(ROOT / path, function)
        assert "accept" in called and not called & STEPS, (path, called & STEPS)
