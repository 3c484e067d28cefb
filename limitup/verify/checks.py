"""The pure checks (SPEC 3): each takes what it needs and returns a list of reason codes.

All of them run, and every failing reason is reported. The database checks (duplicates,
already counted, rosters) live in limitup/verify/lookups.py.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from limitup import ids
from limitup.recognise.result import Recognition, doubted_fields
from limitup.verify.names import chinese_key, is_latin, latin_tokens, name_edits
from limitup.verify.outcomes import REASON_CODES, ChecksRules

# Recognition's extras key for the holder's printed ID number (in memory only).
ID_EXTRA_KEYS = ("id_number", "holder_id_number")


def printed_id_number(recognition: Recognition) -> str | None:
    for key in ID_EXTRA_KEYS:
        value = (recognition.extras or {}).get(key)
        if value:
            return str(value)
    return None


def check_recognised(recognition: Recognition) -> list[str]:
    return ["not_recognised"] if recognition.type is None else []


def check_recognition_codes(recognition: Recognition) -> list[str]:
    """Structure checks recognition already ran (number_format_invalid, ...): reused, not redone."""
    codes = [check.get("code") for check in recognition.checks or []]
    return [code for code in codes if code in REASON_CODES and code != "not_recognised"]


def check_confidence(recognition: Recognition, rules: ChecksRules, scoring) -> list[str]:
    """Low type confidence, an uncertain key field, or a field the decision needs but lacks."""
    if recognition.type is None:
        return []
    if recognition.confidence < rules.min_type_confidence:
        return ["low_confidence"]
    fields = recognition.fields or {}
    for name, confidence in (recognition.field_confidence or {}).items():
        if fields.get(name) is not None and confidence is not None \
                and confidence < rules.min_field_confidence:
            return ["low_confidence"]
    if not fields.get("holder_name"):
        return ["low_confidence"]
    if scoring is not None and recognition.type in scoring.types and scoring.band(
            recognition.type, fields.get("level"), fields.get("score")) is None:
        return ["low_confidence"]           # the band (level / score) could not be read
    if recognition.type in rules.validity_years and dated_span(recognition) is None:
        return ["low_confidence"]           # expiry cannot be judged without the date
    return []


def check_name(recognition: Recognition, kyc_name: str, review_edits: int = 0) -> list[str]:
    """name_mismatch when the printed name is not the KYC name. A name within `review_edits`
    characters of it is held for review (low_confidence) instead: on hard photos most misread
    names are one character off (雷丽美 for 雷丽英), while two different people's names are
    that close in 0.24 % of pairs (docs/scoring.md). A name recognition itself reports as
    uncertain (low_confidence: read faintly, or not shaped like a name, such as YU alone under
    Given Name) is held for review too: a doubtful reading proves no mismatch."""
    printed = (recognition.fields or {}).get("holder_name")
    if recognition.type is None or not printed:
        return []  # nothing to compare; low_confidence reports the missing name
    edits = name_edits(printed, kyc_name)
    if edits == 0:
        return []
    if (edits is not None and edits <= review_edits) or "holder_name" in doubted_fields(
            recognition.checks):
        return ["low_confidence"]
    return ["name_mismatch"]


# Recognition's extras key for the text boxes it read (in memory only, like the ID number).
TEXT_BOXES_EXTRA = "text_boxes"
# The low_confidence threshold of recognition's own report (recognise.report.LOW_CONFIDENCE): a
# type read below it keeps its low_confidence check when the name leaves it.
TYPE_DOUBT = 0.7


def read_name_for_account(recognition: Recognition, catalogue: dict,
                          kyc_name: str) -> tuple[Recognition, dict]:
    """The recognition the checks judge, and what the credential says about the name.

    Recognition reads the holder's name blind (it runs before anyone knows whose upload it is,
    and `limitup scan` has no account). Here the account's name is known: the page's text boxes
    are searched for exactly that name in a name position (limitup.recognise.names). Found, it
    stands for the holder name with the confidence of that reading, and the blind reading's
    doubt about the name (a rare surname, not pinyin) is lifted. Not found, the blind reading is
    compared as before. The stored recognition stays the blind one; this returns a copy.

    A second name printed in a name position, read plainly and not the account's, wins over a
    guided find: the page names someone else there, so a person looks (low_confidence)."""
    from limitup.recognise.names import read_expected_name
    blind = (recognition.fields or {}).get("holder_name")
    cert = catalogue.get(recognition.type) if recognition.type else None
    boxes = (recognition.extras or {}).get(TEXT_BOXES_EXTRA)
    guided = read_expected_name(boxes, cert, kyc_name) if cert is not None and boxes else None
    record = {"printed": blind, "account": kyc_name, "read": "blind"}
    if guided is None:
        return recognition, {**record, "match": name_edits(blind, kyc_name) == 0}
    if _another_name(recognition, guided, kyc_name):
        doubted = _with_name_doubt(recognition, doubt=True)
        return doubted, {**record, "read": "conflict", "match": False,
                         "found": guided.value}
    fields = {**recognition.fields, "holder_name": guided.value}
    confidence = {**recognition.field_confidence, "holder_name": guided.confidence}
    boxes_read = {**recognition.field_boxes, "holder_name": guided.box}
    effective = replace(_with_name_doubt(recognition, doubt=False), fields=fields,
                        field_confidence=confidence, field_boxes=boxes_read)
    return effective, {"printed": guided.value, "account": kyc_name, "read": "guided",
                       "place": guided.place, "confidence": guided.confidence,
                       "match": name_edits(guided.value, kyc_name) == 0}


def _another_name(recognition: Recognition, guided, kyc_name: str) -> bool:
    """The blind reading holds a plainly read, name-shaped name in another box, that is neither
    the account's name nor a part of the one found (胡雨桐 of 胡雨桐子涵)."""
    blind = (recognition.fields or {}).get("holder_name")
    if not blind or "holder_name" in doubted_fields(recognition.checks):
        return False
    if name_edits(blind, kyc_name) == 0:
        return False
    box = (recognition.field_boxes or {}).get("holder_name")
    if box is not None and guided.box is not None and getattr(box, "box", None) == guided.box.box:
        return False
    if is_latin(blind):
        return not set(latin_tokens(blind)) <= set(latin_tokens(guided.value))
    return chinese_key(blind).replace("·", "") not in chinese_key(guided.value).replace("·", "")


