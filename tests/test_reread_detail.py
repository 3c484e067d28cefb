"""The full-detail re-read (limitup/ocr/detail.py, limitup/reader.py): when the fast path leaves
a key field missing, the page is read again with detection sized from the measured text height,
in colour, and the two readings are merged. Pure sizing and merging first, then real OCR on a
generated dense A4 page whose small print the fast path cannot see (invented values)."""
from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.ocr.detail import (COLOUR_DET_SIDE, DetailPlan, colour_can_settle, merge, plan,
                                printed_line_height, small_text_height, wanted)
from limitup.recognise.result import Recognition, doubted_fields

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NUMBER = "23XX012345CHEA123A"     # invented
FILLER = ("Admission to undergraduate and post graduate courses should be based on the reading "
          "and writing modules of the test taken on the date shown")


def dense_report(print_px: int = 18) -> Image.Image:
    """An A4 page at 300 dpi, a large title and everything else in small print (grey boxes
    behind the values, as on a Test Report Form): at the fast path's 736 px detection the print
    is under 4 px tall."""
    page = Image.new("RGB", (2480, 3508), (246, 246, 242))
    draw = ImageDraw.Draw(page)
    small = ImageFont.truetype(FONT, print_px)
    draw.text((160, 120), "IELTS", font=ImageFont.truetype(FONT, 150), fill=(30, 30, 30))
    draw.text((160, 330), "Test Report Form", font=ImageFont.truetype(FONT, 64), fill=(30, 30, 30))
    # Headings large enough for the fast pass (which reads the page again as a plain call would
    # when it finds fewer than four lines: reader.FEW_LINES).
    # Spread over the page as on a real form, so the text region is the whole page (no zoom).
    for (x, y_heading), heading in zip(((1300, 140), (1300, 250), (160, 3300)),
                                       ("Candidate Details", "Test Results",
                                        "Administrator Comments")):
        draw.text((x, y_heading), heading, font=ImageFont.truetype(FONT, 64), fill=(30, 30, 30))
    y = 480

    def line(label, value="", shade=False):
        nonlocal y
        draw.text((160, y), label, font=small, fill=(40, 40, 40))
        if shade:
            draw.rectangle((808, y - 8, 1720, y + print_px + 14), fill=(200, 200, 200))
        draw.text((820, y), value, font=small, fill=(40, 40, 40))
        y += int(print_px * 2.4)

    def filler(count):
        nonlocal y
        for _ in range(count):
            draw.text((160, y), FILLER, font=small, fill=(70, 70, 70))
            y += int(print_px * 1.6)

    filler(4)
    line("Centre Number", "XX123")
    line("Date", "14/JUN/2023")
    line("Family Name", "CHEN", shade=True)
    line("First Name", "ANNA MARIE", shade=True)
    filler(4)
    line("Listening 8.0   Reading 7.5   Writing 6.5   Speaking 7.0")
    line("Overall Band Score", "7.5", shade=True)
    filler(4)
    line("Test Report Form Number", NUMBER, shade=True)
    return page


COLOUR_ONLY = DetailPlan(1600, COLOUR_DET_SIDE, colour_only=True)


def box(text, x0, y0, x1, y1):
    return TextBox(text, Box(x0, y0, x1, y1), 0.95)


def test_small_print_is_measured_from_the_boxes():
    boxes = [box("TITLE OF THE PAGE", 0, 0, 600, 80)] + [
        box(f"line {i} of small print", 0, 100 + 20 * i, 300, 112 + 20 * i) for i in range(8)]
    assert small_text_height(boxes) == 12
    assert small_text_height(boxes[:2]) is None          # too few lines to say


