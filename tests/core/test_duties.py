"""No reviewer approves, rejects or revokes a credential of their own account (issue 21, item
3), whoever calls credentials.* (API, web console, CLI); another reviewer may."""
from __future__ import annotations

import pytest

from limitup import credentials
from limitup.db import write


def _credential(db, user_id, status) -> int:
    with write(db) as conn:
        credential_id = credentials.insert(conn, user_id, type="cpa", holder_name="李审核",
                                           holder_key="李审核", cert_number="110001000999",
                                           issue_date="2020-05-01")
        credentials.move(conn, credential_id, "processing", actor="system")
        credentials.move(conn, credential_id, status, actor="system")
    return credential_id


def test_no_reviewer_decides_their_own_credential(app, db, new_user):
    from limitup.store import get_rules
    rules = get_rules()
    reviewer = new_user(name="李审核", role="reviewer")
    colleague = new_user(name="王审核", role="reviewer")
    held = _credential(db, reviewer, "needs_review")
    for action in (credentials.approve, credentials.reject):
        with pytest.raises(credentials.OwnCredential):
            action(db, held, rules, reviewer_id=reviewer, note="mine")
    assert credentials.get(db, held)["status"] == "needs_review"
    credentials.approve(db, held, rules, reviewer_id=colleague, note="checked")
    with pytest.raises(credentials.OwnCredential):
        credentials.revoke(db, held, rules, reviewer_id=reviewer, note="mine")
    assert credentials.get(db, held)["status"] == "verified"
    credentials.revoke(db, held, rules, reviewer_id=colleague, note="forged")
    assert credentials.get(db, held)["status"] == "revoked"
