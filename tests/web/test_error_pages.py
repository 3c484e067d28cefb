"""One error page shape: every error outside /api/v1 is the error.html page with its status
(404, 405, CSRF 400, 413, 429, 500, a domain refusal, a full disk), every error under /api/v1
stays problem+json. Flask's test client against a real app and SQLite file."""
from __future__ import annotations

import errno
import io
import re

import pytest
from flask import abort

from limitup import create_app
from limitup.errors import LimitupError
from tests.fixtures import picture
from tests.web.conftest import SECRET, csrf_from, sign_in

PAGE = re.compile(r'data-testid="error" data-status="(\d+)"')


@pytest.fixture
def app(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET,
                      "UPLOAD_RATE_LIMIT": "1 per hour", "MAX_UPLOAD_BYTES": 100_000})

    def crash():
        raise RuntimeError("a bug")

    def refuse():
        raise LimitupError("no such thing here", code="not_found", status=404)

    def full_disk():
        raise OSError(errno.ENOSPC, "No space left on device")

    def too_large():    # as werkzeug raises it for a body over MAX_CONTENT_LENGTH
        abort(413)

    # Failures no real view has on purpose: a bug, a domain refusal, a full disk and a body too
    # large in a page of the web blueprint (endpoint "web.*"), and a bug under /api/v1.
    app.add_url_rule("/test-crash", "web.test_crash", crash)
    app.add_url_rule("/test-refuse", "web.test_refuse", refuse)
    app.add_url_rule("/test-full", "web.test_full", full_disk)
    app.add_url_rule("/test-large", "web.test_large", too_large)
    app.add_url_rule("/elsewhere-crash", "test_elsewhere", crash)
    app.add_url_rule("/api/v1/test-crash", "test_api_crash", crash)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def page_status(response) -> int:
    assert response.mimetype == "text/html", response.get_data(as_text=True)[:200]
    found = PAGE.search(response.get_data(as_text=True))
    assert found, "not the error page: " + response.get_data(as_text=True)[:200]
    assert int(found.group(1)) == response.status_code
    return response.status_code


def problem_status(response) -> int:
    assert response.mimetype == "application/problem+json", response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == response.status_code and body["code"]
    return response.status_code


def test_404_page_and_problem(client):
    assert page_status(client.get("/no-such-page")) == 404
    assert "没有找到这个页面" in client.get("/no-such-page").get_data(as_text=True)
    assert problem_status(client.get("/api/v1/no-such-thing")) == 404


def test_405_page_names_the_allowed_methods(client):
    response = client.get("/logout")
    assert page_status(response) == 405
    assert "POST" in response.headers["Allow"].split(", ")
    assert problem_status(client.delete("/api/v1/catalogue")) == 405


def test_csrf_400_page(client):
    response = client.post("/logout", data={})
    assert page_status(response) == 400
    assert "页面已过期" in response.get_data(as_text=True)


def _upload_form(client, photo: bytes) -> dict:
    page = client.get("/upload")
    token = re.search(r'name="upload_token" value="([^"]+)"', page.get_data(as_text=True))
    return {"csrf_token": csrf_from(page), "upload_token": token.group(1), "type_hint": "auto",
            "photo": (io.BytesIO(photo), "photo.jpg")}


def test_413_page(client):
    too_big = client.get("/test-large")
    assert page_status(too_big) == 413
    assert "文件太大，最大允许 0.0953674 MB" in too_big.get_data(as_text=True)


def test_429_page_says_when(app, client):
    from tests.fixtures import user_maker
    sign_in(client, user_maker(app)())
    assert client.post("/upload", data=_upload_form(client, picture(1))).status_code == 303
    limited = client.post("/upload", data=_upload_form(client, picture(2)))
    assert page_status(limited) == 429
    assert int(limited.headers["Retry-After"]) > 0


def test_500_page_without_the_failure_shown(client):
    for path in ("/test-crash", "/elsewhere-crash"):
        response = client.get(path)
        assert page_status(response) == 500
        assert "a bug" not in response.get_data(as_text=True)
    assert problem_status(client.get("/api/v1/test-crash")) == 500


def test_a_domain_refusal_and_a_full_disk_are_pages_too(client):
    refused = client.get("/test-refuse")
    assert page_status(refused) == 404
    assert "no such thing here" in refused.get_data(as_text=True)
    full = client.get("/test-full")
    assert page_status(full) == 503
    assert full.headers["Retry-After"] == "60"
    with client.session_transaction() as session:
        session["lang"] = "en"
    assert "storage full" in client.get("/test-full").get_data(as_text=True)
