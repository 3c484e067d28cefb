"""Unrouted writes under /api/ are answered by the API (404/405 problem+json), not by the web
form's CSRF check ("400 CSRF token missing"): the check skips the whole /api/ prefix."""
from __future__ import annotations

import pytest

from limitup import create_app


@pytest.fixture
def client(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "csrf-test"})
    return app.test_client()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_unrouted_api_write_is_not_a_csrf_error(client, method):
    response = client.open("/api/v1/no-such-thing", method=method)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "not_found"


def test_wrong_method_on_an_api_route_is_405_not_csrf(client):
    response = client.post("/api/v1/limit/history")
    assert response.status_code == 405
    assert response.get_json()["code"] == "method_not_allowed"


def test_other_api_versions_are_not_csrf_checked(client):
    response = client.post("/api/v2/credentials")
    assert response.status_code == 404 and b"CSRF" not in response.data


def test_pages_still_need_the_csrf_token(client):
    assert client.post("/logout").status_code == 400
