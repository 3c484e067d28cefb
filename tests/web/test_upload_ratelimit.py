"""The web upload form has the API's per-user upload limit, on the same counters: a 429 page that
says when to retry, per user, shared with the API and with other server processes."""
from __future__ import annotations

import io
import re

import pytest

from limitup import accounts, auth, create_app
from limitup.store import get_db, get_rules
from tests.fixtures import make_id, picture
from tests.web.conftest import SECRET, csrf_from, sign_in

LIMITED = {"SECRET_KEY": SECRET, "UPLOAD_RATE_LIMIT": "2 per hour"}


@pytest.fixture
def limited_app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path / "data"), **LIMITED})


def _user(app, name, serial):
    with app.app_context():
        return accounts.add_user(get_db(), name=name, id_number=make_id(serial=serial),
                                 base_fen=500_000, secret_key=SECRET, policy=get_rules().limits)


def _web_upload(client, seed):
    page = client.get("/upload")
    token = re.search(r'name="upload_token" value="([^"]+)"', page.get_data(as_text=True))
    form = {"csrf_token": csrf_from(page), "upload_token": token.group(1), "type_hint": "auto",
            "photo": (io.BytesIO(picture(seed)), "photo.jpg")}
    return client.post("/upload", data=form)


def _api_upload(client, user_id, seed):
    token = auth.make_token(user_id, "user", SECRET, 600)
    return client.post("/api/v1/credentials", headers={"Authorization": f"Bearer {token}"},
                       data={"image": (io.BytesIO(picture(seed)), "photo.jpg")},
                       content_type="multipart/form-data")


def test_third_web_upload_in_the_window_is_429_with_when_to_retry(limited_app):
    client = limited_app.test_client()
    sign_in(client, _user(limited_app, "张三", "601"))
    assert [_web_upload(client, seed).status_code for seed in (1, 2)] == [303, 303]
    limited = _web_upload(client, 3)
    assert limited.status_code == 429
    wait = int(limited.headers["Retry-After"])
    assert 0 < wait <= 3600
    page = limited.get_data(as_text=True)
    assert 'data-testid="error" data-status="429"' in page
    assert f"{-(-wait // 60)} 分钟" in page and "北京时间" in page
    # Reading pages is not limited; another user has a budget of their own.
    assert client.get("/upload").status_code == 200
    other = limited_app.test_client()
    sign_in(other, _user(limited_app, "李四", "602"))
    assert _web_upload(other, 4).status_code == 303


def test_english_429_page(limited_app):
    client = limited_app.test_client()
    sign_in(client, _user(limited_app, "张三", "603"))
    with client.session_transaction() as session:
        session["lang"] = "en"
    for seed in (1, 2):
        _web_upload(client, seed)
    page = _web_upload(client, 3).get_data(as_text=True)
    assert "Too many uploads" in page and "minutes" in page and "Beijing time" in page


def test_api_and_web_uploads_share_one_budget_across_processes(limited_app):
    user_id = _user(limited_app, "张三", "604")
    assert _api_upload(limited_app.test_client(), user_id, 1).status_code == 202
    client = limited_app.test_client()
    sign_in(client, user_id)
    assert _web_upload(client, 2).status_code == 303
    assert _web_upload(client, 3).status_code == 429
    assert _api_upload(limited_app.test_client(), user_id, 4).status_code == 429
    # Another server process on the same data directory sees the same counters.
    other_process = create_app({"DATA_DIR": limited_app.config["DATA_DIR"], **LIMITED})
    other = other_process.test_client()
    sign_in(other, user_id)
    assert _web_upload(other, 5).status_code == 429
