"""`limitup samples generate --style real`: the layouts learnt from real documents render, and
their manifest truth is what the page prints (read from the texts the page drew, so no OCR is
needed to check the labels). The pipeline's reading of a few of them is in
test_samples_real_reading.py."""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import numpy as np
import pytest
from PIL import Image

from limitup.cli import main
from limitup.errors import LimitupError
from limitup.samples import generate
from limitup.samples.real import BIG_SIZE, FORM_TIER, KINDS, TINY_LONG_SIDES, compose_real, make_real

SEEDS = range(6)


def texts(page) -> list[str]:
    return [text for text, _ in page.texts]


def box_of(page, wanted: str):
    return next(box for text, box in page.texts if text == wanted)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_layout_renders_its_row(kind):
    page, label, _ = compose_real(kind, seed=1)
    _, types, forms = KINDS[kind]
    assert label["type"] in types and label["layout"] == kind and label["style"] == "real"
    assert label["form"] == forms[0] and label["tier"] == FORM_TIER[forms[0]]
    drawn = "".join(texts(page))
    for field in ("holder_name", "cert_number"):
        if label[field]:   # romanised names are printed in parts (Family / First Name boxes)
            assert all(part in drawn for part in label[field].split()), (field, label[field])
    if label["score"] is not None:
        assert any(re.fullmatch(re.escape(str(label["score"])) + r"(\.0)?", t) for t in texts(page))
    assert label["kyc_name"] and label["kyc_id"]


def test_cet_score_sits_in_the_cell_under_total_with_percent_headers_beside():
    for kind in ("cet_table", "cet_ereport"):
        for seed in SEEDS:
            page, label, _ = compose_real(kind, seed=seed)
            assert label["issue_date"] is None and label["level"] is None   # only the exam month is printed
            assert label["id_number"] in texts(page)
            assert re.fullmatch(r"\d{2}[12][12]\d{11}", label["cert_number"])
            head = next(box for text, box in page.texts if text.startswith("总分"))
            score = box_of(page, str(label["score"]))
            assert head[0] < (score[0] + score[2]) / 2 < head[2] and score[1] > head[3]
            percents = [box for text, box in page.texts if "(35%)" in text or "(30%)" in text]
            assert len(percents) == 3 and all(box[0] > head[2] for box in percents)
            assert box_of(page, label["cert_number"])


def test_cet_proof_has_spaced_labels_and_is_dated_by_the_university():
    page, label, _ = compose_real("cet_proof", seed=2)
    assert "姓　　名：" in texts(page) and "成绩单编号：" in texts(page)
    day = date.fromisoformat(label["issue_date"])
    printed = box_of(page, f"{day.year}年{day.month:02d}月{day.day:02d}日")
    issuer = next(box for text, box in page.texts if text.endswith("教务部"))
    assert printed[1] > issuer[1]                       # the date under the issuer
    assert label["id_number"] in texts(page) and str(label["score"]) in texts(page)


