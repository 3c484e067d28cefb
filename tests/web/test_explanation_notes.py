"""The credential page words why a line is not counted, or has no band, in the visitor's language.

limitup.scoring notes such a line in English for the API ("a better toefl counts (#2)", "level or
score missing or not in the table", "type not in the scoring table"); the API keeps the note as it
is (SPEC), the page says it in Chinese or English, naming the type as the page's heading does.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from limitup import auth, credentials
from limitup.pipeline import process
from limitup.scoring import score_with
from limitup.store import get_db, get_rules, pipeline_settings
from limitup.web.formatting import (BETTER_OF_TYPE_MESSAGE, NOTE_MESSAGES, explanation_lines,
                                    note_message, note_text)
from limitup.web.i18n import LANGUAGES, translate
from tests.fixtures import golden, ingested, queued_credential, shipped_catalogue
from tests.web.conftest import SECRET, explanation_on_page, sign_in

TODAY = date(2026, 1, 15)
# A Latin word of two letters or more; the zh page's only ones may come from a type's own name
# (托福（TOEFL iBT）成绩单), which the check removes first.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A type no scoring table lists (the catalogue check keeps such a type out of a running app).
UNSCORED_TYPE = "gym_card"


def _translator(lang):
    return lambda key, **values: translate(lang, key, **values)


def _namer(lang):
    """Names types as the pages do: from their catalogue files, else by their id."""
    catalogue = shipped_catalogue()
    return lambda type_id: catalogue[type_id].names[lang] if type_id in catalogue else type_id


def _without_type_names(text: str, lang: str) -> str:
    names = sorted((cert.names[lang] for cert in shipped_catalogue().values()),
                   key=len, reverse=True)
    for name in names:
        text = text.replace(name, "")
    return text


def _verify(db, user_id, seed, recognition) -> tuple[int, dict]:
    result = process(db, queued_credential(db, user_id, ingested(seed)), recognition,
                     pipeline_settings(), today=TODAY)
    return result["id"], result


@pytest.fixture
def noted(web_app, make_user):
    """(user id, {case: credential id}): a TOEFL outscored by another, and a teacher
    qualification with a level the table does not list, approved by a reviewer."""
    user_id = make_user(name="张三")
    with web_app.app_context():
        db, rules = get_db(), get_rules()
        best, result = _verify(db, user_id, 0, golden("toefl", holder="ZHANG SAN",
                                                      number="0000000012345678", score=104))
        assert result["status"] == "verified", result["reasons"]
        outscored, result = _verify(db, user_id, 1, golden("toefl", holder="ZHANG SAN",
                                                           number="0000000012345679", score=90))
        assert result["status"] == "verified", result["reasons"]
        unlisted, result = _verify(db, user_id, 2, golden(
            "teacher_qualification", holder="张三", number="20231100141000123", level="博士后"))
        assert result["status"] == "needs_review", result["reasons"]
        credentials.approve(db, unlisted, rules, note="人工核对证书无误")
    return user_id, {"best": best, "outscored": outscored, "unlisted": unlisted}


def _expected(ids) -> dict:
    best = ids["best"]
    return {
        "outscored": {
            "zh": f"未计入：另一份托福（TOEFL iBT）成绩单（#{best}）已计入，同种证书只计最高的一份",
            "en": f"Not counted: another TOEFL iBT score report (#{best}) counts instead; "
                  "only the best of each kind counts"},
        "unlisted": {
            "zh": "不在计分表内（未读到等级或成绩，或表中没有这一档），计 0",
            "en": "Not in the scoring table (no level or score was read, or the table has no "
                  "such band); counts 0"},
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", ["outscored", "unlisted"])
def test_the_note_reads_in_the_visitors_language(client, noted, case, lang):
    user_id, ids = noted
    sign_in(client, user_id)
    lines = explanation_on_page(client, ids[case], lang)
    assert _expected(ids)[case][lang] in lines, lines
    if lang == "zh":      # no English left on any line of the explanation
        for line in lines:
            assert not LATIN_WORD.search(_without_type_names(line, "zh")), line


def test_the_api_keeps_the_scoring_note_as_it_is(web_app, noted):
    user_id, ids = noted
    headers = {"Authorization": f"Bearer {auth.make_token(user_id, 'user', SECRET, 3600)}"}
    client = web_app.test_client()

    def note(case):
        body = client.get(f"/api/v1/credentials/{ids[case]}", headers=headers).get_json()
        return body["explanation"]["note"]

    assert note("outscored") == f"a better toefl counts (#{ids['best']})"
    assert note("unlisted") == "level or score missing or not in the table"


def test_an_unscored_type_is_worded_in_both_languages(web_app):
    """Not reachable through the pipeline (the catalogue and the table list the same types), so
    the live table scores it directly, as limitup.scoring would after a table change."""
    with web_app.app_context():
        bonus = score_with([{"id": 7, "type": UNSCORED_TYPE}], get_rules().scoring, 1000)
    line = bonus.lines[0]
    assert line["note"] == "type not in the scoring table"
    assert explanation_lines(line, bonus.as_data(), _translator("zh"), _namer("zh")) == [
        "不在计分表内（这种证书不参与计分），计 0"]
    assert explanation_lines(line, bonus.as_data(), _translator("en"), _namer("en")) == [
        "Not in the scoring table (this kind of certificate is not scored); counts 0"]


def _every_note(scoring) -> list[str]:
    """The notes the live table writes: for every type, one outscored or tied by another of its
    type and one with no level or score (flat types always have a band); and an unknown type."""
    credentials_ = [{"id": 1, "type": UNSCORED_TYPE}]
    for type_id, table in scoring.types.items():
        level = next(iter(table.levels_fen), None)
        top = table.score_bands[0][0] if table.score_bands else None
        for _ in range(2):
            credentials_.append({"id": len(credentials_) + 1, "type": type_id,
                                 "fields": {"level": level, "score": top}})
        if table.flat_fen is None:
            credentials_.append({"id": len(credentials_) + 1, "type": type_id, "fields": {}})
    bonus = score_with(credentials_, scoring, 1000)
    return [line["note"] for line in bonus.lines if line["note"]]


def test_every_note_the_scoring_code_writes_is_worded_not_shown_raw(web_app):
    """If scoring changes a note, this page would show it in English: caught here."""
    with web_app.app_context():
        notes = _every_note(get_rules().scoring)
    keys = {note_message(note)[0] if note_message(note) else note for note in notes}
    assert keys == {*NOTE_MESSAGES.values(), BETTER_OF_TYPE_MESSAGE}
    for lang in LANGUAGES:
        for note in notes:
            text = note_text(note, _translator(lang), _namer(lang))
            assert text != note and "{" not in text, (lang, note, text)
            if lang == "zh":
                assert not LATIN_WORD.search(_without_type_names(text, "zh")), text


def test_every_type_is_named_in_every_page_language(web_app):
    """The outscored note and the headings name a type from its catalogue file, which must name
    it in each language of the pages: an unnamed type would leave its id on the zh page."""
    from limitup.recognise.catalogue import NamesSchema
    assert set(NamesSchema().fields) == set(LANGUAGES)
    with web_app.app_context():
        assert all(set(cert.names) == set(LANGUAGES) for cert in get_rules().catalogue.values())


def test_an_unknown_note_is_shown_as_it_is():
    for lang in LANGUAGES:
        assert note_text("held back by a rule we add later", _translator(lang), _namer(lang)) \
            == "held back by a rule we add later"
        assert note_text(None, _translator(lang), _namer(lang)) == "—"
    # A type the catalogue lacks keeps its id.
    assert note_text("a better gym_card counts (#3)", _translator("en"), _namer("en")) == \
        "another gym_card (#3) counts instead; only the best of each kind counts"
