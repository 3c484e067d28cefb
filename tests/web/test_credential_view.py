"""One credential view (limitup.credential_view): the OpenAPI document, the API's bodies, the web
pages and the review queue (API, web, command line) show the same fields, from one schema.

Real app, real SQLite; the credential is processed from a golden recognition (no OCR)."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from flask import template_rendered

from limitup import pipeline
from limitup.credential_view import CredentialView
from limitup.store import get_db, pipeline_settings
from tests.fixtures import golden, picture, run_cli
from tests.web.conftest import sign_in, token_for

TODAY = date(2026, 5, 1)
# What the API leaves out of the view: the owner's own id (a reviewer's item keeps it) and the
# web form's type hint.
API_LEAVES_OUT = {"Credential": {"user_id", "type_hint"}, "ReviewItem": {"type_hint"}}


def view_keys(required_only: bool = False) -> set[str]:
    return {field.data_key or name for name, field in CredentialView().fields.items()
            if field.required or not required_only}


def test_the_openapi_schemas_are_the_view_less_what_the_api_leaves_out(client):
    components = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name, left_out in API_LEAVES_OUT.items():
        assert set(components[name]["properties"]) == view_keys() - left_out, name
        assert set(components[name]["required"]) == view_keys(required_only=True) - left_out
    assert set(components["Withdrawn"]["properties"]) == \
        view_keys() - API_LEAVES_OUT["Credential"] | {"limit"}


def bearer(user_id: int, role: str = "user") -> dict:
    return {"Authorization": f"Bearer {token_for(user_id, role)}"}


@pytest.fixture
def held(web_app, make_user):
    """A credential held for review (low confidence), uploaded through the API; its owner's and
    a reviewer's headers, and the users' ids."""
    owner, reviewer = make_user(name="张三"), make_user(name="王五", role="reviewer")
    owner_headers, reviewer_headers = bearer(owner), bearer(reviewer, "reviewer")
    client = web_app.test_client()
    response = client.post("/api/v1/credentials", headers=owner_headers,
                           data={"image": (io.BytesIO(picture(1)), "photo.jpg")})
    credential_id = response.get_json()["id"]
    with web_app.app_context():
        pipeline.process(get_db(), credential_id,
                         golden("toefl", holder="ZHANG SAN", number="1234567890123456",
                                issued="2025-09-01", score=104, confidence=0.3),
                         pipeline_settings(), today=TODAY)
    return {"id": credential_id, "owner": owner, "owner_headers": owner_headers,
            "reviewer": reviewer, "reviewer_headers": reviewer_headers}


def rendered_context(app, client, path: str) -> dict:
    """The context the page at `path` was rendered with."""
    seen = []

    def record(_sender, template, context, **_extra):
        seen.append(context)
    with template_rendered.connected_to(record, app):
        assert client.get(path).status_code == 200
    return seen[-1]


def test_api_body_web_page_and_review_queues_show_one_view(web_app, held):
    client = web_app.test_client()
    body = client.get(f"/api/v1/credentials/{held['id']}",
                      headers=held["owner_headers"]).get_json()
    assert body["status"] == "needs_review" and body["fields"]["score"] == 104.0

    owner_page = web_app.test_client()
    sign_in(owner_page, held["owner"])
    page = rendered_context(web_app, owner_page, f"/credentials/{held['id']}")["credential"]
    assert set(page) == view_keys()
    assert {key: page[key] for key in body} == body
    assert (page["user_id"], page["type_hint"]) == (held["owner"], None)

    queue = client.get("/api/v1/review", headers=held["reviewer_headers"]).get_json()["items"]
    assert queue == [{**body, "user_id": held["owner"]}]
    reviewer_page = web_app.test_client()
    sign_in(reviewer_page, held["reviewer"], role="reviewer")
    items = rendered_context(web_app, reviewer_page, "/review")["items"]
    assert [item["credential"] for item in items] == [page]


def test_the_command_lines_review_queue_is_the_view(web_app, held):
    listed = run_cli("review", "list", data_dir=web_app.config["DATA_DIR"],
                     env={"LIMITUP_SECRET_KEY": web_app.config["SECRET_KEY"]})
    assert listed.returncode == 0, listed.stderr
    line = json.loads(listed.stdout)
    # The command line names a credential's id credential_id in every line it prints.
    assert set(line) == view_keys() - {"id"} | {"credential_id"}
    body = web_app.test_client().get(f"/api/v1/credentials/{held['id']}",
                                     headers=held["owner_headers"]).get_json()
    assert {key: line[key] for key in body if key != "id"} == \
        {key: value for key, value in body.items() if key != "id"}
    assert line["credential_id"] == held["id"]
