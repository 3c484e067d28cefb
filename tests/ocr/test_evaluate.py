"""How eval judges a field (pure; no OCR)."""
from __future__ import annotations

from limitup.evaluate import Tally, field_matches, judge


def test_romanised_names_match_in_any_order_and_case():
    assert field_matches("holder_name", "ZHANG San", "san zhang")
    assert field_matches("holder_name", "ZHANG, SAN", "Zhang San")
    assert not field_matches("holder_name", "ZHANG SAN", "ZHANG SHAN")


def test_chinese_names_and_numbers_ignore_spaces_only():
    assert field_matches("holder_name", "王小明", "王 小明")
    assert field_matches("cert_number", "2023 4403", "20234403")
    assert not field_matches("cert_number", "20234403", "2O234403")


def test_scores_compare_as_numbers():
    assert field_matches("score", 6.5, "6.5")
    assert field_matches("score", 104, 104.0)
    assert not field_matches("score", 104, None)


def test_null_label_must_come_back_null_and_is_counted_apart():
    entry = {"type": "cpa", "holder_name": "李四", "cert_number": "123456789012", "level": None}
    line = {"type": "cpa", "fields": {"holder_name": "李四", "cert_number": "123456789012",
                                      "level": "中级", "score": None, "issue_date": None}}
    verdict = judge(entry, line)
    assert verdict["fields"]["level"] == "spurious"
    assert verdict["fields"]["score"] == "n/a"
    tally = Tally()
    tally.add(verdict, 0.5)
    stats = tally.as_json()
    level = stats["fields"]["level"]
    assert (level["accuracy"], level["labelled"], level["spurious"]) == (None, 0, 1)
    assert stats["fields"]["holder_name"]["accuracy"] == 1.0


def test_non_catalogue_document_given_a_type_is_counted():
    tally = Tally()
    tally.add(judge({"type": None}, {"type": "cpa", "fields": {}}), 0.4)
    tally.add(judge({"type": None}, {"type": None, "fields": {}}), 0.4)
    stats = tally.as_json()
    assert stats["non_catalogue"] == 2 and stats["non_catalogue_typed"] == 1
    assert stats["type_accuracy"] == 0.5
