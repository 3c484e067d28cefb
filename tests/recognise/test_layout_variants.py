"""Layouts and label wordings other than the sample generator's (issue 3: recognition is
measured on layouts this project has never seen). Every Chinese certificate type of the
committed set, its fields printed five ways: label and value in one box, value to the right,
value under its label, a label spaced out (姓　名), no colon; then the number under each label
synonym the catalogue lists, and dates whose hyphens OCR read as dashes."""
from __future__ import annotations

import json

import pytest

from limitup.recognise import recognise
from tests.recognise.conftest import ROOT, TODAY, boxes

FIELDS = ("holder_name", "cert_number", "issue_date", "level", "score")
ROMANISED = {"duolingo", "ielts", "toefl"}


def _one_of_each_type() -> list[dict]:
    seen, chosen = set(), []
    for line in (ROOT / "sample_certs" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("type") and entry["type"] not in seen | ROMANISED and entry["tier"] == "scan":
            seen.add(entry["type"])
            chosen.append(entry)
    return chosen


ENTRIES = _one_of_each_type()


def _printed(field: str, value) -> str:
    if field == "issue_date":
        year, month, day = value.split("-")
        return f"{year}年{int(month)}月{int(day)}日"
    if field == "score":
        return f"{value:g}"
    return str(value)


def _page(entry: dict, cert, style: str, labels: dict | None = None):
    rows = [(cert.titles[0].text, 200, 20)] + [(word, 200, 60) for word in cert.require_any[:1]]
    y = 120
    for field in FIELDS:
        if entry.get(field) in (None, "") or field not in cert.fields:
            continue
        label = (labels or {}).get(field) or cert.fields[field].labels[0]
        value = _printed(field, entry[field])
        if style == "one box":
            rows.append((f"{label}：{value}", 100, y))
        elif style == "right":
            rows += [(label, 100, y), (value, 420, y)]
        elif style == "below":
            rows += [(label, 100, y), (value, 100, y + 30)]
            y += 30
        elif style == "spaced":
            rows += [("　".join(label) if len(label) <= 3 else label, 100, y), (value, 360, y)]
        elif style == "no colon":
            rows.append((f"{label}{value}", 100, y))
        y += 60
    return boxes(rows)


def _expected(entry: dict, cert) -> dict:
    return {field: entry[field] for field in FIELDS
            if entry.get(field) not in (None, "") and field in cert.fields}


@pytest.mark.parametrize("style", ["one box", "right", "below", "spaced", "no colon"])
def test_every_type_read_in_every_layout(catalogue, style):
    wrong = []
    for entry in ENTRIES:
        cert = catalogue[entry["type"]]
        result = recognise(_page(entry, cert, style), catalogue, today=TODAY)
        got = {field: result.fields[field] for field in _expected(entry, cert)}
        if result.type != entry["type"] or got != _expected(entry, cert):
            wrong.append((entry["type"], result.type, got))
    assert not wrong, wrong


def test_the_number_is_found_under_every_label_synonym_of_its_type(catalogue):
    wrong = []
    for entry in ENTRIES:
        cert = catalogue[entry["type"]]
        if not entry.get("cert_number"):
            continue
        for label in cert.fields["cert_number"].labels:
            result = recognise(_page(entry, cert, "right", {"cert_number": label}), catalogue,
                               today=TODAY)
            if result.fields["cert_number"] != entry["cert_number"]:
                wrong.append((entry["type"], label, result.fields["cert_number"]))
    assert not wrong, wrong


def test_common_wordings_the_generator_never_prints(catalogue):
    # 证书号码 / 证书号 and 获证日期 are common on real certificates of every kind.
    entry = next(entry for entry in ENTRIES if entry["type"] == "accounting_junior")
    cert = catalogue["accounting_junior"]
    for number_label, date_label in (("证书号码", "获证日期"), ("证书号", "发证日")):
        result = recognise(_page(entry, cert, "right", {"cert_number": number_label,
                                                        "issue_date": date_label}),
                           catalogue, today=TODAY)
        assert result.fields["cert_number"] == entry["cert_number"]
        assert result.fields["issue_date"] == entry["issue_date"]


def test_stacked_columns_keep_each_label_to_its_own_value(catalogue):
    # Two columns, each value under its label (a CET report photographed from blind set 409):
    # the report number's label misread (服告单编), the ticket label's neighbour on its line is
    # the report number in the next column, far off; the ticket's value is under its label.
    rows = [("全国大学英语六级考试(CET6)成绩报告单", 150, 140), ("姓名", 100, 560),
            ("方若家", 100, 600), ("考试时间", 500, 560), ("2016年12月", 500, 600),
            ("准考证号", 100, 660), ("服告单编", 500, 650), ("516503162283559", 100, 690),
            ("162277366983683", 497, 680), ("证件号码", 100, 740), ("510104199610134113", 100, 770)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert (result.type, result.fields["cert_number"]) == ("cet6", "162277366983683")


def test_a_value_beside_its_label_leaves_the_row_below_to_its_own_field(catalogue):
    # Blind set 437, photo tier: 注册编号 not read at all; the number under the ID row is the
    # registration number, not a second value of 公民身份号码 (whose value is beside it).
    rows = [("二级建造师注册证书", 410, 230), ("姓名", 315, 310), ("覃佑", 460, 310),
            ("公民身份号码", 316, 394), ("61030219860309689X", 458, 394),
            ("沪21418973894", 458, 434), ("注册专业", 310, 510), ("建筑工程", 452, 511),
            ("发证日期", 306, 548), ("2018年01月11日", 452, 551)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert (result.type, result.fields["cert_number"]) == ("constructor", "沪21418973894")


def test_a_value_pattern_matching_a_box_and_its_line_gives_one_candidate():
    # Value patterns run on each box of a multi-box line as well as on the line (for patterns of
    # a whole box); a pattern matching both ways must not count the same value twice.
    from limitup.recognise import extract, layout
    from limitup.rules import load_rules
    spec = load_rules(ROOT / "rules").catalogue["scholarship_school"].extras["issuer"]
    line_list = layout.lines(layout.prepare(boxes([("颁发单位：清华大学", 100, 200),
                                                   ("2021年9月", 400, 200)])))
    assert len(line_list) == 1 and len(line_list[0]) == 2
    found = extract.pattern_candidates(spec, line_list)
    assert [candidate.value for candidate in found].count("清华大学") == 1