def _with_name_doubt(recognition: Recognition, doubt: bool) -> Recognition:
    """The recognition with holder_name added to (doubt) or taken from its low_confidence check."""
    kept, touched = [], False
    for check in recognition.checks or []:
        if isinstance(check, dict) and check.get("code") == "low_confidence":
            names = [name for name in check.get("fields") or [] if name != "holder_name"]
            if doubt:
                names = sorted(names + ["holder_name"])
            touched = True
            if names or recognition.confidence < TYPE_DOUBT:
                kept.append({**check, "fields": names})
            continue
        kept.append(check)
    if doubt and not touched:
        kept.append({"code": "low_confidence", "fields": ["holder_name"]})
    return replace(recognition, checks=kept)


def check_id_number(recognition: Recognition, account_id_hash: str, secret_key: str) -> list[str]:
    """Check digit of the printed ID number, then equality with the account's (keyed hashes)."""
    number = printed_id_number(recognition)
    if not number:
        return []
    if not ids.is_valid_id(number):
        return ["id_number_invalid"]
    if ids.id_hash(number, secret_key) != account_id_hash:
        return ["id_mismatch"]
    return []


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


# Recognition puts a date printed without its day (a CET report's exam month, a scholarship's
# award month) in these extras as "YYYY-MM" and leaves issue_date null.
MONTH_EXTRAS = ("exam_month", "award_month")


def dated_span(recognition: Recognition) -> tuple[date, date] | None:
    """(earliest, latest) day the credential can be dated: one day for a full issue date, the
    first and last day of the month for a month-only date, None when nothing was read."""
    issued = parse_date((recognition.fields or {}).get("issue_date"))
    if issued is not None:
        return issued, issued
    extras = recognition.extras or {}
    for key in MONTH_EXTRAS:
        first = parse_date(f"{extras.get(key)}-01") if extras.get(key) else None
        if first is not None:
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
    return None


def validity_start(recognition: Recognition) -> date | None:
    """The date validity counts from. For a month-only date, the month's last day: the test may
    have been on any day of it, and the user gets the benefit of the doubt."""
    span = dated_span(recognition)
    return span[1] if span else None


def expires_on(type_id: str | None, issue_date, rules: ChecksRules) -> date | None:
    """The day validity ends (exclusive), or None when the type does not expire."""
    years = rules.validity_years.get(type_id)
    issued = parse_date(issue_date)
    if not years or issued is None:
        return None
    try:
        return issued.replace(year=issued.year + years)
    except ValueError:  # 29 February -> 1 March
        return date(issued.year + years, 3, 1)


def check_dates(recognition: Recognition, rules: ChecksRules, today: date) -> list[str]:
    span = dated_span(recognition)
    if recognition.type is None or span is None:
        return []
    earliest, latest = span
    if earliest > today:                    # a month that has begun is not in the future
        return ["future_date"]
    end = expires_on(recognition.type, latest, rules)
    return ["expired"] if end is not None and end <= today else []


def check_score(recognition: Recognition, scoring) -> list[str]:
    fields = recognition.fields or {}
    band = scoring.band(recognition.type, fields.get("level"), fields.get("score")) \
        if recognition.type else None
    return ["score_below_threshold"] if band is not None and band.fen == 0 else []


def check_edit_signals(edit_signals) -> list[str]:
    return ["edited_image_suspected"] if edit_signals else []


def pure_reasons(recognition: Recognition, *, kyc_name: str, account_id_hash: str,
                 secret_key: str, rules: ChecksRules, scoring, today: date,
                 edit_signals=()) -> list[str]:
    """Every pure check, in a stable order, without repeats."""
    reasons = (check_recognised(recognition) + check_recognition_codes(recognition)
               + check_confidence(recognition, rules, scoring)
               + check_name(recognition, kyc_name, rules.name_review_edits)
               + check_id_number(recognition, account_id_hash, secret_key)
               + check_dates(recognition, rules, today)
               + (check_score(recognition, scoring) if recognition.type else [])
               + check_edit_signals(edit_signals))
    return list(dict.fromkeys(reasons))
