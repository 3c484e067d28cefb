"""The labelled sample generator: every type renders in every tier and style, labels obey SPEC 1
formats and structure, output is deterministic, manifests follow SPEC 2, the CLI validates."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date

import numpy as np
import pytest
from PIL import Image, ImageOps

from limitup.errors import LimitupError
from limitup.ids import is_valid_id
from limitup.samples import (MANIFEST_KEYS, NEGATIVE_KINDS, STYLES, TIERS, TYPE_IDS, generate, make_certificate,
                             make_negative, save_sample)
from limitup.samples import layouts
from limitup.samples.generator import JPEG_QUALITY, compose
from limitup.samples.numbers import TEACHER_LEVEL_DIGITS

NUMBER_FORMATS = {
    "teacher_qualification": r"\d{17}", "accounting_junior": r"20\d{14}", "accounting_intermediate": r"20\d{14}",
    "cpa": r"\d{12}", "legal_professional": r"[ABC]20\d{15}", "physician": r"20\d{13}", "nurse": r"20\d{10}",
    "constructor": r"[京粤沪苏浙川鄂鲁豫湘陕闽]\d{11}", "securities_practitioner": r"20\d{12}",
    "computer_professional": r"\d{16}", "toefl": r"\d{16}", "ielts": r"\d{2}CN\d{6}[A-Z]{2,4}\d{3}[AG]",
    "duolingo": r"[0-9a-f]{16}", "cet4": r"\d{15}", "cet6": r"\d{15}", "tem8": r"20\d{10}",
    "putonghua": r"\d{15}", "scholarship_national": None, "scholarship_provincial": None,
    "scholarship_school": r"20\d{2}[A-Z]{2,3}\d{3,5}",
}
ENGLISH = {"toefl", "ielts", "duolingo"}
CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def check_label(label: dict) -> None:
    """Everything SPEC 1/2 says about one certificate label."""
    type_id = label["type"]
    fmt = NUMBER_FORMATS[type_id]
    if fmt is None:
        assert label["cert_number"] is None
    else:
        assert re.fullmatch(fmt, label["cert_number"]), (type_id, label["cert_number"])
    if type_id in ENGLISH:
        assert re.fullmatch(r"[A-Za-z]+ [A-Za-z]+", label["holder_name"]), label["holder_name"]
    else:
        assert CJK.match(label["holder_name"]), label["holder_name"]
    assert is_valid_id(label["kyc_id"])
    if label["id_number"] is not None:
        assert is_valid_id(label["id_number"])
    if label["issue_date"] is not None:
        date.fromisoformat(label["issue_date"])
    number, level, score = label["cert_number"], label["level"], label["score"]
    if type_id == "teacher_qualification":
        assert number[:4] == label["issue_date"][:4]
        assert number[9] == TEACHER_LEVEL_DIGITS[level]
        sex_digit = "1" if int(label["id_number"][16]) % 2 else "2"   # 性别 printed = the ID's sex
        assert number[10] == sex_digit
    if type_id in ("cet4", "cet6"):
        assert number[3] == ("1" if type_id == "cet4" else "2")
        assert number[2] in "12"
        assert isinstance(score, int) and 0 <= score <= 710
    if type_id == "legal_professional":
        assert level == number[0]
    if type_id == "constructor":
        assert level in ("一级", "二级") and number[1] == ("1" if level == "一级" else "2")
    if type_id == "toefl":
        assert 0 <= score <= 120 and score == int(score)
    if type_id == "ielts":
        assert 0 <= score <= 9 and score * 2 == int(score * 2)
    if type_id == "duolingo":
        assert 10 <= score <= 160 and score % 5 == 0
    if type_id == "putonghua":
        bands = {"一级甲等": 97, "一级乙等": 92, "二级甲等": 87, "二级乙等": 80, "三级甲等": 70, "三级乙等": 60}
        assert bands[level] <= score <= 100
    if type_id == "tem8":
        assert level in ("合格", "良好", "优秀")
    if type_id in ("accounting_junior", "accounting_intermediate"):
        assert level == ("初级" if type_id.endswith("junior") else "中级")
    if type_id == "scholarship_school":
        assert level in ("一等", "二等", "三等")


@pytest.mark.parametrize("index,type_id", list(enumerate(TYPE_IDS)))
def test_every_type_renders_in_every_tier_and_style(index, type_id):
    """Each type in each tier; the style alternates so every type meets both styles and every
    tier meets both styles across the types (the full product would take minutes)."""
    for tier_index, tier in enumerate(TIERS):
        style = STYLES[(index + tier_index) % 2]
        image, label = make_certificate(type_id, tier=tier, style=style, seed=11)
        assert label["tier"] == tier and label["style"] == style and label["type"] == type_id
        assert 900 <= max(image.size) <= 1700, image.size
        check_label(label)
        assert np.asarray(image.convert("L")).std() > 15   # not blank: text, frame, background


@pytest.mark.parametrize("style", STYLES)
def test_every_type_and_layout_draws_in_both_styles(style):
    """The layouts without damage (cheap): every type, several seeds, so every layout is drawn."""
    layouts_seen = set()
    for type_id in TYPE_IDS:
        for seed in range(3):
            doc, label, rng = compose(type_id, style=style, seed=seed)
            page, name = layouts.render(doc, style, rng)
            layouts_seen.add(name)
            if label["cert_number"]:
                assert page.boxes.get("number"), (type_id, name)
            assert page.boxes.get("name"), (type_id, name)
    expected = set(layouts.LAYOUTS[style]) | set(layouts.HONOUR_LAYOUTS[style])
    assert layouts_seen == expected
    assert not layouts_seen & set(layouts.LAYOUTS[{"train": "holdout", "holdout": "train"}[style]])


def test_labels_obey_formats_across_many_seeds():
    for seed in range(25):
        for type_id in TYPE_IDS:
            _, label, _ = compose(type_id, style=STYLES[seed % 2], seed=100 + seed)
            check_label(label)


def test_given_fields_are_printed_and_labelled():
    image, label = make_certificate("teacher_qualification", holder_name="王小明", id_number="110101199003071233",
                                    issue_date="2021-06-30", level="高级中学", seed=3)
    assert label["holder_name"] == "王小明" and label["kyc_name"] == "王小明"
    assert label["id_number"] == "110101199003071233" and label["kyc_id"] == "110101199003071233"
    assert label["cert_number"].startswith("2021") and label["cert_number"][9:11] == "41"   # 高级中学, 男
    _, label = make_certificate("toefl", holder_name="张三", score=104, seed=1)
    assert label["score"] == 104 and set(label["holder_name"].upper().split()) == {"ZHANG", "SAN"}
    assert label["kyc_name"] == "张三"
    _, label = make_certificate("ielts", holder_name="Li Na", score=7.5, seed=2)
    assert label["holder_name"] == "Li Na" and label["cert_number"][10:13] == "LIN"   # LI + N


def test_bad_arguments_raise_limitup_errors():
    with pytest.raises(LimitupError):
        make_certificate("no_such_type")
    with pytest.raises(LimitupError):
        make_certificate("cet4", tier="blurry")
    with pytest.raises(LimitupError):
        make_certificate("toefl", score=121)
    with pytest.raises(LimitupError):
        make_certificate("ielts", score=7.3)
    with pytest.raises(LimitupError):
        make_certificate("teacher_qualification", level="大学")
    with pytest.raises(LimitupError):
        make_certificate("cpa", id_number="110101199003071234")   # wrong check digit
    with pytest.raises(LimitupError):
        make_negative("passport")


def test_generation_is_deterministic_for_a_seed():
    first, label_a = make_certificate("cet6", tier="hard", style="holdout", seed=42)
    second, label_b = make_certificate("cet6", tier="hard", style="holdout", seed=42)
    assert label_a == label_b
    assert np.array_equal(np.asarray(first), np.asarray(second))
    _, label_c = make_certificate("cet6", tier="hard", style="holdout", seed=43)
    assert label_c != label_a


@pytest.mark.parametrize("kind", NEGATIVE_KINDS)
def test_negatives_render_with_null_type(kind):
    image, label = make_negative(kind, tier="photo", style="holdout", seed=1)
    assert label["type"] is None and label["negative"] == kind
    assert all(label[key] is None for key in ("holder_name", "cert_number", "level", "score", "issue_date"))
    assert max(image.size) >= 900


def test_exif_orientation_makes_turned_pixels_upright(tmp_path):
    """damage.turn (the hard tier's last step) + save_sample: a tag, when written, makes the
    stored pixels upright; untagged turned files carry no tag; some stay upright."""
    import random
    from limitup.samples import damage
    upright = Image.new("RGB", (300, 200), "white")
    upright.paste((200, 0, 0), (0, 0, 60, 40))            # a red mark in the top-left corner
    seen = set()
    for seed in range(60):
        turned, ccw, tag = damage.turn(upright, random.Random(seed))
        label = {"turned_ccw": ccw, "exif_orientation": tag}
        path = tmp_path / f"{seed}.jpg"
        save_sample(turned, label, path)
        stored = Image.open(path)
        assert stored.getexif().get(0x0112) == tag
        if tag:
            shown = np.asarray(ImageOps.exif_transpose(stored))
            assert shown.shape[:2] == (200, 300) and shown[10, 10, 0] > 150 and shown[10, 10, 1] < 80
            seen.add("exif")
        elif ccw:
            assert stored.size == turned.size and np.asarray(stored)[10, 10, 1] > 150   # corner not red
            seen.add("no_tag")
        else:
            seen.add("upright")
    assert seen == {"exif", "no_tag", "upright"}


def test_generate_writes_spec2_manifest(tmp_path):
    rows = generate(tmp_path, per_type=1, tiers=("scan",), style="holdout", seed=5,
                    types=("cpa", "ielts", "scholarship_national"), negative_tiers=("scan",))
    manifest = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert manifest == rows and len(rows) == 3 + len(NEGATIVE_KINDS)
    for row in rows:
        assert set(MANIFEST_KEYS) <= set(row)
        assert (tmp_path / row["file"]).is_file()
        with Image.open(tmp_path / row["file"]) as image:
            assert image.format == "JPEG"
        assert row["tier"] == "scan" and row["style"] == "holdout"
        if row["type"]:
            check_label(row)
            assert row["cert_number"] is None or " " not in row["cert_number"]
            assert row["score"] is None or isinstance(row["score"], (int, float))


def _cli(*args):
    return subprocess.run([sys.executable, "-c", "from limitup.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [
    ["--out", "{tmp}", "--tiers", "scan,blurry"],
    ["--out", "{tmp}", "--tiers", ""],
    ["--out", "{tmp}", "--per-type", "0"],
    ["--out", "{tmp}", "--style", "fancy"],
    ["--out", "{tmp}", "--seed", "-1"],
    ["--out", "{tmp}", "--types", "cpa,passport"],
    ["--per-type", "1"],
])
def test_cli_rejects_bad_arguments_without_traceback(tmp_path, args, capsys):
    """In process (a subprocess per case cost ~1.3 s of imports each): cli.main() is what the
    console script runs, so an escaping exception here is the traceback a user would see."""
    from limitup.cli import main
    with pytest.raises(SystemExit) as exited:
        main(["samples", "generate", *[a.replace("{tmp}", str(tmp_path / "out")) for a in args]])
    assert exited.value.code not in (0, None)
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr and "Error" in stderr


def test_cli_generates_a_set(tmp_path):
    result = _cli("samples", "generate", "--out", str(tmp_path), "--tiers", "scan,photo", "--no-negatives",
                  "--seed", "2", "--types", "cpa,duolingo")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["images"] == 4 and summary["negatives"] == 0
    assert len((tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_committed_set_matches_its_manifest():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "sample_certs"
    rows = [json.loads(line) for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["type"] for row in rows} >= set(TYPE_IDS) | {None}
    assert {row["tier"] for row in rows} == set(TIERS)
    for row in rows:
        assert (root / row["file"]).is_file()
        if row["type"]:
            check_label(row)


def test_leap_day_issue_dates_render():
    for type_id in ("nurse", "constructor", "scholarship_school"):
        _, label, _ = compose(type_id, issue_date="2020-02-29", seed=1)
        assert label["issue_date"] == "2020-02-29"
    from limitup.samples.people import years_later
    assert years_later(date(2020, 2, 29), 6) == date(2026, 2, 28)
    assert years_later(date(2021, 3, 1), 5) == date(2026, 3, 1)


def test_committed_set_is_reproducible_with_its_command():
    """Images in sample_certs/ come from the README's command: re-rendering gives the same pixels."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "sample_certs"
    rows = {json.loads(line)["file"]: json.loads(line)
            for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()}
    name = "cpa_scan_train_000.jpg"
    image, label = make_certificate("cpa", tier="scan", style="train", seed=0)
    assert {k: v for k, v in label.items()} == {k: v for k, v in rows[name].items() if k != "file"}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    fresh = np.asarray(Image.open(buffer).convert("L"), dtype=np.int16)
    stored = np.asarray(Image.open(root / name).convert("L"), dtype=np.int16)
    assert fresh.shape == stored.shape and np.abs(fresh - stored).mean() < 1.0


def test_train_and_holdout_share_no_font_or_layout():
    from limitup.samples.fonts import FONT_SETS
    train = {face for faces in FONT_SETS["train"].values() for face in faces}
    holdout = {face for faces in FONT_SETS["holdout"].values() for face in faces}
    assert not train & holdout
    assert not (set(layouts.LAYOUTS["train"]) | set(layouts.HONOUR_LAYOUTS["train"])) & \
        (set(layouts.LAYOUTS["holdout"]) | set(layouts.HONOUR_LAYOUTS["holdout"]))
    for style in STYLES:
        assert len(layouts.LAYOUTS[style]) >= 2 and len(layouts.HONOUR_LAYOUTS[style]) >= 2
