"""ledger.change stamps an entry while it holds the write lock (issue 21, item 10): a writer
that waited for the lock never stamps an earlier time than the entry written meanwhile, and a
wall clock stepped back never stamps before the account's last entry. Real SQLite file, two
connections."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from limitup import ledger
from limitup.clock import utcnow
from limitup.db import connect


def _stamps(db, user_id):
    return [row["created_at"] for row in
            db.query("SELECT created_at FROM ledger WHERE user_id = ? ORDER BY seq", [user_id])]


def test_a_writer_that_waited_for_the_lock_stamps_after_the_one_that_held_it(app, db, policy,
                                                                            new_user):
    user_id = new_user(used_fen=0)
    other = connect(app.config["DATABASE"])
    other.conn.execute("BEGIN IMMEDIATE")            # another process holds the write lock
    waiter = threading.Thread(target=lambda: ledger.set_used(db, user_id, 10_000,
                                                             policy=policy))
    waiter.start()
    time.sleep(0.3)                                   # the waiter is blocked on BEGIN
    ledger.set_used(other, user_id, 20_000, policy=policy)   # joins the held transaction
    other.conn.execute("COMMIT")
    waiter.join(timeout=30)
    stamps = _stamps(db, user_id)
    assert len(stamps) == 3
    assert stamps == sorted(stamps), stamps          # before: the waiter's stamp was earlier


def test_a_clock_stepped_back_does_not_stamp_before_the_last_entry(db, policy, new_user):
    user_id = new_user()
    ledger.set_used(db, user_id, 10_000, policy=policy, now=utcnow() + timedelta(minutes=5))
    ledger.set_used(db, user_id, 20_000, policy=policy)       # the wall clock, 5 min "behind"
    stamps = _stamps(db, user_id)
    assert stamps == sorted(stamps), stamps


@pytest.mark.parametrize("actor", ["operator", "reviewer"])
def test_staff_never_change_their_own_figures(db, policy, new_user, actor):
    staff = new_user(role=actor)
    with pytest.raises(ledger.OwnAccount):
        ledger.set_base(db, staff, 10**12, policy=policy, actor=actor, actor_id=staff)
    assert len(_stamps(db, staff)) == 1
    other = new_user()
    ledger.set_base(db, other, 600_000, policy=policy, actor=actor, actor_id=staff)
