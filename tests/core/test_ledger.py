"""The ledger on a real SQLite file: append-only, idempotent, version-checked, replayable."""
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from limitup import ledger
from limitup.errors import Conflict, NotFound
from limitup.ledger import LedgerCorrupt, StaleVersion
from limitup.limits import LimitRuleError


def test_opening_writes_entry_one(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    [entry] = ledger.entries(db, uid)
    assert entry["seq"] == 1 and entry["kind"] == "open" and entry["current_after"] == 500_000
    assert ledger.account(db, uid, policy)["version"] == 1


def test_every_change_records_before_after_actor_reason(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    ledger.set_current(db, uid, 300_000, policy=policy, reason="tighter budget", actor_id=uid)
    entry = ledger.entries(db, uid)[0]
    assert (entry["kind"], entry["actor"], entry["reason"]) == ("lower", "user", "tighter budget")
    assert (entry["current_before"], entry["current_after"]) == (500_000, 300_000)
    assert entry["created_at"].endswith("Z")


def test_ledger_refuses_update_and_delete(db, new_user):
    uid = new_user()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE ledger SET current_after = 1 WHERE user_id = ?", [uid])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM ledger WHERE user_id = ?", [uid])


def test_idempotency_key_applies_once_and_replays(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    first = ledger.set_current(db, uid, 300_000, policy=policy, idempotency_key="k1")
    again = ledger.set_current(db, uid, 300_000, policy=policy, idempotency_key="k1")
    assert again.replayed and again.entry["id"] == first.entry["id"]
    assert len(ledger.entries(db, uid)) == 2


def test_idempotency_key_with_another_request_is_refused(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    ledger.set_current(db, uid, 300_000, policy=policy, idempotency_key="k1")
    with pytest.raises(Conflict) as error:
        ledger.set_current(db, uid, 200_000, policy=policy, idempotency_key="k1")
    assert error.value.code == "idempotency_key_reused"


def test_idempotency_keys_are_per_user(db, policy, new_user):
    a, b = new_user(), new_user()
    ledger.set_current(db, a, 300_000, policy=policy, idempotency_key="same")
    result = ledger.set_current(db, b, 200_000, policy=policy, idempotency_key="same")
    assert not result.replayed and result.account["current_fen"] == 200_000


def test_stale_version_is_refused(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    version = ledger.account(db, uid, policy)["version"]
    ledger.set_current(db, uid, 400_000, policy=policy, expected_version=version)
    with pytest.raises(StaleVersion) as error:
        ledger.set_current(db, uid, 300_000, policy=policy, expected_version=version)
    assert error.value.status == 412
    assert ledger.account(db, uid, policy)["current_fen"] == 400_000


def test_refused_change_writes_nothing(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    with pytest.raises(LimitRuleError):
        ledger.set_current(db, uid, 900_000, policy=policy)
    assert len(ledger.entries(db, uid)) == 1


def test_quota_counts_raises_in_a_sliding_window(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    ledger.set_current(db, uid, 100_000, policy=policy, now=start)
    for i in range(policy.raise_quota):
        ledger.set_current(db, uid, 110_000 + i * 10_000, policy=policy,
                           now=start + timedelta(days=1, hours=i))
    with pytest.raises(LimitRuleError) as error:
        ledger.set_current(db, uid, 400_000, policy=policy, now=start + timedelta(days=2))
    assert error.value.code == "raise_quota_exceeded"
    # lowering is always allowed; and once the window has passed, raising is again
    ledger.set_current(db, uid, 100_000, policy=policy, now=start + timedelta(days=3))
    later = start + timedelta(days=32)
    assert ledger.account(db, uid, policy, later)["raises_left"] == policy.raise_quota
    ledger.set_current(db, uid, 400_000, policy=policy, now=later)


def test_falling_bonus_lowers_current_in_one_entry(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    ledger.set_bonus(db, uid, 300_000, policy=policy)
    assert ledger.account(db, uid, policy)["current_fen"] == 500_000  # does not move by itself
    ledger.set_current(db, uid, 800_000, policy=policy)
    ledger.set_bonus(db, uid, 0, policy=policy, reason="credential withdrawn")
    entry = ledger.entries(db, uid)[0]
    assert (entry["kind"], entry["ceiling_after"], entry["current_after"]) == ("bonus", 500_000, 500_000)
    ledger.verify_account(db, uid)


def test_replay_detects_a_tampered_account(db, policy, new_user):
    uid = new_user()
    ledger.set_current(db, uid, 200_000, policy=policy)
    db.execute("UPDATE accounts SET current_fen = 999000 WHERE user_id = ?", [uid])
    with pytest.raises(LedgerCorrupt):
        ledger.verify_account(db, uid)


def test_unknown_account(db, policy):
    with pytest.raises(NotFound):
        ledger.set_current(db, 404, 100_000, policy=policy)


def test_history_pages_newest_first(db, policy, new_user):
    uid = new_user(base_fen=500_000)
    for amount in (100_000, 90_000, 80_000, 70_000):
        ledger.set_current(db, uid, amount, policy=policy)
    page = ledger.entries(db, uid, limit=2)
    assert [e["seq"] for e in page] == [5, 4]
    assert [e["seq"] for e in ledger.entries(db, uid, limit=2, before_seq=4)] == [3, 2]
