"""Near-miss negatives in the sample generator: certificates outside the catalogue worded close to
a type in it (wording of tests/recognise/test_near_misses.py). Each renders with no type and its
kind; they are opt-in, so sets written without them (sample_certs/, holdout sets) do not move."""
from __future__ import annotations

import json
import random
import re

import pytest

from limitup.errors import LimitupError
from limitup.ids import is_valid_id
from limitup.samples import NEAR_MISS_KINDS, NEGATIVE_KINDS, STYLES, generate, make_negative
from limitup.samples.negatives import NEAR_MISS_BUILDERS
from limitup.samples.people import random_person

# kind -> (title lines as printed, {label: pattern the value must match})
WORDING = {
    "auditor_certificate": (["审计专业技术资格证书"], {"级别": r"初级|中级", "管理号": r"20\d{14}"}),
    "economist_certificate": (["经济专业技术资格证书"], {"级别": r"初级|中级|高级", "管理号": r"20\d{14}"}),
    "statistician_certificate": (["统计专业技术资格证书"], {"级别": r"初级|中级", "管理号": r"20\d{14}"}),
    "pharmacist_certificate": (["执业药师职业资格证书"], {"专业": r"药学|中药学", "管理号": r"20\d{14}"}),
    "veterinarian_certificate": (["执业兽医资格证书"], {"证书编号": r"20\d{14}"}),
    "nurse_title_certificate": (["护理学专业技术资格证书"], {"资格名称": r"护师|主管护师", "管理号": r"20\d{14}"}),
    "physician_practice_certificate": (["医师执业证书"], {"执业类别": r"临床|中医|口腔", "证书编码": r"\d{15}"}),
    "accounting_practice_certificate": (["会计从业资格证书"], {"证书编号": r"\d{6}20[01]\d{9}"}),
    "ncre_certificate": (["全国计算机等级考试", "合格证书"], {"级别": r"[一二三]级", "证书编号": r"\d{15}"}),
    "toefl_junior_report": (["TOEFL Junior® Standard Test Taker Score Report"], {"Appointment Number": r"\d{16}"}),
    "toefl_itp_report": (["TOEFL ITP® Score Report"], {"Appointment Number": r"\d{16}"}),
    "hsk_report": (["汉语水平考试", r"HSK（[三四五六]级）成绩报告"], {"准考证号": r"H[3-6]\d{10}"}),
    "honour_certificate": (["荣誉证书"], {"证书编号": r"先进个人20\d\d-\d{5}"}),
}
# Honour certificates print no ID number.
WITHOUT_ID = {"honour_certificate"}
TOTALS = {"toefl_junior_report": (600, 900), "toefl_itp_report": (310, 677)}


def test_every_near_miss_kind_has_its_wording():
    assert set(WORDING) == set(NEAR_MISS_KINDS)
    assert not set(NEAR_MISS_KINDS) & set(NEGATIVE_KINDS)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", NEAR_MISS_KINDS)
def test_a_near_miss_is_worded_like_its_catalogue_neighbour(kind, style):
    for seed in range(5):
        rng = random.Random(seed)
        doc, printed_id = NEAR_MISS_BUILDERS[kind](random_person(rng), rng, style)
        title, patterns = WORDING[kind]
        assert len(doc.title) == len(title) and all(
            re.fullmatch(pattern, line) for pattern, line in zip(title, doc.title)), doc.title
        values = {field.labels[0]: field.value for field in doc.fields}
        for label, pattern in patterns.items():
            assert re.fullmatch(pattern, values[label]), (kind, label, values[label])
        roles = {f.role for f in doc.fields} | {role for _, role in doc.body}
        assert roles >= {"name", "number"}   # hard-tier seals land on them
        if kind in WITHOUT_ID:
            assert printed_id is None and doc.seal_text
        elif doc.lang == "zh":
            assert is_valid_id(printed_id) and printed_id in values.values()
            assert doc.seal_text
        else:
            assert printed_id is None
            low, high = TOTALS[kind]
            total = dict((name, value) for name, value, _ in doc.scores)["Total Score"]
            assert low <= int(total) <= high


@pytest.mark.parametrize("kind", NEAR_MISS_KINDS)
def test_a_near_miss_renders_with_null_type(kind):
    image, label = make_negative(kind, tier="hard", style="holdout", seed=1)
    assert label["type"] is None and label["negative"] == kind and label["layout"] == kind
    assert all(label[key] is None for key in ("holder_name", "cert_number", "level", "score", "issue_date"))
    assert label["id_number"] is None or is_valid_id(label["id_number"])
    assert max(image.size) >= 900


def test_near_misses_are_opt_in_and_leave_the_other_rows_unchanged(tmp_path):
    """Default sets carry none; adding them appends rows and moves no byte of the others."""
    plain = generate(tmp_path / "plain", tiers=("scan",), style="holdout", seed=3, types=("cpa",))
    assert {row.get("negative") for row in plain} == {None, *NEGATIVE_KINDS}
    with_near = generate(tmp_path / "near", tiers=("scan",), style="holdout", seed=3, types=("cpa",),
                         near_misses=True)
    assert with_near[:len(plain)] == plain
    assert [row["negative"] for row in with_near[len(plain):]] == list(NEAR_MISS_KINDS)
    for row in plain:
        assert (tmp_path / "plain" / row["file"]).read_bytes() == (tmp_path / "near" / row["file"]).read_bytes()


def test_near_misses_alone(tmp_path):
    rows = generate(tmp_path, tiers=("scan",), negative_tiers=("photo",), style="train", seed=2,
                    negatives=False, near_misses=True, catalogue=False)
    assert [row["negative"] for row in rows] == list(NEAR_MISS_KINDS)
    assert all(row["type"] is None and row["tier"] == "photo" for row in rows)
    with pytest.raises(LimitupError):
        generate(tmp_path, negatives=False, catalogue=False)


def _main(args, capsys):
    """cli.main() in process (what the console script runs): (exit code, captured output)."""
    from limitup.cli import main
    try:
        main(["samples", "generate", *args])
        code = 0
    except SystemExit as exited:
        code = exited.code or 0
    return code, capsys.readouterr()


def test_cli_near_misses_flag(tmp_path, capsys):
    code, out = _main(["--out", str(tmp_path), "--style", "holdout", "--tiers", "scan", "--seed", "5",
                       "--no-catalogue", "--no-negatives", "--near-misses"], capsys)
    assert code == 0, out.err
    summary = json.loads(out.out.strip().splitlines()[-1])
    assert summary["images"] == summary["negatives"] == len(NEAR_MISS_KINDS)
    manifest = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["negative"] for row in manifest} == set(NEAR_MISS_KINDS)


@pytest.mark.parametrize("args", [
    ["--no-catalogue", "--no-negatives"],              # nothing left to generate
    ["--no-catalogue", "--types", "cpa", "--near-misses"],
    ["--near-misses", "--negative-tiers", "blurry"],
    ["--near-misses=yes"],
])
def test_cli_rejects_bad_near_miss_arguments_without_traceback(tmp_path, args, capsys):
    code, out = _main(["--out", str(tmp_path / "out"), *args], capsys)
    assert code != 0
    assert "Traceback" not in out.err and "Error" in out.err
    assert not (tmp_path / "out").exists()
