"""Each engine reads a rendered certificate and finds its number and holder."""
from __future__ import annotations

import pytest

from limitup.errors import LimitupError
from limitup.ocr import engine_names, get_engine
from limitup.ocr.base import TextBox
from tests.ocr import render
from tests.ocr.conftest import joined

# Each engine as the product builds it, and the tuned one on each runtime (LIMITUP_OCR_RUNTIME).
REAL_ENGINES = [name for name in engine_names()
                if name != "default" and "@" not in name and "+" not in name] + [
    "rapidocr+onnxruntime", "rapidocr+openvino"]


@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_ENGINES)
def test_engine_reads_number_and_name(name, certificate):
    boxes = get_engine(name).read(certificate)
    assert all(isinstance(box, TextBox) for box in boxes)
    text = joined(boxes)
    assert render.NUMBER in text
    assert render.NAME in text
    # Boxes are in the image's pixels and in reading order (the title comes first).
    assert "教师资格证书" in boxes[0].text
    for box in boxes:
        x0, y0, x1, y1 = box.box
        assert 0 <= x0 < x1 <= certificate.width and 0 <= y0 < y1 <= certificate.height
        assert 0.0 <= box.score <= 1.0


def test_engines_load_once_per_process():
    assert get_engine("rapidocr") is get_engine("rapidocr")
    assert get_engine("default") is get_engine(get_engine("default").name)


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(LimitupError, match="unknown OCR engine"):
        get_engine("abbyy")


def test_chinese_lines_have_no_spaces_between_characters():
    from limitup.ocr.tesseract import tidy_line
    assert tidy_line("教 师 资 格 证 书") == "教师资格证书"
    assert tidy_line("姓 名 ZHANG SAN") == "姓名ZHANG SAN"
    assert tidy_line("Total Score 104") == "Total Score 104"


@pytest.mark.slow
@pytest.mark.parametrize("turn", [0, 90, 180])
def test_rapidocr_gives_each_character_a_confidence(certificate, turn):
    """One confidence per character of each line's text, their mean the line's score, on a page
    read as it is and on turned pages (each line recognised turned as the page is)."""
    from limitup.preprocess import rotate
    boxes, _ = get_engine("rapidocr").read_page(rotate(certificate, turn))
    assert boxes
    for box in boxes:
        assert box.char_scores is not None and len(box.char_scores) == len(box.text), box
        assert all(0.0 <= score <= 1.0 for score in box.char_scores)
        assert abs(sum(box.char_scores) / len(box.char_scores) - box.score) < 0.05, box


