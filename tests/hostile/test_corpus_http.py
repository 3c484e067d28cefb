"""The hostile corpus of issue 8 sent over HTTP to a real `limitup serve`: the API and the web
upload form each answer every file with a clear 4xx (problem+json with a reason code for the API)
and keep serving; unusual but valid images are accepted; a file name never becomes a path; a
JPEG with a ZIP appended is stored only as the re-encoded image."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from limitup.ingest.storage import STORED_NAME
from tests.hostile import corpus
from tests.hostile.conftest import add_user, assert_problem, query, web_session
from tests.hostile.server import Server

HOSTILE = corpus.hostile()
VALID = corpus.unusual_valid()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module (starting one costs seconds on this box), a user, a session."""
    root = tmp_path_factory.mktemp("corpus")
    server = Server(root / "data", root / "logs")
    server.start()
    _, headers = add_user(server.data_dir)
    yield server, headers, web_session(server, headers)
    server.stop()


@pytest.fixture(autouse=True)
def still_answering(served):
    yield
    assert served[0].healthy(), "the server stopped answering /healthz"


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


def api_upload(server, headers, name, body, declared):
    return requests.post(f"{server.api}/credentials", headers=headers,
                         files={"image": (name, body, declared)}, timeout=60)


# --- the API ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_api_refuses_hostile_file(served, kind):
    server, headers, _ = served
    before = query(server.data_dir, "SELECT count(*) FROM credentials")[0][0]
    body = assert_problem(api_upload(server, headers, *HOSTILE[kind]), 422, "unreadable_image")
    assert body["detail"] and "Traceback" not in body["detail"]
    assert query(server.data_dir, "SELECT count(*) FROM credentials")[0][0] == before


def test_api_thirty_megabyte_body_is_413(served):
    server, headers, _ = served
    response = api_upload(server, headers, "huge.jpg", corpus.thirty_megabytes(), "image/jpeg")
    assert_problem(response, 413, "too_large")


@pytest.mark.parametrize("kind", sorted(VALID))
def test_api_accepts_unusual_valid_image(served, kind):
    server, headers, _ = served
    response = api_upload(server, headers, *VALID[kind])
    assert response.status_code == 202, response.text[:500]
    assert response.json()["status"] in ("queued", "processing")
    assert requests.get(server.base + response.headers["Location"], headers=headers,
                        timeout=10).status_code == 200


def test_api_path_traversal_file_name_never_becomes_a_path(served):
    server, headers, _ = served
    root = server.data_dir.parent
    before = files_under(root)
    response = api_upload(server, headers, "../../etc/passwd.jpg", corpus.valid_jpeg(), "image/jpeg")
    assert response.status_code == 202, response.text[:500]
    new = files_under(root) - before
    images_dir = server.data_dir / "images"
    stored = [path for path in new if path.parent == images_dir]
    assert len(stored) == 1 and STORED_NAME.match(stored[0].name), new
    # Anything else new is the database's own files, never a file named after the upload.
    assert all(path.parent == server.data_dir and path.name.startswith(("limitup.db",
               "ratelimits.db")) for path in new - set(stored)), new
    assert not any("passwd" in str(path) for path in files_under(root))
    name = query(server.data_dir, "SELECT image_name FROM credentials WHERE id = ?",
                 [response.json()["id"]])[0][0]
    assert name == stored[0].name


def test_api_jpeg_with_zip_appended_is_stored_reencoded(served):
    server, headers, _ = served
    body = corpus.jpeg_with_zip()
    response = api_upload(server, headers, "innocent.jpg", body, "image/jpeg")
    if response.status_code == 422:           # refusing it would also be right
        assert_problem(response, 422, "unreadable_image")
        return
    assert response.status_code == 202, response.text[:500]
    name = query(server.data_dir, "SELECT image_name FROM credentials WHERE id = ?",
                 [response.json()["id"]])[0][0]
    stored = (server.data_dir / "images" / name).read_bytes()
    assert corpus.ZIP_MARKER not in stored and b"PK\x03\x04" not in stored
    assert stored != body[: len(stored)] and corpus.decodes(stored)
    assert stored.endswith(b"\xff\xd9")       # the JPEG ends where it ends: nothing after EOI
    for path in files_under(server.data_dir):
        assert corpus.ZIP_MARKER not in path.read_bytes(), path


# --- the web upload form (session + CSRF token) -------------------------------------------------

def form_tokens(session, server) -> dict:
    page = session.get(f"{server.base}/upload", timeout=10)
    assert page.status_code == 200
    found = {name: re.search(rf'name="{name}" value="([^"]+)"', page.text).group(1)
             for name in ("csrf_token", "upload_token")}
    return {**found, "type_hint": "auto"}


def web_upload(server, session, name, body, declared, *, tokens=None):
    return session.post(f"{server.base}/upload", data=tokens or form_tokens(session, server),
                        files={"photo": (name, body, declared)}, timeout=60,
                        allow_redirects=False)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_web_form_refuses_hostile_file(served, kind):
    server, _, session = served
    response = web_upload(server, session, *HOSTILE[kind])
    assert response.status_code in (400, 422), response.status_code
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Traceback" not in response.text and 'name="csrf_token"' in response.text


def test_web_form_thirty_megabytes_is_413(served):
    server, _, session = served
    response = web_upload(server, session, "huge.jpg", corpus.thirty_megabytes(), "image/jpeg")
    assert response.status_code == 413 and "Traceback" not in response.text


def test_web_form_without_csrf_token_is_refused(served):
    server, _, session = served
    tokens = {**form_tokens(session, server), "csrf_token": "forged"}
    response = web_upload(server, session, "ok.jpg", corpus.valid_jpeg(), "image/jpeg",
                          tokens=tokens)
    assert response.status_code == 400
    assert query(server.data_dir, "SELECT count(*) FROM credentials WHERE image_name IS NULL"
                 )[0][0] == 0


@pytest.mark.parametrize("kind", ["cmyk_jpeg", "png_16_bit", "webp", "no_extension"])
def test_web_form_accepts_unusual_valid_image(served, kind):
    server, _, session = served
    response = web_upload(server, session, *VALID[kind])
    assert response.status_code == 303, response.status_code
    assert re.search(r"/credentials/\d+$", response.headers["Location"])


def test_web_form_path_traversal_and_zip(served):
    server, _, session = served
    root = server.data_dir.parent
    before = files_under(root)
    response = web_upload(server, session, "../../../etc/passwd.jpg", corpus.jpeg_with_zip(),
                          "image/jpeg")
    assert response.status_code == 303
    new = {path for path in files_under(root) - before if path.parent.name == "images"}
    assert len(new) == 1 and STORED_NAME.match(next(iter(new)).name)
    assert corpus.ZIP_MARKER not in next(iter(new)).read_bytes()
    assert not any("passwd" in str(path) for path in files_under(root))
