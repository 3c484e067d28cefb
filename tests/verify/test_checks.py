"""Each pure check on golden recognition results (no OCR here; the images are in test_images.py)."""
import dataclasses
from datetime import date

import pytest

from limitup import ids
from limitup.recognise.result import Recognition
from limitup.verify import checks

SECRET = "test-secret"
ID_OK = "11010119900307" + "1234"
TODAY = date(2026, 5, 1)


def valid_id(first17="11010119900307123"):
    return first17 + ids.check_digit(first17)


ACCOUNT_ID = valid_id()
OTHER_ID = valid_id("11010119851231456")


def recognition(type_id="cpa", **fields):
    base = {"holder_name": "王小明", "cert_number": "202300123456", "issue_date": "2025-06-01",
            "level": None, "score": None}
    base.update(fields)
    return Recognition(type=type_id, confidence=0.95, fields=base,
                       field_confidence={name: 0.9 for name, value in base.items() if value},
                       extras={"id_number": ACCOUNT_ID}, checks=[{"code": "number_format_ok"}])


def reasons(rec, checks_rules, scoring, kyc_name="王小明", account_id=ACCOUNT_ID, edit=()):
    return checks.pure_reasons(rec, kyc_name=kyc_name, secret_key=SECRET,
                               account_id_hash=ids.id_hash(account_id, SECRET),
                               rules=checks_rules, scoring=scoring, today=TODAY,
                               edit_signals=edit)


def test_clean_certificate_has_no_reason(checks_rules, scoring):
    assert reasons(recognition(), checks_rules, scoring) == []
    assert checks_rules.decide([]) == "verified"


def test_not_recognised(checks_rules, scoring):
    rec = Recognition(type=None, confidence=0.1)
    assert reasons(rec, checks_rules, scoring) == ["not_recognised"]
    assert checks_rules.decide(["not_recognised"]) == "rejected"


def test_low_type_confidence(checks_rules, scoring):
    rec = recognition()
    rec.confidence = 0.4
    assert "low_confidence" in reasons(rec, checks_rules, scoring)


def test_low_field_confidence(checks_rules, scoring):
    rec = recognition()
    rec.field_confidence["cert_number"] = 0.2
    assert reasons(rec, checks_rules, scoring) == ["low_confidence"]
    assert checks_rules.decide(["low_confidence"]) == "needs_review"


def test_missing_score_is_low_confidence(checks_rules, scoring):
    rec = recognition("toefl", holder_name="WANG XIAOMING", score=None, issue_date="2025-09-01")
    assert reasons(rec, checks_rules, scoring) == ["low_confidence"]


def test_missing_name_is_low_confidence_not_mismatch(checks_rules, scoring):
    assert reasons(recognition(holder_name=None), checks_rules, scoring) == ["low_confidence"]


def test_number_format_invalid_comes_from_recognition(checks_rules, scoring):
    rec = recognition()
    rec.checks = [{"code": "number_format_invalid", "detail": "12 digits expected"}]
    assert reasons(rec, checks_rules, scoring) == ["number_format_invalid"]
    assert checks_rules.decide(["number_format_invalid"]) == "needs_review"


def test_id_number_invalid(checks_rules, scoring):
    rec = recognition()
    bad = ACCOUNT_ID[:17] + ("0" if ACCOUNT_ID[17] != "0" else "1")
    rec.extras["id_number"] = bad
    assert reasons(rec, checks_rules, scoring) == ["id_number_invalid"]
    assert checks_rules.decide(["id_number_invalid"]) == "needs_review"


def test_id_mismatch(checks_rules, scoring):
    rec = recognition()
    rec.extras["id_number"] = OTHER_ID
    assert reasons(rec, checks_rules, scoring) == ["id_mismatch"]
    assert checks_rules.decide(["id_mismatch"]) == "rejected"


def test_no_printed_id_is_not_a_failure(checks_rules, scoring):
    rec = recognition()
    rec.extras = {}
    assert reasons(rec, checks_rules, scoring) == []


def test_name_mismatch(checks_rules, scoring):
    assert reasons(recognition(), checks_rules, scoring, kyc_name="李四") == ["name_mismatch"]
    assert checks_rules.decide(["name_mismatch"]) == "rejected"


def test_a_name_one_misread_character_from_the_kyc_name_is_held_for_review(checks_rules, scoring):
    """雷丽美 read for 雷丽英 (hard photo): review, not a rejection; two characters off, or
    with the rule set to 0, still name_mismatch."""
    assert reasons(recognition(holder_name="王小朋"), checks_rules, scoring) == ["low_confidence"]
    assert checks_rules.decide(["low_confidence"]) == "needs_review"
    assert reasons(recognition(holder_name="王大朋"), checks_rules, scoring) == ["name_mismatch"]
    toefl = recognition("toefl", holder_name="XIAOMINC WANG", score=104, issue_date="2025-09-01",
                        cert_number="1234567890123456")
    assert reasons(toefl, checks_rules, scoring) == ["low_confidence"]
    strict = dataclasses.replace(checks_rules, name_review_edits=0)
    assert reasons(recognition(holder_name="王小朋"), strict, scoring) == ["name_mismatch"]


