"""recognise() on arbitrary OCR output: never fails, always the SPEC 2 shape, and noise is no type."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from limitup.recognise.result import FIELD_NAMES
from tests.recognise.conftest import TODAY

ALPHABET = "0123456789OlISBZ:：.-/ 年月日姓名证书编号资格教师会计TOEFLIELTSabcxyz张李王同学奖学金级"
texts = st.text(alphabet=ALPHABET, min_size=0, max_size=30)
coords = st.integers(min_value=0, max_value=2000)
text_boxes = st.builds(lambda text, x, y, w, h, score: TextBox(text, Box(x, y, x + w, y + h), score),
                       texts, coords, coords, st.integers(0, 600), st.integers(0, 80),
                       st.floats(0, 1))


@settings(max_examples=150, deadline=None)
@given(st.lists(text_boxes, max_size=25))
def test_any_boxes_give_a_well_formed_recognition(catalogue, boxes):
    result = recognise(boxes, catalogue, today=TODAY)
    assert set(result.fields) == set(FIELD_NAMES)
    assert 0.0 <= result.confidence <= 1.0
    assert result.type is None or result.type in catalogue
    for check in result.checks:
        assert check["code"] in {"number_format_ok", "number_format_invalid", "id_number_invalid",
                                 "low_confidence"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质", max_size=12), max_size=20))
def test_random_chinese_text_is_not_a_certificate(catalogue, lines):
    boxes = [TextBox(text, (10, 40 * row, 10 + 20 * len(text), 40 * row + 24), 0.9)
             for row, text in enumerate(lines)]
    assert recognise(boxes, catalogue, today=TODAY).type is None
