"""The review queue is listed in a fixed number of SQL statements, whatever its length.

Every caller of `credentials.review_queue` (the function itself, the web console, the API
listing, `limitup review list`) is run against a queue of 1 and of 5 held credentials, each
held credential owned by another user and with its stored photo; the statements SQLite runs
are counted with `set_trace_callback` on every connection the app opens. A query per item (the
credential again, its owner's name) makes the 5-item count larger than the 1-item one.
"""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from limitup import accounts, auth, credentials
from limitup import db as dbmod
from limitup.cli import cli
from limitup.pipeline import process
from limitup.store import get_db, get_rules, pipeline_settings

from tests.fixtures import SECRET, golden, ingested, make_app, queued_credential, valid_id

SIZES = (1, 5)

# Account names are names (no digits): 王零, 王一, ...
DIGITS = "零一二三四五六七八九"


@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement run on a connection opened from now on (the real connect, traced)."""
    seen: list[str] = []
    real_connect = dbmod.connect

    def traced_connect(path):
        database = real_connect(path)
        database.conn.set_trace_callback(seen.append)
        return database
    monkeypatch.setattr(dbmod, "connect", traced_connect)
    return seen


def _held_queue(tmp_path, monkeypatch, size: int):
    """An app whose review queue holds `size` credentials of `size` users; (app, reviewer)."""
    app = make_app(tmp_path / f"queue{size}")
    monkeypatch.setenv("LIMITUP_DATA_DIR", app.config["DATA_DIR"])   # for the CLI
    monkeypatch.setenv("LIMITUP_SECRET_KEY", SECRET)
    with app.app_context():
        db, policy = get_db(), get_rules().limits
        reviewer = accounts.add_user(db, name="李审核", id_number=valid_id("11010119800101900"),
                                     base_fen=0, secret_key=SECRET, policy=policy,
                                     role="reviewer")
        for seed in range(size):
            owner = accounts.add_user(db, name=f"王{DIGITS[seed]}", base_fen=500_000, secret_key=SECRET,
                                      id_number=valid_id(f"110101199003071{seed:02d}"),
                                      policy=policy)
            held = process(db, queued_credential(db, owner, ingested(seed)),
                           golden("cpa", holder=f"王{seed}", number=f"2023001234{seed:02d}",
                                  confidence=0.3), pipeline_settings(), today=date(2026, 5, 1))
            assert held["status"] == "needs_review"
    return app, reviewer


def _count(statements: list[str], listing) -> tuple[int, int]:
    """(statements the listing ran, items it listed)."""
    statements.clear()
    listed = listing()
    return len(statements), listed


def _function(app, _reviewer):
    def listing():
        with app.app_context():
            return len(credentials.review_queue(get_db()))
    return listing


def _web_console(app, reviewer):
    client = app.test_client()
    token = auth.make_token(reviewer, "reviewer", SECRET, 3600)
    confirm = client.get(f"/login?token={token}")     # the confirm page; its POST signs in
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', confirm.get_data(as_text=True))
    assert client.post("/login", data={"token": token,
                                       "csrf_token": csrf.group(1)}).status_code == 303

    def listing():
        return client.get("/review").get_data(as_text=True).count('data-testid="review-item"')
    return listing


def _api(app, reviewer):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {auth.make_token(reviewer, 'reviewer', SECRET, 3600)}"}
    return lambda: len(client.get("/api/v1/review", headers=headers).get_json()["items"])


def _cli(_app, _reviewer):
    def listing():
        output = CliRunner().invoke(cli, ["review", "list"], catch_exceptions=False).output
        return len([json.loads(line) for line in output.splitlines() if line.startswith("{")])
    return listing


@pytest.mark.parametrize("caller", [_function, _web_console, _api, _cli],
                         ids=["review_queue", "web", "api", "cli"])
def test_listing_the_queue_runs_as_many_statements_for_5_items_as_for_1(
        tmp_path, monkeypatch, statements, caller):
    counts = {}
    for size in SIZES:
        app, reviewer = _held_queue(tmp_path, monkeypatch, size)
        listing = caller(app, reviewer)           # signing in is not part of the count
        ran, listed = _count(statements, listing)
        assert listed == size
        counts[size] = ran
    assert counts[1] > 0, "nothing was traced: the count would prove nothing"
    assert counts[5] == counts[1], f"statements per listing by queue length: {counts}"


def test_the_queue_rows_carry_what_the_callers_show(tmp_path, monkeypatch):
    app, _reviewer = _held_queue(tmp_path, monkeypatch, 2)
    with app.app_context():
        rows = credentials.review_queue(get_db())
        assert [row["id"] for row in rows] == [1, 2]
        assert [row["account_name"] for row in rows] == ["王零", "王一"]
        for row in rows:
            # The stored row and the owner's name, nothing else (no second copy of the id).
            assert row == {**credentials.get(get_db(), row["id"]),
                           "account_name": row["account_name"]}
