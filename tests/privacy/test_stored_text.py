"""Every text stored beside a credential goes through the one masking function: transition notes
(a reviewer may type the number), processing errors (an exception may quote what was read), the
ledger's reasons, and the credential's free-text columns (issue 21, item 2)."""
from __future__ import annotations

from limitup import credentials, ledger
from limitup.db import write
from limitup.jobs import embedded
from limitup.store import get_db, get_rules
from tests.verify.dbkit import add_user, ingested, make_app, valid_id
from tests.fixtures import queued_credential

OWNER = "32021119880415517"
NUMBER = valid_id(OWNER)
GROUPED = " ".join(NUMBER[i:i + 4] for i in range(0, 18, 4))
MASK = NUMBER[:6] + "********" + NUMBER[-4:]


def _database_text(db) -> str:
    rows = []
    for table in ("credentials", "credential_transitions", "job_leases", "ledger"):
        rows += [repr(tuple(row)) for row in db.conn.execute(f"SELECT * FROM {table}")]
    return "\n".join(rows)


def test_notes_errors_reasons_and_columns_are_masked(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db = get_db()
        user = add_user("张三", OWNER)
        reviewer = add_user("李四", "11010519491231002")   # not the owner: no one decides their own
        credential_id = queued_credential(db, user, ingested(4))
        with write(db) as conn:
            credentials.update(conn, credential_id, ocr_text=f"号码 {GROUPED}",
                               holder_name=f"张三{NUMBER}", edit_signals=[f"Meitu {GROUPED}"])
        # A processing error quoting the number, every attempt: dead-lettered with the error.
        for attempt in range(embedded.MAX_ATTEMPTS):
            owner = f"worker-{attempt}"
            assert embedded.claim(db, owner, now=1e12 * (attempt + 1)) == credential_id
            embedded.finish(db, credential_id, owner, f"ValueError: cannot read {GROUPED}")
        assert credentials.get(db, credential_id)["status"] == "needs_review"
        credentials.reject(db, credential_id, get_rules(), reviewer_id=reviewer,
                           note=f"not theirs: {NUMBER[:6]}-{NUMBER[6:14]}-{NUMBER[14:]}")
        ledger.set_base(db, user, 600_000, actor="operator", policy=get_rules().limits,
                        reason=f"credit file of {GROUPED}")
        text = _database_text(db)
    digits_runs = text.replace(" ", "").replace("-", "")
    assert NUMBER not in digits_runs and NUMBER[:10] not in digits_runs, text
    assert text.count(MASK) >= 5, text


def test_an_idempotent_answer_is_kept_with_its_id_numbers_masked(tmp_path):
    """The answer stored for replays may quote the request (an error naming what was sent):
    it is kept with the number masked, in plain and grouped form."""
    from flask import Response

    from limitup.api import idempotency
    app = make_app(tmp_path)
    with app.app_context():
        db = get_db()
        user = add_user("张三", OWNER)
        stored, owner = idempotency.begin(db, user, "key-1", "fingerprint")
        assert stored is None
        answer = Response(f'{{"detail": "not {NUMBER} nor {GROUPED}"}}', status=422,
                          mimetype="application/problem+json")
        idempotency.complete(db, user, "key-1", owner, answer)
        body = db.conn.execute("SELECT body FROM idempotency_keys").fetchone()[0]
        text = bytes(body).decode()
        assert NUMBER not in text and GROUPED not in text
        assert text.count(MASK) == 2