def test_the_plan_is_sized_from_the_text_height():
    small = [box(f"line {i} of small print", 0, 20 * i, 300, 20 * i + 8) for i in range(8)]
    detailed = plan(small, page_long=1600, source_long=3508)
    # 8 px print on a 1600 px page is 17.5 px on the photo: the photo is read at the most a
    # plain call reads (2000 px), detected at its full size (never the fixed 736).
    assert detailed is not None and detailed.side == 2000 and detailed.det_side == 2000
    assert not detailed.colour_only
    # Print large enough already: the second reading is of the page as it was, in colour.
    large = [box(f"line {i} of clear print", 0, 60 * i, 600, 60 * i + 40) for i in range(8)]
    assert plan(large, page_long=1600, source_long=3508) == COLOUR_ONLY
    # Found too few lines to measure: the page's printed rows say how small the print is.
    assert plan([], 1600, 3508, printed=lambda: 6.0).side == 2000
    assert plan([], 1600, 3508, printed=lambda: None) == COLOUR_ONLY
    # A few large lines found (headings) while the rows of ink say the print is small: the
    # detector saw only the headings. With many lines found, the lines say it.
    assert plan(large[:5], 1600, 3508, printed=lambda: 6.0).side == 2000
    many = [box(f"line {i} of clear print", 0, 50 * i, 600, 50 * i + 40) for i in range(14)]
    assert plan(many, 1600, 3508, printed=lambda: 6.0) == COLOUR_ONLY
    # A key value no line was found for: the lines found say nothing of its print, so the rows of
    # ink are measured though many lines were found (a Vietnamese IELTS form's number and band,
    # holdout28a). A photo no larger than the page is detected finer.
    assert plan(many, 1600, 3508, printed=lambda: 6.0, unseen=True).side == 2000
    assert plan(many, 1600, 3508, printed=lambda: None, unseen=True) == COLOUR_ONLY
    same_size = plan(many, 1280, 1280, printed=lambda: 11.0, unseen=True)
    assert same_size == DetailPlan(1280, 1280)


def test_printed_line_height_of_a_dense_page():
    page = dense_report().resize((1131, 1600))
    assert 4 <= printed_line_height(page) <= 10


def recognition(fields, checks, kind="ielts", confidence=0.9):
    result = Recognition(kind, confidence)
    result.fields.update(fields)
    result.field_confidence = {name: 0.9 for name, value in fields.items() if value is not None}
    result.checks = checks
    return result


def test_merge_takes_what_the_second_reading_validates_and_keeps_what_the_first_is_sure_of():
    first = recognition({"holder_name": "ANNA CHEN", "cert_number": None, "score": None},
                        [{"code": "low_confidence", "fields": ["cert_number", "score"]}])
    second = recognition({"holder_name": "ANNA CHEW", "cert_number": NUMBER, "score": 7.5},
                         [{"code": "number_format_ok"}])
    assert wanted(first, ["holder_name", "cert_number", "score"]) == ["cert_number", "score"]
    merged, settled = merge(first, second)
    assert merged.fields["holder_name"] == "ANNA CHEN"            # the first was sure of it
    assert merged.fields["cert_number"] == NUMBER and merged.fields["score"] == 7.5
    assert sorted(settled) == ["cert_number", "score"]
    assert merged.checks == [{"code": "number_format_ok"}]       # nothing left in doubt


def test_a_reading_for_unread_key_values_changes_only_those():
    """The full-detail reading made after the colour one, for key values still unread, merges
    only the key fields left missing or in doubt (`only`): a date it read where the first read
    none is not taken (on a blurred generated photo such a date was wrong, and sure)."""
    first = recognition({"holder_name": "ANNA CHEN", "cert_number": None, "issue_date": None},
                        [{"code": "low_confidence", "fields": ["holder_name", "cert_number"]}])
    second = recognition({"holder_name": "ANNA CHEN", "cert_number": NUMBER,
                          "issue_date": "2021-10-02"}, [{"code": "number_format_ok"}])
    merged, settled = merge(first, second, only={"holder_name", "cert_number"})
    assert merged.fields["cert_number"] == NUMBER and merged.fields["issue_date"] is None
    assert sorted(settled) == ["cert_number", "holder_name"]
    assert merge(first, second)[0].fields["issue_date"] == "2021-10-02"


def test_merge_keeps_doubt_unless_the_readings_agree():
    first = recognition({"holder_name": "ANNA CHEN", "score": None},
                        [{"code": "low_confidence", "fields": ["holder_name", "score"]}])
    second = recognition({"holder_name": "anna chen", "score": 8.5},
                         [{"code": "low_confidence", "fields": ["holder_name", "score"]}])
    merged, settled = merge(first, second)
    assert settled == ["holder_name"]                             # both read it alike
    assert merged.fields["score"] == 8.5                          # shown, but in doubt
    assert merged.checks == [{"code": "low_confidence", "fields": ["score"]}]


