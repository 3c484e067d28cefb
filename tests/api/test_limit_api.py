"""GET/PUT /limit and history, with the Flask test client on a real SQLite file."""
from __future__ import annotations

from tests.fixtures import shipped_catalogue

PROBLEM = "application/problem+json"


def assert_problem(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith(code) and body["title"] and body["detail"]
    return body


def test_limit_has_figures_and_etag(client, make_user):
    _, headers = make_user(base_fen=500_000)
    response = client.get("/api/v1/limit", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["base_fen"] == 500_000 and body["current_fen"] == 500_000
    assert body["ceiling_fen"] == 500_000 and body["floor_fen"] == 10_000
    assert body["step_fen"] == 1000 and body["raises_left"] == 5
    assert response.headers["ETag"] == f'"{body["version"]}"'


def test_no_token_or_bad_token_is_401_problem(client, make_user):
    assert_problem(client.get("/api/v1/limit"), 401, "unauthorized")
    assert_problem(client.get("/api/v1/limit", headers={"Authorization": "Bearer nope"}),
                   401, "unauthorized")
    assert_problem(client.get("/api/v1/limit", headers={"Authorization": "Basic abc"}),
                   401, "unauthorized")


def test_lowering_with_if_match_then_stale_etag_is_412(client, make_user):
    _, headers = make_user()
    etag = client.get("/api/v1/limit", headers=headers).headers["ETag"]
    response = client.put("/api/v1/limit", json={"current_fen": 300_000},
                          headers={**headers, "If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["current_fen"] == 300_000
    assert response.headers["ETag"] != etag
    stale = client.put("/api/v1/limit", json={"current_fen": 200_000},
                       headers={**headers, "If-Match": etag})
    assert_problem(stale, 412, "version_mismatch")


def test_missing_if_match_is_428(client, make_user):
    _, headers = make_user()
    assert_problem(client.put("/api/v1/limit", json={"current_fen": 300_000}, headers=headers),
                   428, "precondition_required")


def test_rule_breaks_are_422_with_their_reason(client, make_user):
    _, headers = make_user(base_fen=500_000, used_fen=50_000)
    etag = client.get("/api/v1/limit", headers=headers).headers["ETag"]
    for amount, code in ((510_000, "above_ceiling"), (300_500, "not_step_multiple"),
                         (40_000, "below_floor")):
        response = client.put("/api/v1/limit", json={"current_fen": amount},
                              headers={**headers, "If-Match": etag})
        assert_problem(response, 422, code)


def test_raise_quota_is_422(client, make_user):
    _, headers = make_user(base_fen=500_000)
    amounts = [100_000, 200_000, 110_000, 210_000, 120_000, 220_000, 130_000, 230_000,
               140_000, 240_000, 150_000, 250_000]
    last = None
    for amount in amounts:   # lowerings are free; five raises allowed in 30 days
        etag = client.get("/api/v1/limit", headers=headers).headers["ETag"]
        last = client.put("/api/v1/limit", json={"current_fen": amount},
                          headers={**headers, "If-Match": etag})
        if last.status_code != 200:
            break
    assert_problem(last, 422, "raise_quota_exceeded")
    assert client.get("/api/v1/limit", headers=headers).get_json()["raises_left"] == 0


def test_invalid_body_is_422_invalid_request_with_field_messages(client, make_user):
    _, headers = make_user()
    headers = {**headers, "If-Match": "*"}
    for body in ({"current_fen": "lots"}, {}, {"current_fen": 1000, "extra": 1},
                 {"current_fen": -10}, {"current_fen": True}):
        problem = assert_problem(client.put("/api/v1/limit", json=body, headers=headers),
                                 422, "invalid_request")
        assert problem["errors"], body
    not_json = client.put("/api/v1/limit", data="current_fen=1", headers=headers)
    assert_problem(not_json, 422, "invalid_request")


def test_history_newest_first_with_cursor(client, make_user):
    _, headers = make_user()
    for amount in (400_000, 300_000, 200_000):
        client.put("/api/v1/limit", json={"current_fen": amount},
                   headers={**headers, "If-Match": "*"})
    page = client.get("/api/v1/limit/history?limit=2", headers=headers).get_json()
    assert [e["current_after"] for e in page["items"]] == [200_000, 300_000]
    assert [e["kind"] for e in page["items"]] == ["lower", "lower"]
    rest = client.get(f"/api/v1/limit/history?limit=2&before={page['next_cursor']}",
                      headers=headers).get_json()
    assert [e["kind"] for e in rest["items"]] == ["lower", "open"]
    assert rest["next_cursor"] is None


def test_unknown_path_and_method_are_problems(client, make_user):
    _, headers = make_user()
    assert_problem(client.get("/api/v1/nothing-here", headers=headers), 404, "not_found")
    response = client.delete("/api/v1/limit", headers=headers)
    assert_problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_web_pages_keep_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype != PROBLEM


def test_catalogue_is_public_and_lists_bands(client):
    body = client.get("/api/v1/catalogue").get_json()
    types = {t["id"]: t for t in body["types"]}
    assert set(types) == set(shipped_catalogue())
    assert types["cpa"]["names"] == {"zh": "注册会计师全科合格证书", "en": "CPA certificate (all subjects)"}
    assert types["cpa"]["bands"] == [{"label": "any", "bonus_fen": 500_000}]
    assert types["toefl"]["banding"] == "score"
    assert {c["id"]: c["cap_fen"] for c in body["categories"]}["language"] == 500_000
    assert body["global_cap_fen"] == 1_200_000


def test_openapi_document_and_local_docs(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    put = spec["paths"]["/api/v1/limit"]["put"]
    assert {"200", "412", "428", "422", "429"} <= set(put["responses"])
    responses = spec["components"]["responses"]
    assert "Retry-After" in responses["TOO_MANY_REQUESTS"]["headers"]
    assert "application/problem+json" in responses["PRECONDITION_FAILED"]["content"]
    assert "ETag" in put["responses"]["200"]["headers"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page and "https://" not in page
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