def test_a_name_recognition_reads_uncertainly_is_held_for_review_not_rejected(checks_rules,
                                                                              scoring):
    """YU read alone under Given Name (the Family Name label and value garbled): recognition
    flags it; a mismatch it makes is no evidence, so review. A sure reading still rejects."""
    toefl = dict(score=104, issue_date="2025-09-01", cert_number="1234567890123456")
    unsure = recognition("toefl", holder_name="XIAOMING", **toefl)
    unsure.checks = [{"code": "low_confidence", "fields": ["holder_name"]}]
    assert reasons(unsure, checks_rules, scoring) == ["low_confidence"]
    sure = recognition("toefl", holder_name="XIAOMING", **toefl)
    assert reasons(sure, checks_rules, scoring) == ["name_mismatch"]
    other_field = recognition("toefl", holder_name="LI SI", **toefl)
    other_field.checks = [{"code": "low_confidence", "fields": ["cert_number"]}]
    assert "name_mismatch" in reasons(other_field, checks_rules, scoring)


def test_the_name_rule_is_validated(checks_rules):
    import yaml
    from marshmallow import ValidationError

    from limitup.verify.outcomes import ChecksSchema
    from .conftest import RULES
    data = yaml.safe_load((RULES / "checks.yaml").read_text(encoding="utf-8"))
    assert checks_rules.name_review_edits == 1
    data["name_review_edits"] = 3
    with pytest.raises(ValidationError) as error:
        ChecksSchema().load(data)
    assert "name_review_edits" in error.value.messages
    del data["name_review_edits"]           # a rules file from before the rule: exact names only
    assert ChecksSchema().load(data).name_review_edits == 0


def test_romanised_name_on_toefl(checks_rules, scoring):
    rec = recognition("toefl", holder_name="XIAOMING WANG", score=104, issue_date="2025-09-01",
                      cert_number="1234567890123456")
    assert reasons(rec, checks_rules, scoring) == []
    rec.fields["holder_name"] = "XIAOHONG WANG"
    assert reasons(rec, checks_rules, scoring) == ["name_mismatch"]


@pytest.mark.parametrize("type_id, issued, expected", [
    ("toefl", "2024-05-02", []),              # 2 years end 2026-05-02: still valid on 05-01
    ("toefl", "2024-05-01", ["expired"]),     # ends on 2026-05-01 itself
    ("toefl", "2023-01-10", ["expired"]),
    ("scholarship_national", "2021-05-02", []),
    ("scholarship_national", "2021-04-30", ["expired"]),
    ("cpa", "2001-01-01", []),                # professional certificates do not expire
    ("cpa", "2026-05-02", ["future_date"]),
    ("toefl", "2027-01-01", ["future_date"]),
])
def test_expiry_and_future_dates(checks_rules, scoring, type_id, issued, expected):
    fields = {"score": 105} if type_id == "toefl" else {}
    holder = "WANG XIAOMING" if type_id == "toefl" else "王小明"
    rec = recognition(type_id, issue_date=issued, holder_name=holder, **fields)
    assert reasons(rec, checks_rules, scoring) == expected


def test_leap_day_expiry(checks_rules):
    assert checks.expires_on("toefl", "2024-02-29", checks_rules) == date(2026, 3, 1)


def test_expired_and_future_are_rejected(checks_rules):
    assert checks_rules.decide(["expired"]) == "rejected"
    assert checks_rules.decide(["future_date"]) == "rejected"


def test_score_below_threshold_is_verified(checks_rules, scoring):
    rec = recognition("toefl", holder_name="WANG XIAOMING", score=72, issue_date="2025-09-01")
    assert reasons(rec, checks_rules, scoring) == ["score_below_threshold"]
    assert checks_rules.decide(["score_below_threshold"]) == "verified"


def test_edited_image_suspected(checks_rules, scoring):
    got = reasons(recognition(), checks_rules, scoring, edit=["software: Adobe Photoshop"])
    assert got == ["edited_image_suspected"]
    assert checks_rules.decide(got) == "needs_review"


def test_every_failing_reason_is_reported(checks_rules, scoring):
    rec = recognition("toefl", holder_name="LI SI", score=70, issue_date="2027-01-01")
    rec.extras["id_number"] = OTHER_ID
    rec.checks = [{"code": "number_format_invalid"}]
    got = reasons(rec, checks_rules, scoring, edit=["software: GIMP"])
    assert set(got) == {"number_format_invalid", "name_mismatch", "id_mismatch", "future_date",
                        "score_below_threshold", "edited_image_suspected"}
    assert checks_rules.decide(got) == "rejected"


def test_worst_outcome_wins(checks_rules):
    assert checks_rules.decide(["registry_confirmed", "duplicate_image"]) == "needs_review"
    assert checks_rules.decide(["duplicate_certificate", "already_counted"]) == "rejected"
    assert checks_rules.decide(["registry_confirmed"]) == "verified"
    assert checks_rules.decide(["registry_not_found"]) == "rejected"
    assert checks_rules.decide(["unreadable_image"]) == "rejected"
    assert checks_rules.decide(["some_future_code"]) == "needs_review"


def test_outcomes_are_data(tmp_path):
    import yaml
    from marshmallow import ValidationError

    from limitup.verify.outcomes import ChecksSchema
    from .conftest import RULES
    data = yaml.safe_load((RULES / "checks.yaml").read_text(encoding="utf-8"))
    data["outcomes"]["duplicate_image"] = "rejected"
    assert ChecksSchema().load(data).decide(["duplicate_image"]) == "rejected"
    del data["outcomes"]["expired"]
    with pytest.raises(ValidationError) as error:
        ChecksSchema().load(data)
    assert "expired" in str(error.value.messages)
    data["outcomes"]["expired"] = "maybe"
    with pytest.raises(ValidationError):
        ChecksSchema().load(data)
