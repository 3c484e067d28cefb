"""Separation of duties, idempotency after a crash, and the API description, against a real
`limitup serve` with a real HTTP client (issue 21, items 3, 9, 10, 11).

Credentials are seeded straight into the server's database as the processor leaves them (no
OCR needed for what is tested here); everything asked of the server goes over HTTP.
"""
from __future__ import annotations

import sqlite3
import time

import pytest
import requests

from limitup import accounts, create_app
from limitup import credentials as store
from limitup.auth import make_token
from limitup.db import write
from limitup.store import get_db, get_rules
from tests.conftest import make_id
from tests.servers import ServeProcess

SECRET = "access-secret"
PROBLEM = "application/problem+json"
_serials = iter(range(600, 900))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("access")
    serve = ServeProcess(data_dir, tmp_path_factory.mktemp("access-logs"),
                         env={"LIMITUP_SECRET_KEY": SECRET,
                              "LIMITUP_IDEMPOTENCY_LEASE_SECONDS": "1"},
                         serve_args=("--host", "127.0.0.1", "--threads", "4"))
    serve.start(timeout=60)
    try:
        yield serve
    finally:
        serve.stop(timeout=15)


def _app(server):
    return create_app({"DATA_DIR": str(server.data_dir), "SECRET_KEY": SECRET})


def add_user(server, role="user", name="张三", base_fen=500_000) -> tuple[int, dict]:
    app = _app(server)
    with app.app_context():
        user_id = accounts.add_user(get_db(), name=name, id_number=make_id(serial=str(next(_serials))),
                                    base_fen=base_fen, role=role, secret_key=SECRET,
                                    policy=get_rules().limits)
    return user_id, {"Authorization": f"Bearer {make_token(user_id, role, SECRET, 3600)}"}


def seed(server, user_id, status, **fields) -> int:
    """A credential as the processor leaves it (system moves); a CPA certificate by default."""
    columns = {"type": "cpa", "holder_name": "张三", "holder_key": "张三",
               "cert_number": f"110001{next(_serials):06d}", "issue_date": "2020-05-01",
               **fields}
    app = _app(server)
    with app.app_context():
        db = get_db()
        with write(db) as conn:
            credential_id = store.insert(conn, user_id, **columns)
            store.move(conn, credential_id, "processing", actor="system")
            store.move(conn, credential_id, status, actor="system", note="seeded")
        store.rescore(db, user_id, get_rules())
    return credential_id


