"""Schemathesis over every operation of the API of a real `limitup serve`, each with the token
of the role it is for (user, reviewer, operator), so the role-guarded operations run for real,
and with real data to act on: verified credentials to withdraw (DELETE), credentials in review
to decide (POST /review), real images among the generated upload bodies, and the right ETag
for PUT /limit half of the time. Checks: no server error, status codes, response schemas and
content types as documented. Fails too if an operation never got one success (2xx): a run
that only ever exercised the 4xx answers of DELETE or /review proves little."""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)
from schemathesis.transport.serialization import Binary

from limitup import create_app
from limitup import credentials as store
from limitup import ledger
from limitup.db import write
from limitup.store import get_db, get_rules
from tests.hostile import corpus
from tests.hostile.conftest import add_user
from tests.hostile.server import SECRET_KEY, Server

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance,
          content_type_conformance]
EXAMPLES = 12
SEEDED = 6                       # verified and in-review credentials made for the run


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("schemathesis")
    server = Server(root / "data", root / "logs")
    server.start()
    user_id, user = add_user(server.data_dir, name="张三")
    _, reviewer = add_user(server.data_dir, name="李审", role="reviewer")
    _, operator = add_user(server.data_dir, name="王操", role="operator")
    verified, in_review = seed_credentials(server.data_dir, user_id)
    yield {"server": server, "user_id": user_id, "verified": verified, "in_review": in_review,
           "tokens": {"user": user, "reviewer": reviewer, "operator": operator}}
    server.stop()


def seed_credentials(data_dir, user_id) -> tuple[list[int], list[int]]:
    """Credentials as the processor leaves them (system moves), with a real scoring bonus."""
    app = create_app({"DATA_DIR": str(data_dir), "SECRET_KEY": SECRET_KEY})
    made = {"verified": [], "needs_review": []}
    with app.app_context():
        db = get_db()
        for index in range(SEEDED * 2):
            status = "verified" if index % 2 == 0 else "needs_review"
            with write(db) as conn:
                credential_id = store.insert(
                    conn, user_id, type="cpa", holder_name="张三", holder_key="张三",
                    cert_number=f"11000123{index:04d}", issue_date="2020-05-01")
                store.move(conn, credential_id, "processing", actor="system")
                store.move(conn, credential_id, status, actor="system", note="seeded")
            made[status].append(credential_id)
        store.rescore(db, user_id, get_rules())
    return made["verified"], made["needs_review"]


def token_for(path: str, tokens: dict) -> dict:
    if path.startswith("/api/v1/review"):
        return tokens["reviewer"]
    if path.startswith("/api/v1/accounts") or path == "/api/v1/users":
        return tokens["operator"]
    return tokens["user"]


def make_realistic(case, data, world) -> None:
    """Half of the cases get values that reach the operation's success path."""
    if not data.draw(st.booleans(), label="realistic"):
        return
    ids = {"DELETE": world["verified"], "POST": world["in_review"],
           "GET": world["verified"] + world["in_review"]}.get(case.method, [])
    if "credential_id" in (case.path_parameters or {}) and ids:
        case.path_parameters["credential_id"] = data.draw(st.sampled_from(ids))
    if "user_id" in (case.path_parameters or {}):
        case.path_parameters["user_id"] = world["user_id"]
    if case.path == "/api/v1/credentials" and case.method == "POST":
        photo = data.draw(st.sampled_from(["small", "zip", "no_extension"]))
        body = {"small": corpus.blank_jpeg(), "zip": corpus.jpeg_with_zip(),
                "no_extension": corpus.unusual_valid()["no_extension"][1]}[photo]
        case.body = {"image": Binary(body)}
    if case.path == "/api/v1/limit" and case.method == "PUT":
        limit = requests.get(world["server"].api + "/limit", headers=world["tokens"]["user"],
                             timeout=10)
        case.headers = {**(case.headers or {}), "If-Match": limit.headers["ETag"]}
        figures = limit.json()
        case.body = {"current_fen": data.draw(st.sampled_from(
            [figures["min_selectable_fen"], figures["max_selectable_fen"],
             figures["current_fen"]]))}
    if case.path == "/api/v1/users" and case.method == "POST":
        # A valid account (a passport or a Chinese name, a fresh valid ID number).
        from limitup.ids import check_digit
        first17 = f"9301561988071{data.draw(st.integers(1000, 9999)):04d}"
        case.body = {"name": data.draw(st.sampled_from(["José García López", "阿依古丽·买买提",
                                                         "张三"])),
                     "id_number": first17 + check_digit(first17), "base_fen": 100_000}
        case.headers = {k: v for k, v in (case.headers or {}).items()
                        if k.lower() != "idempotency-key"}
    if case.query and "wait" in case.query:       # a valid upload would wait up to 10 s
        case.query["wait"] = min(int(case.query["wait"] or 0), 1)


def test_every_operation_conforms_and_succeeds_at_least_once(world):
    server = world["server"]
    schema = schemathesis.openapi.from_url(server.api + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13, [op.label for op in operations]
    statuses: dict[str, Counter] = defaultdict(Counter)
    failures = {}
    for operation in operations:
        @given(case=operation.as_strategy(), data=st.data())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case, data):
            make_realistic(case, data, world)
            response = case.call_and_validate(base_url=server.base,
                                              headers=token_for(case.path, world["tokens"]),
                                              checks=CHECKS, timeout=30)
            statuses[operation.label][response.status_code] += 1
        try:
            check()
        except Exception as error:  # gather every operation's failure, then report them all
            failures[operation.label] = str(error)[:3000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
    never_succeeded = [label for label in statuses
                       if not any(200 <= status < 300 for status in statuses[label])]
    assert not never_succeeded, {label: dict(statuses[label]) for label in never_succeeded}
    assert server.healthy()
    app = create_app({"DATA_DIR": str(server.data_dir), "SECRET_KEY": SECRET_KEY})
    with app.app_context():                  # whatever was applied, the ledger replays to it
        ledger.verify_account(get_db(), world["user_id"])
    print({label: dict(counts) for label, counts in statuses.items()})