def test_a_colour_only_reading_fills_only_what_the_first_left_missing():
    """A colour-only second reading sees the same pixels: reading a name in doubt for its shape
    (东明华: no common surname) the same way again is no evidence (the browser test's held
    credential lost its mark when it was taken for one), and reading a doubted number otherwise
    is no better (a right CET number in doubt was replaced by a wrong one)."""
    first = recognition({"holder_name": "东明华", "cert_number": "171295218556051",
                         "score": None},
                        [{"code": "low_confidence", "fields": ["holder_name", "cert_number",
                                                               "score"]}], kind="cet6")
    second = recognition({"holder_name": "东明华", "cert_number": "171295218550051",
                          "score": 580},
                         [{"code": "low_confidence", "fields": ["holder_name"]}], kind="cet6")
    second.fields["issue_date"] = "2024-06-01"                    # not asked for: not taken
    # The number where the first reading read it (its value in doubt), the score elsewhere.
    second.field_boxes = {"holder_name": box("东明华", 100, 100, 200, 130),
                          "cert_number": box("171295218550051", 400, 300, 700, 330),
                          "score": box("580", 60, 330, 200, 400)}
    read_before = [box("东明华", 100, 100, 200, 130), box("171295218556051", 400, 300, 700, 330)]
    merged, settled = merge(first, second, only={"holder_name", "cert_number", "score"},
                            same_pixels=True, read_before=read_before)
    assert settled == ["score"]
    assert merged.fields["issue_date"] is None
    assert (merged.fields["holder_name"], merged.fields["cert_number"],
            merged.fields["score"]) == ("东明华", "171295218556051", 580)
    assert merged.checks == [{"code": "low_confidence",
                              "fields": ["holder_name", "cert_number"]}]
    # A full-detail reading (more pixels) settles the name and takes its number.
    full, settled = merge(first, second)
    assert sorted(settled) == ["cert_number", "holder_name", "issue_date", "score"]


def test_a_colour_only_value_where_the_first_reading_saw_text_stays_in_doubt():
    """Orange print the red channel washed out has one witness, the colour reading: its value
    is sure. Where the first reading saw text and made no value of it (a seal over a number),
    the views disagree: the colour reading's value is shown, in doubt (a number one digit off
    had come through as sure)."""
    first = recognition({"cert_number": None, "score": None},
                        [{"code": "low_confidence", "fields": ["cert_number", "score"]}],
                        kind="physician")
    second = recognition({"cert_number": "201823301253488", "score": 110},
                         [{"code": "number_format_ok"}], kind="physician")
    second.field_boxes = {"cert_number": box("201823301253488", 400, 300, 700, 330),
                          "score": box("110", 60, 330, 200, 400)}
    garbled_there = [box("2018233O1 2534", 395, 298, 690, 332)]
    merged, settled = merge(first, second, only={"cert_number", "score"}, same_pixels=True,
                            read_before=garbled_there)
    assert merged.fields["cert_number"] == "201823301253488"
    assert merged.fields["score"] == 110
    assert settled == ["score"]
    assert {"code": "low_confidence", "fields": ["cert_number"]} in merged.checks


def test_a_colour_only_value_replaces_a_doubted_one_only_where_the_first_saw_no_text():
    """An IELTS band printed on a watermark: the first reading saw no text in its box and took a
    re-read's 2.0 (at 0.66, in doubt); the colour reading reads 7.0 there, sure: it replaces it.
    Read where the first had read text, it would not."""
    first = recognition({"score": 2.0}, [{"code": "low_confidence", "fields": ["score"]}])
    second = recognition({"score": 7.0}, [], kind="ielts")
    second.field_boxes = {"score": box("7.0", 852, 911, 892, 936)}
    overall = [box("Overall", 744, 887, 823, 917)]
    merged, settled = merge(first, second, only={"score"}, same_pixels=True, read_before=overall)
    assert (merged.fields["score"], settled) == (7.0, ["score"])
    assert not [check for check in merged.checks if check["code"] == "low_confidence"]
    band_read_before = overall + [box("20", 850, 910, 890, 935)]
    merged, settled = merge(first, second, only={"score"}, same_pixels=True,
                            read_before=band_read_before)
    assert (merged.fields["score"], settled) == (2.0, [])


