"""Certificates printed with a month only (CET exam month, scholarship award month)."""
from datetime import date

from limitup.recognise.result import Recognition
from limitup.verify import checks


def _cet(month, **fields):
    base = {"holder_name": "张三", "cert_number": "231212345612345", "issue_date": None,
            "level": None, "score": 560}
    return Recognition(type="cet6", confidence=0.95, fields={**base, **fields},
                       extras={"exam_month": month})


def test_month_only_date_spans_the_month():
    assert checks.dated_span(_cet("2024-12")) == (date(2024, 12, 1), date(2024, 12, 31))
    assert checks.validity_start(_cet("2024-02")) == date(2024, 2, 29)


def test_month_only_date_is_enough_for_expiry(app):
    from limitup.store import get_rules
    rules = get_rules()
    recent = _cet("2025-06")
    assert checks.check_confidence(recent, rules.checks, rules.scoring) == []
    assert checks.check_dates(recent, rules.checks, date(2026, 11, 28)) == []
    # two years after the end of the exam month
    assert checks.check_dates(_cet("2024-06"), rules.checks, date(2026, 6, 29)) == []
    assert checks.check_dates(_cet("2024-06"), rules.checks, date(2026, 6, 30)) == ["expired"]


def test_a_month_that_has_begun_is_not_future():
    from limitup.verify.outcomes import ChecksRules  # noqa: F401  (rules come from the app)
    recognition = _cet("2026-11")
    assert checks.dated_span(recognition)[0] <= date(2026, 11, 28)


def test_no_date_at_all_is_low_confidence(app):
    from limitup.store import get_rules
    rules = get_rules()
    undated = Recognition(type="cet6", confidence=0.95,
                          fields={"holder_name": "张三", "cert_number": "231212345612345",
                                  "issue_date": None, "level": None, "score": 560})
    assert checks.check_confidence(undated, rules.checks, rules.scoring) == ["low_confidence"]
