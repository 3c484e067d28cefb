"""reader.prepare_page: the one preparation of a photo before OCR, shared by read_image and the
golden-file tool (limitup.recognise.golden), so golden boxes come from the image the product reads."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from limitup.ocr import get_engine
from limitup.preprocess import OCR_MAX_SIDE, UnreadableImage, rotate, suppress_red
from limitup.reader import ReadOptions, prepare_page, read_image
from limitup.recognise.golden import upright_boxes
from limitup.rules import load_rules
from tests.ocr import render
from tests.ocr.conftest import joined
from tests.recognise.conftest import ROOT

EXIF_ORIENTATION = 0x0112
EXIF_TURNED_CCW_90 = 6      # "the stored pixels are turned 90 degrees counter-clockwise"
SEAL_RED = (225, 40, 45)


def _with_exif_turn(upright: Image.Image) -> Image.Image:
    """The upright image stored turned by 90 degrees with the EXIF tag that undoes it, opened
    as a file is (tag unapplied)."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = EXIF_TURNED_CCW_90
    buffer = io.BytesIO()
    rotate(upright, 90).save(buffer, format="PNG", exif=exif)
    buffer.seek(0)
    return Image.open(buffer)


def test_photo_is_turned_upright_scaled_and_its_red_suppressed():
    upright = Image.new("RGB", (3000, 2000), (250, 246, 236))
    upright.paste(SEAL_RED, (0, 0, 300, 200))        # top-left corner once upright
    page = prepare_page(_with_exif_turn(upright))
    assert page.photo.size == (3000, 2000) and page.photo.mode == "RGB"
    assert page.photo.getpixel((10, 10)) == SEAL_RED
    assert page.colour.size == (OCR_MAX_SIDE, round(2000 * OCR_MAX_SIDE / 3000))
    assert page.scale == pytest.approx(OCR_MAX_SIDE / 3000)
    assert page.grey.tobytes() == suppress_red(page.colour).tobytes()
    assert page.grey.getpixel((10, 10))[0] > 200     # seal ink as light as the paper


def test_an_upright_rgb_photo_is_used_as_it_is():
    """No second full-size copy of a photo ingest or open_image already made upright."""
    photo = Image.new("RGB", (1200, 900), "white")
    page = prepare_page(photo)
    assert page.photo is photo and page.colour is photo and page.scale == 1.0


def test_switched_off_steps_leave_the_photo_alone():
    photo = Image.new("RGB", (3000, 2000), SEAL_RED)
    page = prepare_page(photo, ReadOptions(red=False, max_side=0))
    assert page.colour is photo and page.grey is photo and page.scale == 1.0


def test_a_too_small_photo_is_unreadable():
    with pytest.raises(UnreadableImage, match="too small"):
        prepare_page(Image.new("RGB", (150, 900), "white"))


@pytest.fixture(scope="module")
def large_sealed_photo():
    """Larger than OCR_MAX_SIDE, a seal over the number, stored sideways with its EXIF tag."""
    return _with_exif_turn(render.certificate(seal=True, width=2000))


@pytest.mark.slow
def test_golden_boxes_are_read_from_the_prepared_page(large_sealed_photo):
    engine = get_engine("rapidocr")
    page = prepare_page(large_sealed_photo)
    boxes = upright_boxes(large_sealed_photo, engine)
    assert boxes == engine.read_page(page.grey)[0]
    assert "教师资格证书" in boxes[0].text
    assert render.NUMBER in joined(boxes)
    assert max(box.box[2] for box in boxes) <= OCR_MAX_SIDE


@pytest.mark.slow
def test_read_image_reads_the_prepared_page(large_sealed_photo):
    page = prepare_page(large_sealed_photo)
    recognition, timings = read_image(large_sealed_photo, get_engine("rapidocr"),
                                      load_rules(ROOT / "rules").catalogue)
    ocr_page = recognition.extras["ocr_page"]
    assert ocr_page["scale"] == page.scale
    assert ocr_page["size"] == list(page.grey.size) and ocr_page["turn"] == 0
    assert recognition.fields["cert_number"] == render.NUMBER
    assert "preprocess" in timings
    # The text spans under 70 % of the page: the zoom crop is cut from the full-resolution
    # photo (not the scaled page), so it is 1 / scale times larger than its region on the page.
    assert recognition.extras["zoom"]["factor"] == pytest.approx(1 / page.scale, abs=0.01)


def test_the_longer_side_a_plain_call_detects_at():
    from limitup.reader import plain_det_side
    assert plain_det_side((648, 483)) == 987           # the shorter side taken up to 736
    assert plain_det_side((1600, 1131)) == 1600
    assert plain_det_side((4206, 2974)) == 2000        # at most 2000


def test_a_page_the_fast_detection_finds_no_text_on_is_detected_as_a_plain_call_would(
        monkeypatch):
    """A real certificate under a dense watermark gave no line at the fast pass's 736 px and
    91 at 1600. Here the fast pass is made to detect at 32 px, where it finds nothing: the page
    is then detected again as a plain call would, and read."""
    engine = get_engine("default")
    detect = engine.detect
    sides = []

    def detect_recorded(image, det_side=None):
        sides.append(det_side)
        return detect(image, det_side or 32)

    monkeypatch.setattr(engine, "detect", detect_recorded)
    page = render.certificate()
    catalogue = load_rules(ROOT / "rules").catalogue
    recognition, _ = read_image(page, engine, catalogue, options=ReadOptions(detail=False, zoom=False,
                                                                              reread=False))
    assert sides[0] is None and sides[1] >= 736
    assert recognition.type == "teacher_qualification"
    assert recognition.fields["cert_number"] == render.NUMBER