def test_ielts_trf_boxes_small_print_and_two_dates():
    shades = set()
    for seed in SEEDS:
        page, label, _ = compose_real("ielts_trf", form="photo", seed=seed)
        w, h = page.size
        assert (w, h) == (1654, 2339)                    # A4 at 200 dpi
        family, given = label["holder_name"].split()
        # The name letters as real forms print them: the family name's three, the given's one.
        assert re.fullmatch(rf"\d{{2}}CN\d{{6}}{family[:3]}{given[:1]}\d{{3}}[AG]", label["cert_number"])
        report = date.fromisoformat(label["issue_date"])
        bottom = box_of(page, f"{report.day:02d}/{report.month:02d}/{report.year}")
        top_date = next((text, box) for text, box in page.texts if re.fullmatch(r"\d{2}/[A-Z]{3}/\d{4}", text))
        assert bottom[1] > 0.8 * h and top_date[1][1] < 0.2 * h
        assert datetime.strptime(top_date[0].title(), "%d/%b/%Y").date() < report   # the test comes first
        note = [box for text, box in page.texts if text.startswith(("Admission", "GENERAL", "It is", "To find"))]
        assert len(note) == 4 and all(b[3] - b[1] < 0.011 * h for b in note)   # small print
        pixels = page.image.convert("L")
        x0, y0, x1, y1 = box_of(page, label["cert_number"])
        behind = pixels.getpixel((x1 + 12, (y0 + y1) // 2))              # the box right of the value
        assert behind < 235                                               # grey or hatched, not white
        shades.add("hatched" if behind < 180 else "grey")
    assert "hatched" in shades                                            # paper forms are mostly hatched
    page, _, _ = compose_real("ielts_trf", form="pdf", seed=0)            # the eTRF is grey, never hatched
    x0, y0, x1, y1 = page.boxes["number"][0]
    assert 200 < page.image.convert("L").getpixel((x1 + 12, (y0 + y1) // 2)) < 235


def test_duolingo_ids_come_in_both_real_forms():
    seen = set()
    for seed in range(10):
        page, label, _ = compose_real("duolingo_cert", seed=seed)
        cert_id = label["cert_number"]
        assert f"certs.duolingo.com/{cert_id}" in texts(page)
        if re.fullmatch(r"[0-9a-f]{32}", cert_id):
            seen.add("hash32")
        else:
            assert re.fullmatch(r"[a-z0-9]{16}", cert_id)
            assert "Certificate ID" in texts(page) and cert_id in texts(page)
            seen.add("id16")
        family, given = label["holder_name"].split()
        assert f"{family}, {given}" in texts(page)                       # printed "Family, Given"
        assert label["issue_date"] and label["score"] % 5 == 0
    assert seen == {"hash32", "id16"}


def test_school_honour_wording_levels_and_dates():
    grades = {"甲等": "一等", "乙等": "二等", "丙等": "三等"}
    wordings = set()
    for seed in range(12):
        page, label, _ = compose_real("honour_school", seed=seed)
        w, h = page.size
        assert h > w                                                      # portrait
        name = box_of(page, label["holder_name"])
        mate = next(box for text, box in page.texts if text in ("同学", "同学："))
        assert abs(name[1] - mate[1]) < 30 and mate[0] > name[2]          # XXX 同学 on its own line
        sentence = "".join(texts(page))          # the body wraps over lines: read it whole
        assert "荣获" in sentence and "学年" in sentence
        printed_grade = re.search(r"([甲乙丙])等奖", sentence)
        if printed_grade:
            wordings.add("综合")
            assert label["level"] == grades[printed_grade.group(1) + "等"]
        else:
            wordings.add("专项" if "专项奖学金" in sentence else "学业")
            assert f"{label['level']}专项奖学金" in sentence or f"学业奖学金{label['level']}奖" in sentence
        month_only = any(re.fullmatch(r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]+月", t) for t in texts(page))
        assert (label["issue_date"] is None) == month_only
        assert (label["cert_number"] is None) == ("number" not in page.boxes)
    assert wordings == {"综合", "专项", "学业"}


def test_national_certificate_number_and_sentence():
    for seed in SEEDS:
        page, label, _ = compose_real("honour_national", seed=seed)
        assert page.size[0] > page.size[1]
        assert re.fullmatch(r"(BZK|SSY)20\d{7}", label["cert_number"]) and "编号：" in texts(page)
        body = next(t for t in texts(page) if "国家奖学金，" in t)
        assert re.search(r"同学荣获  \d{4}  至  \d{4}  学年度(本专科生|研究生)国家奖学金", body)
        assert label["level"] is None and date.fromisoformat(label["issue_date"])


def test_honour_title_is_a_look_alike():
    page, label, _ = compose_real("honour_title", seed=4)
    assert label["type"] is None and label["negative"] == "honour_title"
    assert all(label[f] is None for f in ("holder_name", "cert_number", "level", "score", "issue_date"))
    drawn = "".join(texts(page))
    assert "被评为" in drawn and "奖学金" not in drawn and "荣 誉 证 书" in drawn


def test_forms_pdf_tiny_big_turned():
    pdf, label = make_real("cet_ereport", form="pdf", seed=0)
    assert pdf.size == (1240, 1754) and label["tier"] == "scan"
    tiny, label = make_real("cet_proof", form="tiny", seed=0)
    assert max(tiny.size) in TINY_LONG_SIDES and label["tier"] == "scan"
    big, label = make_real("honour_school", form="big", seed=0)
    assert big.size == BIG_SIZE and label["tier"] == "photo"
    turned, label = make_real("honour_school", form="turned", seed=0)
    assert label["turned_ccw"] in (90, 270) and label["exif_orientation"] is None and label["tier"] == "hard"
    assert turned.width > turned.height                                  # a portrait page lying on its side
    upright = np.asarray(turned.rotate(-label["turned_ccw"], expand=True).convert("L"))
    assert upright.shape[0] > upright.shape[1]


def test_same_seed_same_document():
    one, first = make_real("ielts_trf", form="pdf", seed=9)
    two, second = make_real("ielts_trf", form="pdf", seed=9)
    assert first == second and np.array_equal(np.asarray(one), np.asarray(two))


def test_bad_kind_or_form_is_a_clear_error():
    with pytest.raises(LimitupError, match="unknown real layout"):
        make_real("toefl_paper")
    with pytest.raises(LimitupError, match="does not come as 'pdf'"):
        make_real("honour_school", form="pdf")


def test_generate_real_set_writes_rows_with_forms(tmp_path):
    rows = generate(tmp_path / "set", per_type=1, style="real", seed=5, tiers=("hard",))
    assert [row["layout"] for row in rows] == ["cet_table", "ielts_trf", "honour_school", "honour_title"]
    assert all(row["form"] == "turned" and row["tier"] == "hard" for row in rows)
    written = [json.loads(line) for line in (tmp_path / "set" / "manifest.jsonl").read_text().splitlines()]
    assert written == rows
    for row in rows:
        with Image.open(tmp_path / "set" / row["file"]) as image:
            assert not image.getexif().get(0x0112)                        # turned, and no EXIF tag
    assert rows[-1]["negative"] == "honour_title" and rows[-1]["type"] is None
    only = generate(tmp_path / "cet", per_type=2, style="real", seed=5, types=("cet6",), negatives=False,
                    tiers=("scan",))
    assert {row["type"] for row in only} == {"cet6"} and {row["form"] for row in only} == {"scan", "tiny", "pdf"}
    with pytest.raises(LimitupError, match="no real layout comes in the tiers hard"):
        generate(tmp_path / "y", style="real", tiers=("hard",), types=("duolingo",), negatives=False)
    with pytest.raises(LimitupError, match="real style has its own look-alikes"):
        generate(tmp_path / "x", style="real", near_misses=True)


def _cli(capsys, *args) -> tuple[int, str, str]:
    """cli.main() in process, as the console script runs it."""
    code = 0
    try:
        main(list(args))
    except SystemExit as exited:
        code = exited.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_generates_the_real_style(tmp_path, capsys):
    code, help_text, _ = _cli(capsys, "samples", "generate", "--help")
    assert code == 0 and "real: the layouts learnt from real" in " ".join(help_text.split())
    code, out, err = _cli(capsys, "samples", "generate", "--style", "real", "--out", str(tmp_path / "r"),
                          "--tiers", "scan", "--types", "duolingo", "--no-negatives")
    assert code == 0, err
    assert json.loads(out)["images"] == 1
    row = json.loads((tmp_path / "r" / "manifest.jsonl").read_text())
    assert row["file"] == "duolingo_duolingo_cert_pdf_real_000.jpg" and row["form"] == "pdf"
    code, _, err = _cli(capsys, "samples", "generate", "--style", "real", "--out", str(tmp_path / "n"),
                        "--near-misses")
    assert code != 0 and "Traceback" not in err and "Error" in err


# --- read by the pipeline (five real OCR calls) -------------------------------------------------
# Measured on a set of these layouts (docs/samples-real.md), the pipeline misses what it misses on
# real documents. Where the gap is in reading (table cells, spaced labels, real wording, number
# formats: h18rules' work in limitup/recognise/ and rules/catalogue/), the test allows the value
# read today (None, or the other printed date) beside the truth, and says what is missing.

@pytest.fixture(scope="module")
def read(tmp_path_factory):
    import limitup.cli  # noqa: F401  (registers the commands before recognition's module is imported)
    from limitup.commands.recognition import load_catalogue
    from limitup.ocr import get_engine
    from limitup.reader import scan_file
    from limitup.samples import save_sample
    engine, catalogue, folder = get_engine("default"), load_catalogue(), tmp_path_factory.mktemp("real")

    def scan(kind, form, seed=0, type_id=None):
        image, label = make_real(kind, form=form, seed=seed, type_id=type_id)
        path = folder / f"{kind}_{form}_{seed}.jpg"
        save_sample(image, label, path)
        line = scan_file(str(path), engine, catalogue)
        return line.get("type"), line.get("fields") or {}, label
    return scan


def test_read_cet_ereport_score_in_the_cell_under_total(read):
    typed, fields, label = read("cet_ereport", "pdf", type_id="cet4")
    assert typed == "cet4"
    assert fields["score"] == label["score"]            # not the 35 of 听力(35%) beside it
    assert fields["cert_number"] == label["cert_number"] and fields["holder_name"] == label["holder_name"]
    assert fields["issue_date"] is None                  # only the exam month is printed


def test_read_cet_table_photo_turned_without_exif(read):
    typed, fields, label = read("cet_table", "turned", type_id="cet6")
    assert label["turned_ccw"] in (90, 270) and label["exif_orientation"] is None
    assert typed == "cet6"
    assert (fields["cert_number"], fields["score"]) == (label["cert_number"], label["score"])


def test_read_ielts_trf_photo_with_hatched_boxes(read):
    typed, fields, label = read("ielts_trf", "photo")
    assert typed == "ielts"
    for name in ("holder_name", "cert_number", "score"):
        assert fields[name] == label[name], name
    # Gap (recognise, h18rules): of the two dates the form prints, today the first one (the test
    # date, at the top) is taken; the row's issue_date is the report date beside the TRF number.
    test_day = next(text for text, _ in compose_real("ielts_trf", form="photo")[0].texts
                    if re.fullmatch(r"\d{2}/[A-Z]{3}/\d{4}", text))
    assert fields["issue_date"] in (label["issue_date"],
                                    datetime.strptime(test_day.title(), "%d/%b/%Y").date().isoformat())


def test_read_national_certificate(read):
    typed, fields, label = read("honour_national", "scan")
    assert typed == "scholarship_national"
    assert (fields["holder_name"], fields["issue_date"]) == (label["holder_name"], label["issue_date"])
    # Gap (rules/catalogue, h18rules): numbers that start with letters (BZK…, SSY…) are not yet a
    # format of the type, so today none is read; never a wrong one.
    assert fields["cert_number"] in (None, label["cert_number"])


def test_read_honour_title_look_alike_is_not_typed(read):
    typed, _, label = read("honour_title", "scan")
    assert label["type"] is None and typed is None
