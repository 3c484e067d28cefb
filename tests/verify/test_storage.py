"""Stored credentials, the status machine, database checks, the ledger (real SQLite, golden texts)."""
import sqlite3
from datetime import date

import pytest

from limitup import credentials, ledger
from limitup.errors import Conflict, LimitupError
from limitup.pipeline import process
from limitup.store import get_db, get_rules, pipeline_settings

from tests.fixtures import add_user, golden, processed, valid_id

TODAY = date(2026, 5, 1)
WANG_ID = "11010119900307123"
LI_ID = "31010119880512456"
WANG2_ID = "44030119950101789"


def test_verified_credential_raises_ceiling_not_current(app):
    wang = add_user("王小明", WANG_ID)
    before = ledger.account(get_db(), wang, get_rules().limits)
    result = processed(wang, golden("cpa", number="202300123456", id_number=valid_id(WANG_ID)), 1)
    assert result["status"] == "verified" and result["reasons"] == []
    assert result["bonus_fen"] == 500000
    assert result["account"]["bonus_fen"] == 500000
    assert result["account"]["ceiling_fen"] == before["ceiling_fen"] + 500000
    assert result["account"]["current_fen"] == before["current_fen"]
    ledger.verify_account(get_db(), wang)
    steps = [(t["from_status"], t["to_status"], t["actor"])
             for t in credentials.transitions(get_db(), result["id"])]
    assert steps == [(None, "queued", "user"), ("queued", "processing", "system"),
                     ("processing", "verified", "system")]


def test_no_clear_id_number_anywhere_in_the_database(app, tmp_path):
    wang = add_user("王小明", WANG_ID)
    clear = valid_id(WANG_ID)
    rec = golden("cpa", number="202300123456", id_number=clear)
    rec.extras["ocr_text"] = f"注册会计师 王小明 身份证号 {clear}"
    processed(wang, rec, 2)
    get_db().conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in (tmp_path / "data").glob("limitup.db*"):
        assert clear.encode() not in path.read_bytes(), path
    row = credentials.get(get_db(), 1)
    assert row["holder_id_mask"] == clear[:6] + "********" + clear[-4:]
    assert "********" in row["ocr_text"]


def test_process_is_idempotent(app):
    wang = add_user("王小明", WANG_ID)
    first = processed(wang, golden("cpa", number="202300123456"), 3)
    again = process(get_db(), first["id"], golden("cpa", number="202300123456"),
                    pipeline_settings(), today=TODAY)
    assert again["status"] == "verified"
    assert again["account"]["version"] == first["account"]["version"]
    assert len(credentials.transitions(get_db(), first["id"])) == 3


def test_already_counted_for_the_same_account(app):
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("cpa", number="2023 0012 3456"), 4)
    second = processed(wang, golden("cpa", number="202300123456"), 5)
    assert second["status"] == "rejected" and second["reasons"] == ["already_counted"]
    assert second["account"]["bonus_fen"] == 500000


def test_same_file_twice_is_already_counted_even_unread(app):
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("cpa", number="202300123456"), 6)
    second = processed(wang, golden("cpa", number=None), 6)
    assert "already_counted" in second["reasons"]


def test_duplicate_certificate_by_another_account(app):
    wang = add_user("王小明", WANG_ID)
    namesake = add_user("王小明", WANG2_ID)
    processed(wang, golden("cpa", number="202300123456"), 7)
    held = processed(namesake, golden("cpa", number="202300123456"), 8)
    assert held["status"] == "needs_review" and held["reasons"] == ["duplicate_certificate"]
    assert held["account"]["bonus_fen"] == 0


def test_duplicate_certificate_without_number(app):
    wang = add_user("王小明", WANG_ID)
    namesake = add_user("王小明", WANG2_ID)
    rec = golden("scholarship_national", issued="2024-11-20", issuer="中华人民共和国教育部")
    assert processed(wang, rec, 9)["status"] == "verified"
    held = processed(namesake, golden("scholarship_national", issued="2024-12-01",
                                issuer="中华人民共和国教育部"), 10)
    assert held["reasons"] == ["duplicate_certificate"]


def test_duplicate_image_of_another_account(app):
    wang = add_user("王小明", WANG_ID)
    li = add_user("李四", LI_ID)
    processed(wang, golden("cpa", number="202300123456"), 11)
    other = processed(li, golden("physician", holder="李四", number="202311000000001"), 11)
    assert "duplicate_image" in other["reasons"] and other["status"] == "needs_review"


