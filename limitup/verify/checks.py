"""The pure checks (SPEC 3): each takes what it needs and returns a list of reason codes.

All of them run, and every failing reason is reported. The database checks (duplicates,
already counted, rosters) live in limitup/verify/lookups.py.
"""
from __future__ import annotations

from datetime import date, timedelta

from limitup import ids
from limitup.recognise.result import Recognition, doubted_fields
from limitup.verify.names import name_edits
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