def query(server, sql, params=()):
    conn = sqlite3.connect(str(server.data_dir / "limitup.db"), timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def problem(response, status, code):
    assert response.status_code == status, (response.status_code, response.text[:400])
    assert response.headers["Content-Type"].startswith(PROBLEM)
    assert response.json()["code"] == code, response.json()
    return response.json()


def test_a_reviewer_cannot_decide_their_own_credential(server):
    reviewer_id, reviewer = add_user(server, role="reviewer", name="李审核")
    _, colleague = add_user(server, role="reviewer", name="王审核")
    held = seed(server, reviewer_id, "needs_review")
    before = requests.get(f"{server.api}/limit", headers=reviewer, timeout=10).json()
    for decision in ("approve", "reject"):
        problem(requests.post(f"{server.api}/review/{held}", headers=reviewer, timeout=10,
                              json={"decision": decision, "note": "looks fine"}),
                403, "own_credential")
    assert requests.get(f"{server.api}/limit", headers=reviewer,
                        timeout=10).json()["ceiling_fen"] == before["ceiling_fen"]
    assert query(server, "SELECT status FROM credentials WHERE id = ?", [held]) == \
        [("needs_review",)]
    # Another reviewer may: the rule is about the owner, not about the credential.
    approved = requests.post(f"{server.api}/review/{held}", headers=colleague, timeout=10,
                             json={"decision": "approve", "note": "checked with the issuer"})
    assert approved.status_code == 200 and approved.json()["status"] == "verified"


def test_an_operator_cannot_set_their_own_figures_nor_review(server):
    operator_id, operator = add_user(server, role="operator", name="赵操")
    user_id, _ = add_user(server)
    held = seed(server, user_id, "needs_review")
    for path, body in (("base", {"base_fen": 10**12}), ("used", {"used_fen": 0})):
        problem(requests.put(f"{server.api}/accounts/{operator_id}/{path}", headers=operator,
                             json=body, timeout=10), 403, "own_account")
    assert query(server, "SELECT base_fen, version FROM accounts WHERE user_id = ?",
                 [operator_id]) == [(500_000, 1)]
    assert requests.put(f"{server.api}/accounts/{user_id}/base", headers=operator,
                        json={"base_fen": 600_000}, timeout=10).status_code == 200
    # One role rule on the API and the web console: reviewing is the reviewer's.
    problem(requests.get(f"{server.api}/review", headers=operator, timeout=10), 403, "forbidden")
    refused = requests.post(f"{server.api}/review/{held}", timeout=10,
                            headers={**operator, "Idempotency-Key": "op-review-1"},
                            json={"decision": "approve", "note": "x"})
    problem(refused, 403, "forbidden")
    # The role check runs before the Idempotency-Key layer: the 403 is not the key's answer.
    assert query(server, "SELECT count(*) FROM idempotency_keys WHERE user_id = ?",
                 [operator_id]) == [(0,)]


def test_approving_what_identifies_no_one_needs_a_stated_reason(server):
    user_id, owner = add_user(server)
    _, reviewer = add_user(server, role="reviewer", name="孙审核")
    blank = seed(server, user_id, "needs_review", holder_name=None, holder_key=None,
                 cert_number=None)
    named = seed(server, user_id, "needs_review")
    queue = {item["id"]: item for item in
             requests.get(f"{server.api}/review", headers=reviewer, timeout=10).json()["items"]}
    assert queue[blank]["nothing_identifying_read"] is True
    assert queue[named]["nothing_identifying_read"] is False
    problem(requests.post(f"{server.api}/review/{blank}", headers=reviewer, timeout=10,
                          json={"decision": "approve", "note": "ok"}),
            422, "identity_note_required")
    assert query(server, "SELECT status FROM credentials WHERE id = ?", [blank]) == \
        [("needs_review",)]
    done = requests.post(f"{server.api}/review/{blank}", headers=reviewer, timeout=10,
                         json={"decision": "approve", "note": "ok",
                               "identity_note": "confirmed by the issuer's public register"})
    assert done.status_code == 200 and done.json()["status"] == "verified"
    note = query(server, "SELECT note FROM credential_transitions WHERE credential_id = ?"
                 " ORDER BY id DESC LIMIT 1", [blank])[0][0]
    assert "issuer's public register" in note
    # Rejecting it needs no such reason (it pays nothing).
    other = seed(server, user_id, "needs_review", holder_name=None, holder_key=None,
                 cert_number=None)
    assert requests.post(f"{server.api}/review/{other}", headers=reviewer, timeout=10,
                         json={"decision": "reject", "note": "unreadable"}).status_code == 200
    assert requests.get(f"{server.api}/credentials/{named}", headers=owner,
                        timeout=10).json()["nothing_identifying_read"] is False


CRASH_TRIGGERS = [
    "CREATE TRIGGER crash_on_record_insert BEFORE INSERT ON idempotency_keys"
    " WHEN NEW.state = 'done' BEGIN SELECT RAISE(ABORT, 'crash before the record'); END",
    "CREATE TRIGGER crash_on_record_update BEFORE UPDATE ON idempotency_keys"
    " WHEN NEW.state = 'done' BEGIN SELECT RAISE(ABORT, 'crash before the record'); END",
]


def _crash_before_the_record(server):
    """The write went through and the key's answer could not be recorded: the record step
    fails (a trigger), the client gets no usable answer, and the server is SIGKILLed."""
    conn = sqlite3.connect(str(server.data_dir / "limitup.db"), timeout=30)
    with conn:
        for sql in CRASH_TRIGGERS:
            conn.execute(sql)
    conn.close()


def _recover(server):
    server.kill()
    conn = sqlite3.connect(str(server.data_dir / "limitup.db"), timeout=30)
    with conn:
        conn.execute("DROP TRIGGER crash_on_record_insert")
        conn.execute("DROP TRIGGER crash_on_record_update")
    conn.close()
    server.start(timeout=60)
    time.sleep(1.2)           # past the 1 s lease a dead request may have left


def test_withdraw_and_review_retried_after_a_crash_answer_the_first_answer(server):
    user_id, owner = add_user(server)
    _, reviewer = add_user(server, role="reviewer", name="钱审核")
    verified = seed(server, user_id, "verified")
    held = seed(server, user_id, "needs_review")
    ceiling = requests.get(f"{server.api}/limit", headers=owner, timeout=10).json()["ceiling_fen"]
    withdraw = {**owner, "Idempotency-Key": "withdraw-after-crash"}
    review = {**reviewer, "Idempotency-Key": "review-after-crash"}
    decision = {"decision": "approve", "note": "checked"}

    _crash_before_the_record(server)
    first = requests.delete(f"{server.api}/credentials/{verified}", headers=withdraw, timeout=10)
    first_review = requests.post(f"{server.api}/review/{held}", headers=review, json=decision,
                                 timeout=10)
    assert first.status_code >= 500 and first_review.status_code >= 500
    _recover(server)

    again = requests.delete(f"{server.api}/credentials/{verified}", headers=withdraw, timeout=10)
    assert again.status_code == 200, again.text[:400]     # before: 409 wrong_status
    assert again.json()["status"] == "withdrawn"
    review_again = requests.post(f"{server.api}/review/{held}", headers=review, json=decision,
                                 timeout=10)
    assert review_again.status_code == 200, review_again.text[:400]
    assert review_again.json()["status"] == "verified"
    # And once more: the recorded answer, replayed.
    replay = requests.delete(f"{server.api}/credentials/{verified}", headers=withdraw, timeout=10)
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == again.json()
    # Applied once each: one withdrawal and one approval in the transitions.
    assert query(server, "SELECT count(*) FROM credential_transitions WHERE credential_id = ?"
                 " AND to_status = 'withdrawn'", [verified]) == [(1,)]
    assert query(server, "SELECT count(*) FROM credential_transitions WHERE credential_id = ?"
                 " AND to_status = 'verified' AND actor = 'reviewer'", [held]) == [(1,)]
    # One CPA certificate left, one approved in its place: the ceiling is back where it was,
    # not short of a withdrawn bonus twice nor over it by an approval applied twice.
    assert requests.get(f"{server.api}/limit", headers=owner,
                        timeout=10).json()["ceiling_fen"] == ceiling


def test_ledger_stamps_never_go_backwards(server):
    user_id, owner = add_user(server)
    etag = requests.get(f"{server.api}/limit", headers=owner, timeout=10).headers["ETag"]
    for amount in (400_000, 300_000, 200_000):
        changed = requests.put(f"{server.api}/limit", headers={**owner, "If-Match": etag},
                               json={"current_fen": amount}, timeout=10)
        assert changed.status_code == 200
        etag = changed.headers["ETag"]
    stamps = [row[0] for row in query(server, "SELECT created_at FROM ledger WHERE user_id = ?"
                                      " ORDER BY seq", [user_id])]
    assert stamps == sorted(stamps) and len(stamps) == 4


def test_successful_answers_carry_no_retry_after_and_if_match_is_required(server):
    _, owner = add_user(server)
    response = requests.get(f"{server.api}/limit", headers=owner, timeout=10)
    put = requests.put(f"{server.api}/limit", json={"current_fen": 400_000}, timeout=10,
                       headers={**owner, "If-Match": response.headers["ETag"]})
    assert put.status_code == 200 and "X-RateLimit-Limit" in put.headers
    assert "Retry-After" not in put.headers
    problem(requests.put(f"{server.api}/limit", json={"current_fen": 300_000}, headers=owner,
                         timeout=10), 428, "precondition_required")
    spec = requests.get(f"{server.api}/openapi.json", timeout=10).json()
    if_match = [p for p in spec["paths"]["/api/v1/limit"]["put"]["parameters"]
                if p["name"] == "If-Match"]
    assert if_match and if_match[0]["required"] is True
