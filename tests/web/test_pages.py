"""Test-client tests of the pages: sign-in, home, language, limit, safety headers and CSRF."""
from __future__ import annotations

import re

from limitup import ledger
from limitup.store import get_db, get_rules
from tests.web.conftest import csrf_from, page_csrf, sign_in, token_for


def test_signed_out_home_explains_how_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'lang="zh-Hans"' in page and "登录" in page
    assert 'data-testid="limit-current"' not in page


def test_login_confirm_post_redirects_without_the_token_and_starts_a_session(client, make_user):
    user_id = make_user()
    token = token_for(user_id)
    confirm = client.get(f"/login?token={token}")
    assert confirm.status_code == 200 and confirm.headers["Referrer-Policy"] == "no-referrer"
    assert "张三" in confirm.get_data(as_text=True)     # the account it would sign into
    response = client.post("/login", data={"token": token, "csrf_token": csrf_from(confirm)})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert token not in response.headers["Location"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    home = client.get("/", follow_redirects=True)
    page = home.get_data(as_text=True)
    assert token not in page
    assert f'data-testid="limit-current" data-value="500000"' in page
    assert "¥5,000" in page


def test_login_cookie_is_httponly_lax_and_secure_off_loopback(web_app, make_user):
    user_id = make_user()
    for base_url, secure in (("http://localhost", False), ("http://limitup.example.com", True),
                             ("https://127.0.0.1", True)):
        client = web_app.test_client()
        confirm = client.get(f"/login?token={token_for(user_id)}", base_url=base_url)
        signed = client.post("/login", base_url=base_url, headers={"Referer": base_url + "/"},
                             data={"token": token_for(user_id),
                                   "csrf_token": csrf_from(confirm)})
        assert signed.status_code == 303, base_url
        cookie = signed.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure, base_url


def test_bad_token_is_refused(client):
    response = client.get("/login?token=not-a-token")
    assert response.status_code == 401
    assert "令牌无效" in response.get_data(as_text=True)
    assert client.get("/limit").status_code == 302


def test_pasted_token_signs_in_by_post(client, make_user):
    user_id = make_user()
    csrf = page_csrf(client, "/login")
    response = client.post("/login", data={"token": token_for(user_id), "csrf_token": csrf})
    assert response.status_code == 303
    assert "limit-current" in client.get("/").get_data(as_text=True)


def test_pages_need_sign_in(client):
    for path in ("/limit", "/upload", "/review", "/credentials/1"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/login")


def test_csp_and_headers_on_pages(client, make_user):
    sign_in(client, make_user())
    for path in ("/", "/limit", "/upload", "/login"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy, path
        assert "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        page = response.get_data(as_text=True)
        assert "<script>" not in page and " style=" not in page and "onclick" not in page


def test_post_without_csrf_is_refused(client, make_user):
    sign_in(client, make_user())
    response = client.post("/limit", data={"current_fen": "400000"})
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert client.post("/logout").status_code == 400
    assert client.post("/language", data={"lang": "en"}).status_code == 400


def test_logout_needs_post_and_ends_the_session(client, make_user):
    sign_in(client, make_user())
    assert client.get("/logout").status_code == 405
    response = client.post("/logout", data={"csrf_token": page_csrf(client)})
    assert response.status_code == 303
    assert client.get("/limit").status_code == 302


def test_language_switch_is_remembered_across_sign_in(client, make_user):
    csrf = page_csrf(client)
    response = client.post("/language", data={"lang": "en", "next": "/login", "csrf_token": csrf})
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)
    sign_in(client, make_user())
    page = client.get("/").get_data(as_text=True)
    assert "Current limit" in page and 'lang="en"' in page


def test_language_switch_refuses_offsite_next(client):
    csrf = page_csrf(client)
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post("/language", data={"lang": "en", "next": target,
                                                  "csrf_token": csrf})
        assert response.headers["Location"] == "/"


def test_limit_page_slider_bounds(client, make_user):
    sign_in(client, make_user(base_fen=500_000, used_fen=12_345))
    page = client.get("/limit").get_data(as_text=True)
    slider = re.search(r'<input type="range"[^>]*>', page, re.S).group(0)
    assert 'data-testid="limit-slider"' in slider
    assert 'min="13000"' in slider          # floor 123.45 yuan rounded up to the 10-yuan step
    assert 'max="500000"' in slider and 'step="1000"' in slider and 'value="500000"' in slider
    assert 'data-testid="limit-submit"' in page
    assert '<label for="current_fen">' in page


def test_limit_change_confirm_then_history(client, make_user, web_app):
    user_id = make_user(base_fen=500_000)
    sign_in(client, user_id)
    limit_page = client.get("/limit")
    confirm = client.post("/limit", data={"current_fen": "300000",
                                          "csrf_token": csrf_from(limit_page)})
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert 'data-testid="limit-confirm"' in page and "降低" in page and "不占用" in page
    with web_app.app_context():   # nothing changes before the confirm
        assert ledger.account(get_db(), user_id, get_rules().limits)["current_fen"] == 500_000
    form = dict(re.findall(r'name="(current_fen|version|change_token|csrf_token)" value="([^"]*)"',
                           page))
    done = client.post("/limit/confirm", data=form)
    assert done.status_code == 303 and done.headers["Location"] == "/limit"
    again = client.post("/limit/confirm", data=form)    # a double submit replays, no 2nd entry
    assert again.status_code in (303, 409)
    after = client.get("/limit").get_data(as_text=True)
    assert 'data-testid="limit-current" data-value="300000"' in after
    assert "降低额度：¥5,000 → ¥3,000" in after
    with web_app.app_context():
        kinds = [e["kind"] for e in ledger.entries(get_db(), user_id)]
    assert kinds == ["lower", "open"]


def test_raise_shows_quota_and_typed_amount_works(client, make_user, web_app):
    user_id = make_user(base_fen=500_000)
    with web_app.app_context():
        ledger.set_current(get_db(), user_id, 200_000, policy=get_rules().limits)
    sign_in(client, user_id)
    csrf = page_csrf(client, "/limit")
    confirm = client.post("/limit", data={"current_fen": "200000", "current_yuan": "4,500",
                                          "csrf_token": csrf})
    page = confirm.get_data(as_text=True)
    assert 'data-value="450000"' in page
    assert "提高到 ¥4,500" in page and "还剩 4 次" in page


def test_limit_out_of_bounds_is_explained(client, make_user):
    sign_in(client, make_user(base_fen=500_000))
    csrf = page_csrf(client, "/limit")
    for value in ("600000", "5", "300005", "abc"):
        response = client.post("/limit", data={"current_fen": value, "csrf_token": csrf})
        assert response.status_code == 422, value
        assert "可选范围" in response.get_data(as_text=True)


def test_stale_confirm_asks_to_choose_again(client, make_user, web_app):
    user_id = make_user(base_fen=500_000)
    sign_in(client, user_id)
    page = client.post("/limit", data={"current_fen": "300000",
                                       "csrf_token": page_csrf(client, "/limit")})
    form = dict(re.findall(r'name="(current_fen|version|change_token|csrf_token)" value="([^"]*)"',
                           page.get_data(as_text=True)))
    with web_app.app_context():   # the account moves on meanwhile (an operator changes base)
        ledger.set_base(get_db(), user_id, 600_000, policy=get_rules().limits)
    response = client.post("/limit/confirm", data=form)
    assert response.status_code == 409
    assert "刚刚发生了变化" in response.get_data(as_text=True)


def test_review_console_is_for_reviewers_only(client, make_user):
    sign_in(client, make_user())
    assert client.get("/review").status_code == 403
    assert 'href="/review"' not in client.get("/").get_data(as_text=True)


def test_reviewer_sees_the_console(client, make_user):
    sign_in(client, make_user(name="李审核", role="reviewer"), role="reviewer")
    response = client.get("/review")
    assert response.status_code == 200
    assert "目前没有待审核的证书" in response.get_data(as_text=True)


def test_unknown_credential_is_404(client, make_user):
    sign_in(client, make_user())
    assert client.get("/credentials/999").status_code == 404
    assert client.get("/credentials/999/image").status_code == 404


def test_healthz(client):
    # No processor runs beside a test client: no engine is loaded in this process.
    assert client.get("/healthz").json == {"status": "ok", "ocr": "none"}