def test_name_mismatch_is_rejected(app):
    li = add_user("李四", LI_ID)
    result = processed(li, golden("cpa", number="202300123456"), 12)
    assert result["status"] == "rejected" and "name_mismatch" in result["reasons"]


def test_review_approve_and_reject_move_the_bonus(app):
    wang = add_user("王小明", WANG_ID)
    held = processed(wang, golden("cpa", number="202300123456", confidence=0.3), 13)
    assert held["status"] == "needs_review" and held["reasons"] == ["low_confidence"]
    assert [c["id"] for c in credentials.review_queue(get_db())] == [1]
    with pytest.raises(LimitupError) as error:
        credentials.approve(get_db(), 1, get_rules(), note=" ")
    assert error.value.code == "note_required"
    approved = credentials.approve(get_db(), 1, get_rules(), reviewer_id=None, note="number ok")
    assert approved["status"] == "verified" and approved["account"]["bonus_fen"] == 500000
    with pytest.raises(Conflict):
        credentials.reject(get_db(), 1, get_rules(), note="too late")
    last = credentials.transitions(get_db(), 1)[-1]
    assert (last["from_status"], last["to_status"], last["actor"], last["note"]) == \
        ("needs_review", "verified", "reviewer", "number ok")


def test_withdraw_and_revoke_lower_ceiling_and_current(app):
    wang = add_user("王小明", WANG_ID, base_yuan=1000)
    processed(wang, golden("cpa", number="202300123456"), 14)
    processed(wang, golden("physician", number="202311000000001"), 15)
    policy = get_rules().limits
    ledger.set_current(get_db(), wang, 1000_00 + 7000_00, policy=policy)
    withdrawn = credentials.withdraw(get_db(), 1, get_rules(), user_id=wang)
    assert withdrawn["account"]["bonus_fen"] == 400000
    assert withdrawn["account"]["current_fen"] == 1000_00 + 4000_00   # lowered with the ceiling
    revoked = credentials.revoke(get_db(), 2, get_rules(), note="forged seal")
    assert revoked["account"]["bonus_fen"] == 0
    assert revoked["account"]["current_fen"] == 1000_00
    ledger.verify_account(get_db(), wang)


def test_sweep_expires_and_lowers(app):
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("toefl", holder="WANG XIAOMING", number="1234567890123456", score=105,
                     issued="2024-06-01"), 16)
    assert credentials.sweep(get_db(), get_rules(), date(2026, 5, 31)) == []
    swept = credentials.sweep(get_db(), get_rules(), date(2026, 6, 1))
    assert [s["status"] for s in swept] == ["expired"]
    assert swept[0]["account"]["bonus_fen"] == 0


def test_transitions_are_append_only(app):
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("cpa", number="202300123456"), 17)
    with pytest.raises(sqlite3.DatabaseError):
        get_db().conn.execute("UPDATE credential_transitions SET actor = 'user'")
    with pytest.raises(sqlite3.DatabaseError):
        get_db().conn.execute("DELETE FROM credential_transitions")


def test_status_machine_refuses_skips(app):
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("cpa", number="202300123456"), 18)
    with pytest.raises(Conflict):
        credentials.approve(get_db(), 1, get_rules(), note="x")
    with pytest.raises(Conflict):
        with get_db().conn:
            credentials.move(get_db().conn, 1, "queued", actor="system")


def test_rescore_after_rules_change_writes_only_on_change(app):
    from dataclasses import replace
    wang = add_user("王小明", WANG_ID)
    processed(wang, golden("cpa", number="202300123456"), 19)
    rules = get_rules()
    version = ledger.account(get_db(), wang, rules.limits)["version"]
    credentials.rescore(get_db(), wang, rules)
    assert ledger.account(get_db(), wang, rules.limits)["version"] == version
    cheaper = replace(rules.scoring, types={**rules.scoring.types,
                                            "cpa": replace(rules.scoring.types["cpa"],
                                                           flat_fen=300000)})
    changed = type(rules)({**rules.sections, "scoring": cheaper})
    assert credentials.rescore(get_db(), wang, changed)["bonus_fen"] == 300000
