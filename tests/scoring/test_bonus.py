"""Stacking, caps, rounding and the explanation (SPEC 4 and issue 4's examples)."""
from limitup.scoring import score_with

from .conftest import STEP_FEN

Y = 100


def cred(cid, type_id, level=None, score=None):
    return {"id": cid, "type": type_id, "fields": {"level": level, "score": score}}


def test_single_credential_counts_in_full(table):
    bonus = score_with([cred(1, "cpa")], table, STEP_FEN)
    assert bonus.total_fen == 5000 * Y
    assert bonus.lines[0]["percent"] == 100 and bonus.lines[0]["rank"] == 1


def test_no_credentials_no_bonus(table):
    assert score_with([], table, STEP_FEN).total_fen == 0


def test_best_per_type_only(table):
    bonus = score_with([cred(1, "toefl", score=85), cred(2, "toefl", score=105)], table, STEP_FEN)
    assert bonus.total_fen == 3000 * Y
    first, second = bonus.lines
    assert not first["counted"] and "#2" in first["note"]
    assert second["counted"] and second["amount_fen"] == 3000 * Y


def test_stacking_100_50_25_then_nothing(table):
    creds = [cred(1, "cpa"), cred(2, "physician"), cred(3, "nurse"), cred(4, "accounting_junior")]
    bonus = score_with(creds, table, STEP_FEN)
    amounts = {line["type"]: (line["rank"], line["percent"], line["amount_fen"])
               for line in bonus.lines}
    assert amounts["cpa"] == (1, 100, 5000 * Y)
    assert amounts["physician"] == (2, 50, 2000 * Y)
    assert amounts["nurse"] == (3, 25, 375 * Y)
    assert amounts["accounting_junior"] == (4, 0, 0)
    assert bonus.total_fen == 7370 * Y  # 7375 rounded down to the 10-yuan step
    assert bonus.totals["rounded_off_fen"] == 5 * Y


def test_stacking_is_by_bonus_not_upload_order(table):
    creds = [cred(1, "nurse"), cred(2, "accounting_junior"), cred(3, "cpa")]
    bonus = score_with(creds, table, STEP_FEN)
    ranks = {line["type"]: line["rank"] for line in bonus.lines}
    assert ranks == {"cpa": 1, "nurse": 2, "accounting_junior": 3}
    assert bonus.total_fen == (5000 + 750 + 250) * Y


def test_language_cap(table):
    creds = [cred(1, "toefl", score=110), cred(2, "ielts", score=7.5), cred(3, "duolingo", score=140)]
    bonus = score_with(creds, table, STEP_FEN)
    language = next(c for c in bonus.categories if c["category"] == "language")
    assert language["sum_fen"] == 5250 * Y and language["cap_applied"]
    assert bonus.total_fen == 5000 * Y
    assert "capped at 5000.00 yuan" in bonus.text()


def test_honor_cap(table):
    creds = [cred(1, "scholarship_national"), cred(2, "scholarship_provincial"),
             cred(3, "scholarship_school", level="一等")]
    bonus = score_with(creds, table, STEP_FEN)
    honor = next(c for c in bonus.categories if c["category"] == "honor")
    assert honor["sum_fen"] == (3000 + 1000 + 375) * Y and honor["cap_applied"]
    assert bonus.total_fen == 4000 * Y


def test_professional_cap(make_table):
    # The default table cannot exceed 8000 (5000 + 2000 + 1000); raise CPA to show the cap bite.
    def edit(data):
        data["types"]["cpa"]["flat"] = 6000
    table = make_table(edit)
    creds = [cred(1, "cpa"), cred(2, "physician"), cred(3, "legal_professional", level="A")]
    bonus = score_with(creds, table, STEP_FEN)
    professional = next(c for c in bonus.categories if c["category"] == "professional")
    assert professional["sum_fen"] == 9000 * Y and professional["cap_applied"]
    assert professional["after_cap_fen"] == 8000 * Y
    assert bonus.total_fen == 8000 * Y


def test_professional_at_most_its_cap_with_default_table(table):
    creds = [cred(1, "cpa"), cred(2, "physician"), cred(3, "legal_professional", level="A"),
             cred(4, "constructor", level="一级")]
    bonus = score_with(creds, table, STEP_FEN)
    assert bonus.total_fen == 8000 * Y


def test_new_user_story_hits_the_global_cap(table):
    """Issue 4: CPA, physician, teacher, national scholarship, TOEFL 100+, CET-6 550+."""
    creds = [cred(1, "cpa"), cred(2, "physician"), cred(3, "teacher_qualification", level="高级中学"),
             cred(4, "scholarship_national"), cred(5, "toefl", score=104), cred(6, "cet6", score=560)]
    bonus = score_with(creds, table, STEP_FEN)
    by_cat = {c["category"]: c["after_cap_fen"] for c in bonus.categories}
    assert by_cat == {"professional": 7625 * Y, "language": 3750 * Y, "honor": 3000 * Y}
    assert bonus.totals["sum_fen"] == 14375 * Y and bonus.totals["global_cap_applied"]
    assert bonus.total_fen == 12000 * Y
    assert "global cap 12000.00 yuan applied (-2375.00 yuan)" in bonus.text()


def test_rounding_down_to_the_step(table):
    bonus = score_with([cred(1, "cpa"), cred(2, "physician"),
                        cred(3, "scholarship_school", level="三等"), cred(4, "nurse")],
                       table, 100 * Y)  # a 100-yuan step
    assert bonus.totals["after_global_cap_fen"] == (5000 + 2000 + 375 + 500) * Y
    assert bonus.total_fen == 7800 * Y


def test_zero_band_counts_nothing_but_is_explained(table):
    bonus = score_with([cred(1, "toefl", score=70)], table, STEP_FEN)
    assert bonus.total_fen == 0
    assert bonus.lines[0]["band"] == "score 70 < 80" and bonus.lines[0]["band_fen"] == 0


def test_unscorable_credential_is_listed_not_counted(table):
    bonus = score_with([cred(1, "legal_professional", level=None), cred(2, "gym_card")],
                       table, STEP_FEN)
    assert bonus.total_fen == 0
    assert [line["band_fen"] for line in bonus.lines] == [None, None]
    assert "type not in the scoring table" in bonus.lines[1]["note"]


def test_explanation_is_data_and_json_safe(table):
    import json
    bonus = score_with([cred(1, "cpa"), cred(2, "toefl", score=101)], table, STEP_FEN)
    data = json.loads(json.dumps(bonus.as_data()))
    assert data["bonus_fen"] == 8000 * Y
    assert {line["credential_id"] for line in data["lines"]} == {1, 2}
    assert all(c["cap_applied"] is False for c in data["categories"])