def test_a_line_the_classifier_turns_upside_down_on_an_upright_page_is_read_upright(
        monkeypatch):
    """The 0/180 line classifier now and then turns one line of an upright page upside down
    (a real scholarship certificate's body line came out '22' at 0.60 instead of its 27
    characters). The page's turn is voted by all its lines, the longer ones here; a line
    turned against it is recognised again the page's way."""
    from PIL import Image, ImageDraw, ImageFont
    page = Image.new("RGB", (1600, 500), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(render.FONT, 40)
    draw.text((60, 60), "在二〇二三至二〇二四学年度表现突出，成绩优异，经评审", font=font,
              fill="black")
    draw.text((60, 180), "陈思远同学荣获国家奖学金", font=font, fill="black")
    draw.text((60, 300), "特颁此证，以资鼓励，望再接再厉，在新的学年取得更好的成绩。", font=font,
              fill="black")
    engine = get_engine("default")
    classify = engine._ocr.cls_and_rotate

    def misled(crops):
        """The real classifier's labels, with the line of the name found upside down: that
        crop turned 180° and labelled so, the others as they were."""
        import numpy as np
        originals = [crop.copy() for crop in crops]
        _, result = classify(crops)
        texts = engine._recognise_lines(originals).txts
        flipped = next(index for index, text in enumerate(texts) if "陈思远" in text)
        lines = [np.ascontiguousarray(np.rot90(crop, 2)) if index == flipped else crop
                 for index, crop in enumerate(originals)]
        result.cls_res[flipped] = ("180", 0.99)
        return lines, result

    monkeypatch.setattr(engine._ocr, "cls_and_rotate", misled)
    boxes, turn = engine.read_page(page)
    assert turn == 0
    assert "陈思远同学荣获" in joined(boxes)


def _session(engine, model: str) -> str:
    load = {"det": engine._ocr._load_det_model, "rec": engine._ocr._load_rec_model}[model]
    return type(load().session).__name__


def test_the_product_runs_openvino_and_the_baseline_rapidocr_as_it_comes(monkeypatch):
    monkeypatch.delenv("LIMITUP_OCR_RUNTIME", raising=False)
    assert get_engine("default").runtime == "openvino"
    # Recognition on OpenVINO; detection stays on onnxruntime (its boxes, measured).
    assert _session(get_engine("default"), "rec") == "OpenVINOInferSession"
    assert _session(get_engine("default"), "det") == "OrtInferSession"
    assert _session(get_engine("rapidocr-plain"), "rec") == "OrtInferSession"
    assert get_engine("rapidocr-plain").runtime == "onnxruntime"     # RapidOCR's own default
    assert get_engine("rapidocr+onnxruntime").runtime == "onnxruntime"
    assert get_engine("rapidocr@1280+onnxruntime").det_side == 1280


@pytest.mark.parametrize("name", ["rapidocr+cuda", "tesseract+openvino", "rapidocr+"])
def test_an_unknown_runtime_is_a_clear_error(name):
    with pytest.raises(LimitupError, match="unknown OCR engine"):
        get_engine(name)


def test_bench_runs_an_engine_on_the_runtime_its_switch_names():
    from limitup.bench import parse_configuration
    name, options = parse_configuration("default:onnxruntime,nodetail")
    assert name == "default+onnxruntime" and options.detail is False
    assert get_engine(name).runtime == "onnxruntime"
    assert parse_configuration("rapidocr:openvino")[0] == "rapidocr+openvino"
    with pytest.raises(LimitupError, match="onnxruntime"):
        parse_configuration("default:cuda")


@pytest.mark.slow
@pytest.mark.parametrize("turn", [0, 180])
def test_every_line_is_recognised_once_turned_as_the_page_is(certificate, monkeypatch, turn):
    """The line classifier votes on the page's turn; each line is then recognised once, the
    page's way: a line printed upside down on an upright page (as the classifier turns one now
    and then) costs no second recognition, and reads as the page's other lines do."""
    from PIL import Image, ImageDraw, ImageFont

    from limitup.ocr.rapid import RapidOcrEngine
    from limitup.preprocess import rotate
    page = certificate.copy()
    note = Image.new("RGB", (520, 60), (250, 246, 236))
    ImageDraw.Draw(note).text((10, 5), "备注：本证书全国通用", fill=(30, 30, 30),
                              font=ImageFont.truetype(render.FONT, 40))
    page.paste(note.rotate(180), (200, page.height - 110))
    engine = get_engine("rapidocr")
    calls = []
    recognise = RapidOcrEngine._recognise_lines
    monkeypatch.setattr(RapidOcrEngine, "_recognise_lines",
                        lambda self, images: calls.append(len(images)) or recognise(self, images))
    boxes, found = engine.read_page(rotate(page, turn))
    assert found == turn
    assert render.NUMBER in joined(boxes)
    assert len(calls) == 1


def test_the_plain_baseline_is_one_rapidocr_call(certificate, monkeypatch):
    """The baseline is RapidOCR's own call: no line recognised a second time, no turn judged."""
    from limitup.ocr.rapid import RapidOcrEngine
    monkeypatch.setattr(RapidOcrEngine, "_recognise_lines",
                        lambda self, images: pytest.fail("the plain call recognised lines itself"))
    assert render.NUMBER in joined(get_engine("rapidocr-plain").read(certificate))