def test_no_colour_reading_for_a_name_read_and_in_doubt_for_its_shape_alone():
    """A romanised name that is not pinyin is read and held in doubt on most IELTS, TOEFL and
    Duolingo documents: a colour reading of the same pixels cannot settle it, so none is made
    for it; a missing name, or another field in doubt, still gets one."""
    from limitup.rules import load_rules
    from tests.conftest import ROOT
    ielts = load_rules(ROOT / "rules").catalogue["ielts"].fields
    first = recognition({"holder_name": "ANNA KOWALSKA", "cert_number": NUMBER, "score": 7.5},
                        [{"code": "low_confidence", "fields": ["holder_name"]}])
    assert not colour_can_settle(first, wanted(first, ["holder_name", "cert_number", "score"]),
                                 ielts)
    first.fields["holder_name"] = None
    assert colour_can_settle(first, ["holder_name"], ielts)
    first.fields["holder_name"] = "ANNA KOWALSKA"
    assert colour_can_settle(first, ["holder_name", "score"], ielts)


def test_a_second_reading_of_another_type_is_ignored():
    first = recognition({"cert_number": None}, [{"code": "low_confidence",
                                                 "fields": ["cert_number"]}])
    other = recognition({"cert_number": NUMBER}, [{"code": "number_format_ok"}], kind="toefl")
    assert merge(first, other) == (first, [])


def test_the_small_print_of_a_dense_page_is_read_at_full_detail():
    """Real OCR. The fast path alone (detail=False, the reader before this change) reads none
    of the small print; one plain RapidOCR call does; the reader now returns it too."""
    from tests.ocr.conftest import read
    page = dense_report()
    fast = read(page, detail=False)
    assert fast.fields["cert_number"] is None and fast.fields["score"] is None
    full = read(page)
    assert full.type == "ielts"
    assert full.fields["cert_number"] == NUMBER
    assert full.fields["score"] == 7.5
    assert full.extras["full_detail"]["det_side"] > 736


def large_print_report() -> Image.Image:
    """An A4 page at 300 dpi in large print (64 px), many lines of it, but the number and the
    notes in small print (18 px): the fast pass finds the large lines, so they are the only
    heights it can measure, and the colour-only reading they call for does not see the number."""
    page = Image.new("RGB", (2480, 3508), (246, 246, 242))
    draw = ImageDraw.Draw(page)
    large, small = ImageFont.truetype(FONT, 64), ImageFont.truetype(FONT, 18)
    draw.text((160, 120), "IELTS", font=ImageFont.truetype(FONT, 150), fill=(30, 30, 30))
    for x, y, text in ((1700, 140, "ACADEMIC"), (160, 330, "Test Report Form"),
                       (160, 3300, "Administrator Comments")):
        draw.text((x, y), text, font=large, fill=(30, 30, 30))
    rows = (("Centre Number", "XX123"), ("Date", "14/JUN/2023"), ("Family Name", "CHEN"),
            ("First Name", "ANNA MARIE"), ("Candidate ID", "X1234567"),
            ("Date of Birth", "01/02/2000"), ("Sex (M/F)", "F"), ("Country or Region", "CHINA"),
            ("Listening", "8.0"), ("Reading", "7.5"), ("Writing", "6.5"), ("Speaking", "7.0"),
            ("Overall Band Score", "7.5"))
    y = 480
    for label, value in rows:
        draw.text((160, y), label, font=large, fill=(40, 40, 40))
        draw.text((1100, y), value, font=large, fill=(40, 40, 40))
        y += 121
    for row in range(33):
        if row == 16:
            draw.text((160, y), "Test Report Form Number", font=small, fill=(40, 40, 40))
            draw.text((900, y), NUMBER, font=small, fill=(40, 40, 40))
        else:
            draw.text((160, y), FILLER, font=small, fill=(70, 70, 70))
        y += 27
    return page


def test_a_key_value_in_print_smaller_than_every_line_found_is_read_at_full_detail():
    """Real OCR. The large lines say the page was seen in detail enough: the colour-only reading
    comes first, and misses the number. With a key value still unread the rows of ink are
    measured (the notes' small print), and the photo is read at full detail (holdout28a's
    Vietnamese IELTS forms). One plain call holds the number; the reader before this change
    returned none."""
    from limitup.ocr import get_engine
    from tests.ocr.conftest import read
    page = large_print_report()
    plain = " ".join(box.text for box in get_engine("rapidocr-plain").read(page))
    assert NUMBER in plain.replace(" ", "")
    full = read(page)
    assert full.fields["cert_number"] == NUMBER and full.fields["score"] == 7.5
    assert full.extras["full_detail"]["colour_only"] is False
    assert full.extras["full_detail"]["settled"] == ["cert_number"]


def test_bench_switches_the_full_detail_read_off():
    from limitup.bench import STAGES, parse_configuration
    name, options = parse_configuration("default:nodetail")
    assert name == "default" and options.detail is False
    assert parse_configuration("default")[1].detail is True
    assert "detail" in STAGES


