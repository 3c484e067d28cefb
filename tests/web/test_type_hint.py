"""The type chosen on the upload form is kept on the credential, shown to the user and the
reviewer, and when recognition reads another type (or none) the page says so in both
languages; the decision still goes by what was read."""
from __future__ import annotations

import html
import io
import re

import pytest

from limitup import credentials, pipeline
from limitup.store import get_db, pipeline_settings
from limitup.web.i18n import translate
from tests.fixtures import golden, picture, type_name
from tests.web.conftest import csrf_from, sign_in


def _upload(client, type_hint, seed=1):
    page = client.get("/upload")
    token = re.search(r'name="upload_token" value="([^"]+)"', page.get_data(as_text=True))
    response = client.post("/upload", data={
        "csrf_token": csrf_from(page), "upload_token": token.group(1), "type_hint": type_hint,
        "photo": (io.BytesIO(picture(seed)), "photo.jpg")})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _decide(app, credential_id, recognition):
    with app.app_context():
        return pipeline.process(get_db(), credential_id, recognition, pipeline_settings())


def _page(client, credential_id, lang="zh"):
    with client.session_transaction() as session:
        session["lang"] = lang
    return html.unescape(client.get(f"/credentials/{credential_id}").get_data(as_text=True))


def _stored_hint(app, credential_id):
    with app.app_context():
        return credentials.get(get_db(), credential_id)["type_hint"]


@pytest.fixture
def user_client(web_app, client, make_user):
    user_id = make_user(name="张三")
    sign_in(client, user_id)
    return client


def test_chosen_type_is_stored_and_shown(web_app, user_client):
    chosen = _upload(user_client, "cpa", seed=1)
    automatic = _upload(user_client, "auto", seed=2)
    assert _stored_hint(web_app, chosen) == "cpa"
    assert _stored_hint(web_app, automatic) is None
    page = _page(user_client, chosen)
    assert 'data-testid="credential-type-hint" data-value="cpa"' in page
    assert f"您选择的类型：{type_name('cpa', 'zh')}" in page     # while it is queued
    assert "credential-type-hint" not in _page(user_client, automatic)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chose_one_type_read_another(web_app, user_client, lang):
    credential_id = _upload(user_client, "cpa")
    result = _decide(web_app, credential_id,
                     golden("toefl", holder="ZHANG SAN", number="0000000012345678", score=104))
    assert result["type"] == "toefl"          # the decision goes by what was read
    chosen, read = type_name("cpa", lang), type_name("toefl", lang)
    expected = translate(lang, "credential.type_differs", chosen=chosen, read=read)
    page = _page(user_client, credential_id, lang)
    assert 'data-testid="credential-type-differs"' in page and expected in page
    assert ("您选择了" if lang == "zh" else "You chose") in expected


def test_chose_a_type_read_none(web_app, user_client):
    credential_id = _upload(user_client, "ielts")
    _decide(web_app, credential_id, golden(None, holder=None, issued=None, confidence=0.0))
    page = _page(user_client, credential_id)
    assert translate("zh", "credential.type_differs", chosen=type_name("ielts", "zh"),
                     read="无法识别的类型") in page
    assert translate("en", "credential.type_differs", chosen=type_name("ielts", "en"),
                     read="no type we recognise") in _page(user_client, credential_id, "en")


def test_same_type_read_says_nothing(web_app, user_client):
    credential_id = _upload(user_client, "cpa")
    _decide(web_app, credential_id, golden("cpa", holder="张三", number="110101230012"))
    assert "credential-type-differs" not in _page(user_client, credential_id)


def test_reviewer_sees_the_chosen_type(web_app, client, make_user):
    owner = web_app.test_client()
    sign_in(owner, make_user(name="张三"))
    credential_id = _upload(owner, "cpa")
    _decide(web_app, credential_id, golden("toefl", holder="ZHANG SAN",
                                           number="0000000012345678", score=104,
                                           confidence=0.3))
    with web_app.app_context():
        assert credentials.get(get_db(), credential_id)["status"] == "needs_review"
    sign_in(client, make_user(name="李审核", role="reviewer"), role="reviewer")
    review = html.unescape(client.get("/review").get_data(as_text=True))
    assert 'data-testid="credential-type-hint" data-value="cpa"' in review
    assert 'data-testid="credential-type-differs"' in review
