"""The credential page's scoring explanation words the band in the visitor's language.

The scoring line labels a band in English for the API ("flat", "level 高级中学",
"score 104 >= 100", "score 70 < 80"); the API keeps that label as it is (SPEC), the page says it
in Chinese or English. The level is the certificate's printed word and stays as printed.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from limitup import auth
from limitup.pipeline import process
from limitup.store import get_db, get_rules, pipeline_settings
from limitup.web.formatting import band_text
from limitup.web.i18n import LANGUAGES, translate
from tests.fixtures import golden, ingested, queued_credential
from tests.web.conftest import SECRET, explanation_on_page, sign_in

# One verified credential per band form, with the first line its page's explanation shows.
CASES = {
    "level": (golden("teacher_qualification", holder="张三", number="20231100141000123",
                     level="高级中学"),
              "level 高级中学", {"zh": "等级为高级中学：¥2,500", "en": "Level 高级中学: ¥2,500"}),
    "score_reached": (golden("toefl", holder="ZHANG SAN", number="0000000012345678", score=104),
                      "score 104 >= 100", {"zh": "成绩 104，达到 100 档：¥3,000",
                                           "en": "Score 104, at least 100: ¥3,000"}),
    "score_below": (golden("toefl", holder="ZHANG SAN", number="0000000012345679", score=70),
                    "score 70 < 80", {"zh": "成绩 70，低于最低档 80：¥0",
                                      "en": "Score 70, below the lowest band (80): ¥0"}),
    "flat": (golden("cpa", holder="张三", number="110101230012"),
             "flat", {"zh": "按固定标准：¥5,000", "en": "Fixed amount: ¥5,000"}),
}
ENGLISH_BAND_WORDS = re.compile(r"\b(level|score|flat)\b", re.I)


@pytest.fixture
def verified(web_app, make_user):
    """(user id, {case: credential id}): one verified credential per case, all one user's."""
    user_id = make_user(name="张三")
    ids = {}
    with web_app.app_context():
        db = get_db()
        for seed, (case, (recognition, _label, _lines)) in enumerate(CASES.items()):
            result = process(db, queued_credential(db, user_id, ingested(seed)), recognition,
                             pipeline_settings(), today=date(2026, 1, 15))
            assert result["status"] == "verified", (case, result["reasons"])
            ids[case] = result["id"]
    return user_id, ids


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_band_reads_in_the_visitors_language(client, verified, case, lang):
    user_id, ids = verified
    sign_in(client, user_id)
    lines = explanation_on_page(client, ids[case], lang)
    assert lines[0] == CASES[case][2][lang]
    if lang == "zh":      # no English word of ours left; a printed level may be Latin (A, B, C)
        assert not ENGLISH_BAND_WORDS.search(lines[0]), lines[0]


def test_the_api_keeps_the_scoring_label_as_it_is(web_app, verified):
    user_id, ids = verified
    headers = {"Authorization": f"Bearer {auth.make_token(user_id, 'user', SECRET, 3600)}"}
    client = web_app.test_client()
    for case, credential_id in ids.items():
        body = client.get(f"/api/v1/credentials/{credential_id}", headers=headers).get_json()
        assert body["explanation"]["band"] == CASES[case][1]


def _every_band_label(scoring) -> list[str]:
    """What the live scoring table labels: every level, a score in the top band, one below all."""
    labels = []
    for table in scoring.types.values():
        if table.flat_fen is not None:
            labels.append(table.band(None, None).label)
        for level in table.levels_fen:
            labels.append(table.band(level, None).label)
        if table.score_bands:
            top, lowest = table.score_bands[0][0], table.score_bands[-1][0]
            labels += [table.band(None, top).label, table.band(None, lowest - 1).label]
    return labels


def test_every_band_the_scoring_table_can_label_is_worded_not_shown_raw(web_app):
    """If scoring changes how it labels a band, this page would show the raw label: caught here."""
    with web_app.app_context():
        labels = _every_band_label(get_rules().scoring)
    assert {label.split(" ")[0] for label in labels} == {"flat", "level", "score"}
    for lang in LANGUAGES:
        for label in labels:
            text = band_text(label, "1", lambda key, **values: translate(lang, key, **values))
            assert text != translate(lang, "explain.band", band=label, amount="1"), (lang, label)
            if lang == "zh":
                assert not ENGLISH_BAND_WORDS.search(text), text

