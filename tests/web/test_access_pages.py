"""Web sessions, login CSRF, broken inputs and the review console's separation of duties
(issue 21, items 3, 6, 7, 8, 9): Flask test client on real SQLite files."""
from __future__ import annotations

import time

from limitup import credentials
from limitup.db import write
from limitup.store import get_db, get_rules
from tests.web.conftest import csrf_from, page_csrf, sign_in, token_for


def test_a_get_of_login_with_a_token_signs_no_one_in(client, make_user):
    attacker = make_user(name="黑客")
    response = client.get(f"/login?token={token_for(attacker)}")
    assert response.status_code == 200
    assert "黑客" in response.get_data(as_text=True)          # the confirm page names it
    assert client.get("/limit").status_code == 302               # not signed in
    assert 'data-testid="limit-current"' not in client.get("/").get_data(as_text=True)


def test_the_confirm_post_needs_this_sites_csrf_token(client, make_user):
    attacker = make_user(name="黑客")
    # What a cross-site form can send: the token, but no CSRF token of the victim's session.
    response = client.post("/login", data={"token": token_for(attacker)})
    assert response.status_code == 400
    # Nor does the refusal set a cookie: it would replace the visitor's own session.
    assert "Set-Cookie" not in response.headers
    assert client.get("/limit").status_code == 302


def test_a_session_ends_when_its_token_would(client, make_user):
    user_id = make_user()
    signed = sign_in(client, user_id, ttl=3)
    cookie = signed.headers["Set-Cookie"]
    expires = cookie.split("Expires=")[1].split(";")[0]
    assert time.strptime(expires, "%a, %d %b %Y %H:%M:%S GMT").tm_year < 2100
    assert client.get("/limit").status_code == 200
    time.sleep(3.2)
    assert client.get("/limit").status_code == 302                # before: 30 days


def test_logout_ends_a_copied_cookie(web_app, make_user):
    user_id = make_user()
    browser = web_app.test_client()
    sign_in(browser, user_id)
    stolen = browser.get_cookie("limitup_session").value
    copy = web_app.test_client()
    copy.set_cookie("limitup_session", stolen)
    assert copy.get("/limit").status_code == 200
    assert browser.post("/logout", data={"csrf_token": page_csrf(browser)}).status_code == 303
    assert browser.get("/limit").status_code == 302
    assert copy.get("/limit").status_code == 302                  # before: still signed in
    sign_in(browser, user_id)                                      # a new sign-in works
    assert browser.get("/limit").status_code == 200


def test_huge_ids_on_web_routes_are_404(client, make_user):
    sign_in(client, make_user(role="reviewer"), role="reviewer")
    huge = 10**30
    for path in (f"/credentials/{huge}", f"/credentials/{huge}/status",
                 f"/credentials/{huge}/image"):
        assert client.get(path).status_code == 404, path
    csrf = page_csrf(client)
    for path in (f"/credentials/{huge}/withdraw", f"/review/{huge}"):
        response = client.post(path, data={"csrf_token": csrf, "note": "x",
                                            "decision": "approve"})
        assert response.status_code == 404, path


def test_language_next_is_only_a_same_site_path(client):
    csrf = page_csrf(client)
    for target, expected in (("/limit", "/limit"), ("/limit?x=1", "/limit?x=1"),
                             ("/\t/example.org", "/"), ("/x\nSet-Cookie: a=b", "/"),
                             ("/\r\n", "/"), ("/ /example.org", "/"), ("/\\example.org", "/"),
                             ("//example.org", "/"), ("https://example.org", "/")):
        response = client.post("/language", data={"lang": "en", "next": target,
                                                   "csrf_token": csrf})
        assert response.status_code == 303, target
        assert response.headers["Location"] == expected, target


def _held(web_app, user_id, **fields) -> int:
    columns = {"type": "cpa", "holder_name": "张三", "holder_key": "张三",
               "cert_number": "110001000777", "issue_date": "2020-05-01", **fields}
    with web_app.app_context():
        with write(get_db()) as conn:
            credential_id = credentials.insert(conn, user_id, **columns)
            credentials.move(conn, credential_id, "processing", actor="system")
            credentials.move(conn, credential_id, "needs_review", actor="system")
    return credential_id


def _status(web_app, credential_id) -> str:
    with web_app.app_context():
        return credentials.get(get_db(), credential_id)["status"]


def test_a_reviewer_cannot_decide_their_own_credential_on_the_console(client, make_user,
                                                                     web_app):
    reviewer_id = make_user(name="李审核", role="reviewer")
    own = _held(web_app, reviewer_id)
    sign_in(client, reviewer_id, role="reviewer")
    page = client.get("/review").get_data(as_text=True)
    assert 'data-testid="review-own"' in page and 'data-testid="review-approve"' not in page
    response = client.post(f"/review/{own}", data={"csrf_token": page_csrf(client, "/review"),
                                                   "note": "fine", "decision": "approve"},
                           follow_redirects=True)
    assert "须由其他审核员处理" in response.get_data(as_text=True)
    assert _status(web_app, own) == "needs_review"


def test_operators_do_not_review_on_the_web_either(client, make_user):
    sign_in(client, make_user(role="operator"), role="operator")
    assert client.get("/review").status_code == 403               # before: 200


def test_the_console_says_nothing_identifying_was_read_and_asks_why(client, make_user,
                                                                     web_app):
    owner = make_user()
    blank = _held(web_app, owner, holder_name=None, holder_key=None, cert_number=None)
    sign_in(client, make_user(name="孙审核", role="reviewer"), role="reviewer")
    page = client.get("/review").get_data(as_text=True)
    assert 'data-testid="review-nothing-read"' in page
    assert 'data-testid="review-identity-note"' in page
    csrf = page_csrf(client, "/review")
    refused = client.post(f"/review/{blank}", data={"csrf_token": csrf, "note": "ok",
                                                    "decision": "approve"},
                          follow_redirects=True)
    assert "未识别到任何身份信息" in refused.get_data(as_text=True)
    assert _status(web_app, blank) == "needs_review"
    client.post(f"/review/{blank}", data={"csrf_token": csrf, "note": "ok",
                                          "identity_note": "called the holder",
                                          "decision": "approve"})
    assert _status(web_app, blank) == "verified"
    with web_app.app_context():
        assert credentials.get(get_db(), blank)["bonus_fen"] > 0
        get_rules()
