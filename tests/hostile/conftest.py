"""Fixtures for the hostile-input and failure tests: a real server on a temp data dir, users with
tokens, and helpers that look at the data directory the way an attacker or auditor would."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import requests

from limitup import accounts, create_app
from limitup.auth import make_token
from limitup.store import get_db, get_rules
from tests.fixtures import make_id
from tests.hostile.server import SECRET_KEY, Server

PROBLEM = "application/problem+json"
_serials = iter(range(300, 999))


@pytest.fixture(autouse=True)
def _server_secret(monkeypatch):
    """The secret the servers get, also for the apps the tests open on the same data dir."""
    monkeypatch.setenv("LIMITUP_SECRET_KEY", SECRET_KEY)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def server(tmp_path, data_dir):
    running = Server(data_dir, tmp_path / "logs")
    running.start()
    yield running
    running.stop()


def add_user(data_dir, *, name="张三", id_number=None, role="user", base_fen=500_000,
             used_fen=0) -> tuple[int, dict]:
    """(user id, bearer headers) for a new user in the server's database."""
    app = create_app({"DATA_DIR": str(data_dir), "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        user_id = accounts.add_user(get_db(), name=name,
                                    id_number=id_number or make_id(serial=str(next(_serials))),
                                    base_fen=base_fen, used_fen=used_fen, role=role,
                                    secret_key=SECRET_KEY, policy=get_rules().limits)
    token = make_token(user_id, role, SECRET_KEY, 3600)
    return user_id, {"Authorization": f"Bearer {token}"}


def web_session(server: Server, headers: dict) -> requests.Session:
    """A browser-like session signed in the web form's way: GET /login?token=... shows the
    confirm page, whose same-site POST (with its CSRF token) starts the session."""
    session = requests.Session()
    token = headers["Authorization"].split(" ", 1)[1]
    confirm = session.get(f"{server.base}/login", params={"token": token}, timeout=10)
    assert confirm.status_code == 200, confirm.status_code
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', confirm.text).group(1)
    response = session.post(f"{server.base}/login", data={"token": token, "csrf_token": csrf},
                            headers={"Referer": f"{server.base}/login"}, timeout=10)
    assert response.status_code == 200 and response.url.rstrip("/") == server.base, \
        response.status_code
    return session


def query(data_dir, sql: str, params=()) -> list[tuple]:
    """Read the server's database directly (as an auditor would), read-only."""
    conn = sqlite3.connect(f"file:{Path(data_dir) / 'limitup.db'}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_problem(response, status: int | tuple, code: str | None = None) -> dict:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"].startswith(PROBLEM), response.headers
    body = response.json()
    assert body["status"] == response.status_code and body["code"], body
    if code is not None:
        assert body["code"] == code, body
    return body
