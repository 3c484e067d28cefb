"""Races against a real `limitup serve` (waitress, 8 threads): concurrent limit changes on one
ETag, and concurrent replays of one Idempotency-Key, released together by a barrier."""
from __future__ import annotations

from collections import Counter

import pytest
import requests

from tests.hostile import corpus
from tests.hostile.conftest import add_user, assert_problem, query
from tests.hostile.figures import all_at_once, report
from tests.hostile.server import Server

N = 12


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module (each test has its own user): starting one costs seconds."""
    root = tmp_path_factory.mktemp("races")
    running = Server(root / "data", root / "logs")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def me(server):
    user_id, headers = add_user(server.data_dir, base_fen=500_000)
    return user_id, headers


def ledger_entries(server, user_id) -> int:
    return query(server.data_dir, "SELECT count(*) FROM ledger WHERE user_id = ?", [user_id])[0][0]


def limit(server, headers):
    response = requests.get(f"{server.api}/limit", headers=headers, timeout=10)
    return response.json(), response.headers["ETag"]


def test_concurrent_changes_on_one_etag_exactly_one_applies(server, me):
    user_id, headers = me
    figures, etag = limit(server, headers)
    before = ledger_entries(server, user_id)
    # Each thread asks for another amount (all lowerings: no raise quota in the way).
    amounts = [figures["current_fen"] - 10_000 * (i + 1) for i in range(N)]
    results = all_at_once(N, lambda i: requests.put(
        f"{server.api}/limit", json={"current_fen": amounts[i]},
        headers={**headers, "If-Match": etag}, timeout=60))
    statuses = Counter(r.status_code for r in results)
    assert statuses[200] == 1 and statuses[200] + statuses[412] + statuses[409] == N, statuses
    for response in results:
        if response.status_code != 200:
            assert_problem(response, (409, 412))
    winner = next(r for r in results if r.status_code == 200).json()["current_fen"]
    assert ledger_entries(server, user_id) == before + 1
    assert limit(server, headers)[0]["current_fen"] == winner
    report("etag_race", requests=N, statuses=dict(statuses), ledger_entries_added=1)


def test_concurrent_replays_of_one_key_on_put_limit_apply_once(server, me):
    user_id, headers = me
    figures, etag = limit(server, headers)
    before = ledger_entries(server, user_id)
    target = figures["current_fen"] - 50_000
    results = all_at_once(N, lambda i: requests.put(
        f"{server.api}/limit", json={"current_fen": target},
        headers={**headers, "If-Match": etag, "Idempotency-Key": "same-change"}, timeout=60))
    statuses = Counter(r.status_code for r in results)
    assert statuses[200] >= 1 and statuses[200] + statuses[409] == N, statuses
    ok = [r for r in results if r.status_code == 200]
    assert len({r.content for r in ok}) == 1                    # every 200 is the same answer
    assert sum(r.headers.get("Idempotent-Replayed") != "true" for r in ok) == 1
    for response in results:
        if response.status_code == 409:
            assert_problem(response, 409, "idempotency_in_flight")
    assert ledger_entries(server, user_id) == before + 1
    again = requests.put(f"{server.api}/limit", json={"current_fen": target},
                         headers={**headers, "If-Match": etag, "Idempotency-Key": "same-change"},
                         timeout=10)
    assert again.status_code == 200 and again.content == ok[0].content
    report("idempotent_limit_replays", requests=N, statuses=dict(statuses),
           ledger_entries_added=1)


def test_concurrent_replays_of_one_key_on_upload_make_one_credential(server, me):
    user_id, headers = me
    photo = corpus.valid_jpeg()
    results = all_at_once(N, lambda i: requests.post(
        f"{server.api}/credentials", headers={**headers, "Idempotency-Key": "same-upload"},
        files={"image": ("c.jpg", photo, "image/jpeg")}, timeout=60))
    statuses = Counter(r.status_code for r in results)
    assert statuses[202] + statuses[201] >= 1, statuses
    assert statuses[202] + statuses[201] + statuses[409] == N, statuses
    ids = {r.json()["id"] for r in results if r.status_code in (201, 202)}
    assert len(ids) == 1
    assert query(server.data_dir, "SELECT count(*) FROM credentials WHERE user_id = ?",
                 [user_id])[0][0] == 1
    assert query(server.data_dir, "SELECT count(*) FROM credentials")[0][0] == 1
    assert len(list((server.data_dir / "images").glob("*.jpg"))) == 1
    report("idempotent_upload_replays", requests=N, statuses=dict(statuses), credentials=1)
