"""Adding a certificate type is a rules change (issue 20): a copy of rules/ gains one catalogue
file and one scoring row, nothing else, and the new type is drawn by the generator (its generic
layout), recognised from real OCR (RapidOCR), verified and scored, and named on the pages and in
the API of an app started on that rules folder."""
from __future__ import annotations

import io
import json
import shutil
from datetime import date

import pytest

from limitup import auth
from limitup.ingest import ingest
from limitup.ocr import get_engine
from limitup.pipeline import process
from limitup.recognise import recognise
from limitup.recognise.result import FIELD_NAMES
from limitup.rules import load_rules
from limitup.samples import TYPE_IDS, make_certificate, type_ids
from limitup.store import get_db, pipeline_settings
from tests.fixtures import ROOT, add_user, make_app, queued_credential, run_cli, valid_id
from tests.web.conftest import SECRET, explanation_on_page, sign_in

TODAY = date(2026, 5, 1)
HOLDER, ID17 = "张三", "11010119900307123"
# The analyst's whole change: cpa.yaml copied under a new id and reworded, and a scoring row.
CATALOGUE_FILE = """\
# 导游资格证书 (a tour guide's qualification). Number: 12 digits, starting with the year.
id: tour_guide
names:
  zh: 导游资格证书
  en: Tour guide qualification
titles:
  - {text: 导游资格证书, weight: 1.0}
keywords:
  - {text: 文化和旅游部, weight: 0.3}
require_any: [导游]
fields:
  holder_name:
    kind: name_cjk
    key: true
    labels: [姓名]
  cert_number:
    kind: number
    key: true
    labels: [证书编号]
    pattern: '\\d{12}'
    validators:
      - {rule: year_prefix}
  issue_date:
    kind: date
    labels: [发证日期]
extras:
  id_number: {kind: id_number, labels: [身份证号码]}
"""
SCORING_ROW = """\
  tour_guide:
    category: professional
    flat: 600
"""


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("added") / "rules"
    shutil.copytree(ROOT / "rules", folder)
    (folder / "catalogue" / "tour_guide.yaml").write_text(CATALOGUE_FILE, encoding="utf-8")
    scoring = folder / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8") + SCORING_ROW, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def certificate(rules_dir):
    """(image, its label, recognise() on the image's RapidOCR boxes)."""
    catalogue = load_rules(rules_dir).catalogue
    image, label = make_certificate("tour_guide", holder_name=HOLDER, id_number=valid_id(ID17),
                                    cert_type=catalogue["tour_guide"], seed=1)
    boxes = get_engine("rapidocr").read(image)
    return image, label, recognise(boxes, catalogue, today=TODAY)


def _changed(folder) -> set:
    """Files added, removed or changed in `folder` against the checkout's rules/."""
    shipped = ROOT / "rules"
    names = {path.relative_to(top) for top in (shipped, folder) for path in top.rglob("*")
             if path.is_file()}
    return {str(name) for name in names if not (shipped / name).is_file()
            or not (folder / name).is_file()
            or (shipped / name).read_bytes() != (folder / name).read_bytes()}


def test_the_generator_draws_it_and_recognition_reads_it(rules_dir, certificate):
    assert _changed(rules_dir) == {"catalogue/tour_guide.yaml", "scoring.yaml"}   # nothing else
    _, label, recognition = certificate
    assert label["layout"] in ("booklet", "grid") and label["holder_name"] == HOLDER
    assert recognition.type == "tour_guide" and recognition.confidence >= 0.9
    assert recognition.fields == {name: label[name] for name in FIELD_NAMES}
    assert {"code": "number_format_ok"} in recognition.checks
    assert recognition.extras["category"] == "professional"      # from its scoring row


def test_it_is_verified_scored_and_named_on_the_pages_and_the_api(tmp_path, rules_dir,
                                                                   certificate):
    image, _, recognition = certificate
    app = make_app(tmp_path, RULES_DIR=str(rules_dir), SECRET_KEY=SECRET)
    photo = io.BytesIO()
    image.save(photo, "PNG")
    with app.app_context():
        owner = add_user(HOLDER, ID17)
        credential_id = queued_credential(get_db(), owner, ingest(photo.getvalue(),
                                                                  max_bytes=10_000_000))
        result = process(get_db(), credential_id, recognition, pipeline_settings(), today=TODAY)
    assert (result["type"], result["status"], result["reasons"]) == ("tour_guide", "verified", [])
    assert result["bonus_fen"] == 600_00

    client = app.test_client()
    sign_in(client, owner)
    assert '<option value="tour_guide">导游资格证书</option>' in client.get("/upload").get_data(
        as_text=True)
    assert "导游资格证书" in client.get("/").get_data(as_text=True)
    assert explanation_on_page(client, credential_id, "zh")[:2] == [
        "按固定标准：¥600", "在职业资格类中排第 1 位，计 100%，得 ¥600"]
    assert explanation_on_page(client, credential_id, "en")[0] == "Fixed amount: ¥600"
    english = client.get(f"/credentials/{credential_id}").get_data(as_text=True)    # still en
    assert "<h1>Tour guide qualification" in english

    catalogue = client.get("/api/v1/catalogue").get_json()
    entry = next(item for item in catalogue["types"] if item["id"] == "tour_guide")
    assert entry["names"] == {"zh": "导游资格证书", "en": "Tour guide qualification"}
    assert (entry["category"], entry["bands"]) == ("professional",
                                                   [{"label": "any", "bonus_fen": 600_00}])
    headers = {"Authorization": f"Bearer {auth.make_token(owner, 'user', SECRET, 3600)}"}
    body = client.get(f"/api/v1/credentials/{credential_id}", headers=headers).get_json()
    assert (body["type"], body["status"], body["bonus_fen"]) == ("tour_guide", "verified", 600_00)


def test_the_samples_command_draws_it_from_the_rules_folder(tmp_path, rules_dir):
    # After the twenty: a set generated without --types keeps their rows as they were.
    assert type_ids(load_rules(rules_dir).catalogue) == TYPE_IDS + ("tour_guide",)
    done = run_cli("samples", "generate", "--out", str(tmp_path / "set"), "--rules", str(rules_dir),
                   "--types", "tour_guide", "--tiers", "scan", "--no-negatives",
                   data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    manifest = (tmp_path / "set" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in manifest]
    assert [(row["file"], row["type"]) for row in rows] == [
        ("tour_guide_scan_train_000.jpg", "tour_guide")]