def test_a_small_scan_is_not_read_again_larger_than_it_is():
    # A 708 px scan read whole by the fast pass: a second reading would only upscale it.
    small = [box(f"line {i} of small print", 0, 20 * i, 300, 20 * i + 8) for i in range(8)]
    assert plan(small, page_long=708, source_long=708) == DetailPlan(708, 708, colour_only=True)


ORANGE = (251, 129, 28)     # a Duolingo certificate's score digits and link, measured


def orange_score_page() -> Image.Image:
    """A Duolingo-like A4 page at 150 dpi (invented values, the real layout's places): the
    name, date and labels in dark grey, each score in large orange digits left of its label and
    the link in orange, which the red channel the fast path reads turns white."""
    page = Image.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = (lambda size: ImageFont.truetype(FONT, size))
    dark = (40, 40, 40)
    draw.text((280, 90), "Petrova, Alina", font=font(44), fill=dark)
    draw.text((280, 160), "MAR 14, 2024", font=font(26), fill=(90, 90, 90))
    draw.text((280, 205), "certs.duolingo.com/5e1b07c9a44f2d83b6c0e9f1a2d47c58", font=font(24),
              fill=ORANGE)
    draw.text((1040, 180), "duolingo", font=font(40), fill=dark)
    draw.text((1035, 225), "english test", font=font(30), fill=dark)
    rows = (("Overall", "115"), ("Literacy", "120"), ("Comprehension", "110"),
            ("Conversation", "95"), ("Production", "100"))
    for row, (section, score) in enumerate(rows):
        top = 360 + 230 * row
        draw.text((80, top - 20), score, font=font(80), fill=ORANGE)
        draw.text((280, top), section, font=font(40), fill=dark)
        draw.text((280, top + 55), f"The test taker's ability in {section.lower()}.",
                  font=font(28), fill=dark)
    draw.text((60, 1560), "Are you a school administrator?", font=font(32), fill=dark)
    draw.text((60, 1610), "Obtain official access to secure online certificates and results.",
              font=font(28), fill=(90, 90, 90))
    return page


def test_print_the_red_channel_washes_out_is_read_in_colour():
    """Real OCR. Orange print is white in the red channel: the fast path alone reads neither
    the score nor the link's ID; the colour-only second reading (preprocess.luminance)
    returns both, and the name printed unlabelled as 'Family, Given'."""
    from tests.ocr.conftest import read
    page = orange_score_page()
    fast = read(page, detail=False)
    assert fast.type == "duolingo"
    assert fast.fields["score"] is None and fast.fields["cert_number"] is None
    full = read(page)
    assert full.fields["score"] == 115
    assert full.fields["cert_number"] == "5e1b07c9a44f2d83b6c0e9f1a2d47c58"
    assert sorted(full.fields["holder_name"].split()) == ["Alina", "Petrova"]
    assert full.extras["full_detail"]["colour_only"] is True


def test_a_colour_only_total_its_sections_add_up_to_needs_no_other_witness():
    """A CET e-report's total in red (holdout16a): the first reading read the label 分： and a
    stray 1 re-read where the total is, in doubt; the colour reading reads 分：455 in one box,
    over the label the first read. Alone that would leave it in doubt; the sections adding up
    to it in the same reading are a witness of their own."""
    first = recognition({"score": 1}, [{"code": "low_confidence", "fields": ["score"]}],
                        kind="cet4")
    second = recognition({"score": 455}, [], kind="cet4")
    second.field_boxes = {"score": box("分：455", 98, 338, 169, 359)}
    read_before = [box("分：", 94, 337, 130, 360)]
    merged, settled = merge(first, second, only={"score"}, same_pixels=True,
                            read_before=read_before)
    assert (merged.fields["score"], settled) == (1, [])
    second.vouched = {"score"}
    merged, settled = merge(first, second, only={"score"}, same_pixels=True,
                            read_before=read_before)
    assert (merged.fields["score"], settled) == (455, ["score"])
    assert not [check for check in merged.checks if check["code"] == "low_confidence"]


RED = (230, 20, 30)


