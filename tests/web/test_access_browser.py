"""Headless Chromium against a real `limitup serve` (issue 21, items 7 and 11): a page on another
site cannot sign the visitor into another account, the sign-in link's confirm page works and
drops the token from the address bar, and the API docs render their operations under the CSP.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from limitup import accounts, create_app
from limitup.store import get_db, get_rules
from tests.conftest import make_id
from tests.servers import ServeProcess
from tests.web.conftest import SECRET, token_for
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, PHONE

pytestmark = pytest.mark.slow
ATTACKER = "http://attacker.example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("access-e2e")
    app = create_app({"DATA_DIR": str(data_dir), "SECRET_KEY": SECRET})
    with app.app_context():
        policy = get_rules().limits
        victim = accounts.add_user(get_db(), name="张三", id_number=make_id(serial="731"),
                                   base_fen=500_000, secret_key=SECRET, policy=policy)
        attacker = accounts.add_user(get_db(), name="黑客", id_number=make_id(serial="732"),
                                     base_fen=100_000, secret_key=SECRET, policy=policy)
    server = ServeProcess(data_dir, tmp_path_factory.mktemp("access-e2e-logs"),
                          env={"LIMITUP_SECRET_KEY": SECRET},
                          serve_args=("--host", "127.0.0.1", "--threads", "4"))
    server.start(timeout=60)
    try:
        yield {"base": server.base, "victim": victim, "attacker": attacker}
    finally:
        server.stop(timeout=15)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _sign_in(page, base, user_id):
    page.goto(f"{base}/login?token={token_for(user_id)}")
    expect(page.get_by_test_id("login-confirm")).to_be_visible()
    assert "token" not in page.evaluate("location.href")      # app.js dropped it
    page.get_by_test_id("login-confirm").click()
    page.wait_for_url(f"{base}/")


def _greeting(page, base) -> str:
    page.goto(base + "/")
    return page.locator("main").inner_text()


def test_another_site_cannot_sign_the_visitor_into_its_account(site, browser):
    base = site["base"]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _sign_in(page, base, site["victim"])
    assert "张三" in _greeting(page, base)
    token = token_for(site["attacker"])
    # The attacker's page: a link opened top-level, then a form that posts the token itself.
    attack = f"""<!doctype html><html><body>
      <form id="f" method="post" action="{base}/login">
        <input type="hidden" name="token" value="{token}"></form>
      <a id="go" href="{base}/login?token={token}">go</a></body></html>"""
    context.route(f"{ATTACKER}/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body=attack))

    page.goto(f"{ATTACKER}/page")
    page.click("#go")
    expect(page.get_by_test_id("login-confirm")).to_be_visible()   # asks; changes nothing
    assert "张三" in _greeting(page, base) and "黑客" not in _greeting(page, base)

    page.goto(f"{ATTACKER}/page")
    with page.expect_navigation():
        page.evaluate("document.getElementById('f').submit()")
    assert "黑客" not in page.content()                           # refused (CSRF page)
    greeting = _greeting(page, base)
    assert "张三" in greeting and "黑客" not in greeting
    context.close()


def test_api_docs_render_their_operations_under_the_csp(site, browser):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(site["base"] + "/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible(timeout=20_000)      # before: a blank page
    assert operations.count() >= 11
    assert page.locator(".opblock-summary-path", has_text="/api/v1/limit").count() >= 1
    assert not [text for text in problems if "Content Security Policy" in text], problems
    context.close()
