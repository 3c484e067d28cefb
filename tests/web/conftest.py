"""Fixtures for the web pages: an app on a fresh data directory, users, signed-in clients.

The app context is not held open around the test client, so every request gets its own (as in
production); database set-up runs in short app contexts of its own.
"""
from __future__ import annotations

import html
import re

import pytest

from limitup import auth, create_app
from tests.fixtures import user_maker

SECRET = "web-test-secret"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def web_app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET})


@pytest.fixture
def client(web_app):
    return web_app.test_client()


@pytest.fixture
def make_user(web_app):
    return user_maker(web_app, first_serial=200)


def token_for(user_id: int, role: str = "user") -> str:
    return auth.make_token(user_id, role, SECRET, 3600)


def sign_in(client, user_id: int, role: str = "user", ttl: int = 3600):
    """Sign in as the browser does: GET /login?token= shows the confirm page (it signs nobody
    in), whose same-site POST with its CSRF token starts the session."""
    token = auth.make_token(user_id, role, SECRET, ttl)
    confirm = client.get(f"/login?token={token}")
    assert confirm.status_code == 200
    response = client.post("/login", data={"token": token, "csrf_token": csrf_from(confirm)})
    assert response.status_code == 303
    return response


def csrf_from(response) -> str:
    match = CSRF_INPUT.search(response.get_data(as_text=True))
    assert match, "the page has no CSRF field"
    return match.group(1)


def page_csrf(client, path="/") -> str:
    return csrf_from(client.get(path))


EXPLAIN_LIST = re.compile(r'<ol class="explain">(.*?)</ol>', re.S)


def explanation_on_page(client, credential_id, lang) -> list[str]:
    """The scoring explanation lines the credential page shows in language `lang`."""
    with client.session_transaction() as session:
        session["lang"] = lang
    page = client.get(f"/credentials/{credential_id}").get_data(as_text=True)
    listed = EXPLAIN_LIST.search(page)
    assert listed, "the page shows no explanation"
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", listed.group(1))]
