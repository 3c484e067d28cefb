"""Issue 19: every holder verifies on a clean certificate rendered for them, whatever the shape of
their name, and a stranger with a similar name never does. REAL OCR (the default engine), once
per certificate (ten reads, shared module-wide); real SQLite; the whole check and decision path
(pipeline.create_credential + process) with the reading, for the owner and then the stranger, in
separate databases (so duplicate checks do not hide what the name check decides)."""
import copy
import io
from datetime import date
from pathlib import Path

import pytest

from limitup import credentials, pipeline
from limitup.api.schemas import CredentialSchema
from limitup.config import PROJECT_ROOT
from limitup.ingest import ingest
from limitup.ocr import get_engine
from limitup.reader import read_image
from limitup.rules import load_rules
from limitup.samples import make_certificate
from limitup.store import get_db, pipeline_settings

from tests.verify.dbkit import add_user, make_app, valid_id
from tests.fixtures import queued_credential

TODAY = date(2026, 5, 1)
HOLDER_ID = "54010219920315123"        # Lhasa; one ID for owner and stranger: only the name differs
FOREIGN_ID = "93015619880712001"       # a foreign permanent resident ID (starts with 9)
# (case, type, tier, owner's KYC name, name given to the generator, stranger's similar name, options)
CASES = [
    ("tibetan", "cpa", "scan", "扎西顿珠", None, "扎西顿", {}),
    ("mongolian", "physician", "scan", "乌兰其其格", None, "乌兰其格", {}),
    ("five_characters", "teacher_qualification", "scan", "胡雨桐子涵", None, "胡雨桐",
     {"level": "高级中学"}),
    ("uyghur_dot", "legal_professional", "scan", "阿依古丽·买买提", None, "阿依古丽·买买",
     {}),
    ("compound_ouyang", "nurse", "scan", "欧阳娜娜", None, "欧阳娜", {}),
    ("compound_sima", "securities_practitioner", "scan", "司马相如", None, "司马相", {}),
    ("passport_toefl", "toefl", "scan", "Anna Maria Schmidt", "SCHMIDT, ANNA MARIA",
     "Anna Schmidt", {"score": 100, "issue_date": date(2025, 9, 1)}),
    ("four_words_ielts", "ielts", "scan", "Mohammed Ali Al Hassan", "AL HASSAN, MOHAMMED ALI",
     "Mohammed Al Hassan", {"score": 7.0, "issue_date": date(2025, 10, 11)}),
    # Phone photos (perspective, light, blur).
    ("mongolian_photo", "cpa", "photo", "乌兰其其格", None, "乌兰其格", {}),
    ("passport_photo", "duolingo", "photo", "José García López", "GARCÍA LÓPEZ, JOSÉ",
     "José García", {"score": 120, "issue_date": date(2025, 12, 1)}),
]


def png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _id_for(kyc_name: str) -> str:
    return valid_id(FOREIGN_ID if kyc_name.isascii() or any(c in kyc_name for c in "éó")
                    else HOLDER_ID)


@pytest.fixture(scope="module")
def readings():
    """Each certificate rendered for its owner and read once by real OCR."""
    engine = get_engine("default")
    catalogue = load_rules(Path(PROJECT_ROOT) / "rules").catalogue
    out = {}
    for index, (case, type_id, tier, kyc, printed, _, options) in enumerate(CASES):
        image, label = make_certificate(type_id, holder_name=printed or kyc,
                                        id_number=_id_for(kyc), tier=tier, seed=index + 3,
                                        **options)
        data = png(image)
        recognition, _ = read_image(ingest(data, max_bytes=20_000_000).image, engine, catalogue,
                                    today=TODAY)
        out[case] = (data, recognition, label)
    return out


def _decide(tmp_path, name: str, data: bytes, recognition) -> dict:
    """A fresh account named `name` uploads `data`; the checks run on `recognition`."""
    app = make_app(tmp_path)
    with app.app_context():
        user = add_user(name, _id_for(name)[:17])
        credential = queued_credential(get_db(), user, ingest(data, max_bytes=20_000_000))
        result = pipeline.process(get_db(), credential, copy.deepcopy(recognition),
                                  pipeline_settings(), today=TODAY)
        row = credentials.get(get_db(), credential)
        return {**result, "api": CredentialSchema().dump(row), "row": row}


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_the_owner_verifies(readings, tmp_path, case):
    _, type_id, _, kyc, _, _, _ = next(c for c in CASES if c[0] == case)
    data, recognition, label = readings[case]
    assert recognition.type == type_id
    result = _decide(tmp_path, kyc, data, recognition)
    assert (result["status"], result["reasons"]) == ("verified", [])
    compared = result["name_compared"]
    assert compared["account"] == kyc and compared["match"] is True
    assert compared["read"] in ("guided", "blind")
    # The API body says the same; the holder name shown is the one compared.
    assert result["api"]["name_compared"] == compared
    assert result["fields"]["holder_name"] == compared["printed"]


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_a_stranger_with_a_similar_name_never_verifies(readings, tmp_path, case):
    _, _, _, kyc, _, stranger, _ = next(c for c in CASES if c[0] == case)
    data, recognition, _ = readings[case]
    result = _decide(tmp_path, stranger, data, recognition)
    assert result["status"] in ("rejected", "needs_review")
    assert {"name_mismatch", "low_confidence"} & set(result["reasons"])
    assert result["name_compared"]["account"] == stranger
    assert result["name_compared"]["match"] is False


def test_the_stored_recognition_stays_the_blind_reading(readings, tmp_path):
    """The guided read changes what the checks compare, not what recognition reported (the
    stored recognition is what `limitup scan` prints for the photo)."""
    data, recognition, _ = readings["mongolian"]
    blind = recognition.as_json()
    result = _decide(tmp_path, "乌兰其其格", data, recognition)
    assert result["row"]["recognition"]["fields"] == blind["fields"]
    assert result["row"]["recognition"]["checks"] == blind["checks"]
    assert "text_boxes" not in result["row"]["recognition"]
    assert result["name_compared"]["read"] == "guided"