def red_total_ereport() -> Image.Image:
    """A CET e-report as a phone saves it from the results site (invented values, the real
    screen's places): labels and section scores in dark ink, the total in red, which the fast
    path's seal-suppressed view turns white."""
    page = Image.new("RGB", (830, 1270), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 30)
    dark, blue = (30, 30, 30), (20, 60, 120)
    draw.text((110, 20), "全国大学英语四级考试(CET4)成绩报告单", font=font, fill=dark)
    rows = [((78, 160), "姓名：王丽君", dark), ((78, 285), "学", dark), ((145, 285), "校：某某大学", dark),
            ((365, 375), "笔试成绩", dark), ((78, 445), "准考证号：410011241100123", dark),
            ((78, 505), "总", dark), ((140, 505), "分：", dark), ((200, 505), "455", RED),
            ((200, 565), "听", blue), ((290, 565), "力：150", blue), ((200, 630), "阅", blue),
            ((290, 630), "读：160", blue), ((200, 695), "写作和翻译：145", blue),
            ((78, 760), "考试时间：2024年6月", dark),
            ((78, 1115), "成绩报告单编号：241110000012345", dark)]
    for place, text, ink in rows:
        draw.text(place, text, font=font, fill=ink)
    return page


def test_a_red_total_is_read_in_colour_and_vouched_for_by_its_sections():
    """Real OCR. The fast path loses the red total; its sections sum to it, so the total is
    theirs but held for review until the colour reading reads it printed."""
    from tests.ocr.conftest import read
    page = red_total_ereport()
    fast = read(page, detail=False)
    assert fast.type == "cet4"
    assert fast.fields["score"] in (None, 455)
    assert "score" in doubted_fields(fast.checks) or fast.fields["score"] is None
    full = read(page)
    assert full.fields["score"] == 455
    assert "score" not in doubted_fields(full.checks)


def idp_results_page(heading: str | None = "MARTA KOVACS") -> Image.Image:
    """IDP's results page as its app shows it (invented values, the real screen's places): the
    name as a heading with no label (None: cropped off), the TRF number blacked out by its
    owner, and each band in orange beside its section, which the fast path's red channel turns
    white."""
    page = Image.new("RGB", (744, 1280), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = (lambda size: ImageFont.truetype(FONT, size))
    dark = (30, 30, 30)
    if heading:
        draw.text((70, 16), heading, font=font(40), fill=dark)
    for (x, y), text in (((70, 87), "Candidate Number:"), ((367, 87), "TRF Number:"),
                         ((68, 127), "012345"), ((68, 181), "Test Type:"),
                         ((365, 181), "Test Date:"), ((70, 221), "IELTS Academic"),
                         ((365, 219), "14/02/2025"), ((70, 273), "Centre Number:"),
                         ((66, 313), "XX001")):
        draw.text((x, y), text, font=font(26), fill=dark)
    draw.rectangle((365, 127, 630, 163), fill=dark)
    for row, (section, band) in enumerate((("Speaking", "6.5"), ("Listening", "8.5"),
                                           ("Reading", "7.5"), ("Writing", "7.0"),
                                           ("Overall", "7.5"))):
        top = 485 + 170 * row
        draw.text((79, top), section, font=font(40), fill=dark)
        draw.text((525, top - 8), band, font=font(52), fill=ORANGE)
    return page


def test_an_untyped_page_naming_its_type_is_read_again_for_its_key_fields():
    """Real OCR. IDP's results page (holdout19b): "TRF Number" and "IELTS" name the type, but
    no key field is read on the fast path (the name cropped off, the number blacked out, the
    bands in orange), so nothing was typed. The page is read again in colour for ielts's key
    fields, and recognised from scratch: typed, with the overall band."""
    from tests.ocr.conftest import read
    page = idp_results_page(heading=None)
    fast = read(page, detail=False)
    assert fast.type is None
    assert fast.extras["near_type"] == "ielts"
    full = read(page)
    assert full.type == "ielts"
    assert full.fields["score"] == 7.5
    # Typed by the colour reading; its name and number still unread, read at full detail next.
    assert full.extras["full_detail"]["before"]["colour_only"] is True


def test_the_name_printed_as_the_results_pages_heading_is_read():
    """Real OCR. The same page with its heading: the name stands unlabelled right above
    "Candidate Number:" (ielts's `above_labels`), is read on the fast path and types the page;
    the band is read again in colour. Before above_labels, a name that is not pinyin there was
    never read."""
    from tests.ocr.conftest import read
    result = read(idp_results_page())
    assert result.type == "ielts"
    assert (result.fields["holder_name"], result.fields["score"]) == ("MARTA KOVACS", 7.5)
