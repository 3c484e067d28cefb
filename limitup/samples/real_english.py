"""Real English-test layouts (style `real`): the IELTS Test Report Form and the Duolingo English
Test certificate, drawn as seen on real ones, with invented candidates. Each returns (Page, truth):
truth holds what differs from the defaults of the row."""
from __future__ import annotations

import string
from datetime import timedelta

from PIL import Image, ImageDraw

from limitup.samples import numbers as num
from limitup.samples.catalogue import _band, _bands_around, _cefr
from limitup.samples.page import Page, photo_box

NOTE = ("Admission to undergraduate and post graduate courses should be based on the ACADEMIC Reading and Writing Modules.",
        "GENERAL TRAINING Reading and Writing Modules are not designed to test the full range of language skills required for academic purposes.",
        "It is recommended that the candidate's language ability as indicated in this Test Report Form be re-assessed after two years from the date of the test.",
        "To find out more about IELTS, IELTS band scores and the CEFR levels, please visit ielts.org/scores")
COUNTRIES = (("CN", "CHINA", "CHINESE"),)


def _box(page: Page, box, value: str, font, shade: str, role=None, ink=(30, 30, 30)) -> None:
    """A value box: white, grey (the eTRF) or hatched (the printed form: grey with diagonal lines,
    the value in dark ink on it)."""
    x0, y0, x1, y1 = (int(v) for v in box)
    if shade == "grey":
        page.draw.rectangle([x0, y0, x1, y1], fill=(221, 220, 221), outline=(40, 40, 40), width=2)
    elif shade == "hatched":
        page.draw.rectangle([x0, y0, x1, y1], fill=(150, 148, 158), outline=(40, 40, 40), width=2)
        for x in range(x0 - (y1 - y0), x1, 7):   # the diagonal hatching, clipped to the box
            a = (max(x, x0), y0 + max(0, x0 - x))
            b = (min(x + (y1 - y0), x1), y0 + min(y1 - y0, x1 - x))
            page.draw.line([a, b], fill=(122, 120, 132), width=2)
    else:
        page.draw.rectangle([x0, y0, x1, y1], outline=(40, 40, 40), width=2)
    if value:
        page.text((x0 + font.size * 0.6, (y0 + y1) / 2), value, font, fill=ink, role=role, anchor="lm")


def _microtext(page: Page, fonts) -> None:
    """The printed form's background: rows of tiny IELTS words in pale green (one row drawn,
    then pasted down the page, shifted a little each time)."""
    w, h = page.size
    row = Image.new("L", (w + 44, 22), 0)
    ImageDraw.Draw(row).text((0, 2), "IELTS " * (w // 40), font=fonts.regular(13), fill=255)
    ink = Image.new("RGB", row.size, (208, 222, 206))
    for i, y in enumerate(range(0, h, 22)):
        page.image.paste(ink, (-(i % 4) * 11, y), row)


def ielts_trf(ctx, fonts, rng, pdf=False):
    """A4 at 200 dpi. Paper (hatched boxes on microtext) unless rendered from the eTRF's PDF (grey
    boxes on white). The 'Date' at the top is the test date; the one at the bottom, beside the
    TRF number, is the report date: that is the row's issue_date."""
    p = ctx.person
    paper = not pdf and rng.random() < 0.75
    shade = "hatched" if paper else "grey"
    page = Page((1654, 2339), paper=(236, 242, 232) if paper else (255, 255, 255))
    if paper:
        _microtext(page, fonts)
    w, h = page.size
    overall = float(ctx.score)
    bands = _bands_around(overall, [rng.choice((-1, -0.5, 0, 0.5, 1)) for _ in range(4)])
    country, nationality, language = rng.choice(COUNTRIES)
    centre_seq = int(ctx.cert_number[-4:-1])
    candidate = ctx.cert_number[4:10]
    test_day = ctx.issue_date - timedelta(days=rng.randrange(9, 15))
    module = "ACADEMIC" if ctx.cert_number.endswith("A") else "GENERAL TRAINING"
    big, body, small, bold = fonts.title(150), fonts.regular(28), fonts.regular(19), fonts.title(34)
    page.text((50, 40), "IELTS", big, fill=(20, 20, 20))
    page.text((50, 195), "Test Report Form", fonts.title(40))
    _box(page, (1025, 185, 1600, 245), "", body, "white")
    page.text((1312, 215), module, body, anchor="mm")
    page.text((50, 262), "NOTE", fonts.title(24))
    for i, line in enumerate(NOTE):
        page.text((160, 262 + i * 22), line, small)
    y = 360
    page.text((50, y + 12), "Centre Number", body)
    _box(page, (285, y, 505, y + 70), f"{country}{centre_seq:03d}", body, "white")
    page.text((640, y + 12), "Date", body)
    _box(page, (735, y, 1025, y + 70), f"{test_day.day:02d}/{test_day:%b}/{test_day.year}".upper(), body, "white")
    page.text((1090, y + 12), "Candidate Number", body)
    _box(page, (1370, y, 1600, y + 70), candidate, body, "white")
    page.draw.line([50, 455, 1600, 455], fill=(120, 120, 120), width=2)
    page.text((50, 480), "Candidate Details", bold)
    rows = [("Family Name", p.family_pinyin, 1190, "name"), ("First Name(s)", p.given_pinyin, 1190, "name"),
            ("Candidate ID", f"{rng.choice('EGP')}{num.digits(rng, 8)}", 805, None)]
    for i, (label, value, right, role) in enumerate(rows):
        top = 530 + i * 103
        page.text((50, top + 22), label, body)
        _box(page, (285, top, right, top + 85), value, body, shade, role)
    photo_box(page, (1245, 480, 1600, 820))
    page.draw.line([50, 845, 1600, 845], fill=(120, 120, 120), width=2)
    dob = f"{p.birth.day:02d}/{p.birth.month:02d}/{p.birth.year}"
    page.text((50, 890), "Date of Birth", body)
    _box(page, (285, 870, 630, 950), dob, body, "white")
    page.text((745, 885), "Sex (M/F)", body)
    _box(page, (912, 870, 1000, 950), "M" if p.sex == "男" else "F", body, "white")
    page.text((1048, 885), "Scheme Code", body)
    _box(page, (1255, 870, 1600, 950), "Private Candidate", body, "white")
    for i, (label, value) in enumerate((("Country or\nRegion of Origin", ""), ("Country of\nNationality", nationality),
                                        ("First Language", language))):
        top = 970 + i * 103
        for j, part in enumerate(label.split("\n")):
            page.text((50, top + 10 + j * 34 + (17 if "\n" not in label else 0)), part, body)
        _box(page, (285, top, 1600, top + 85), value, body, "white")
    page.draw.line([50, 1285, 1600, 1285], fill=(120, 120, 120), width=2)
    page.text((50, 1305), "Test Results", bold)
    scores = [("Listening", _band(bands[0]), None), ("Reading", _band(bands[1]), None),
              ("Writing", _band(bands[2]), None), ("Speaking", _band(bands[3]), None),
              ("Overall\nBand\nScore", _band(overall), "score"), ("CEFR\nLevel", _cefr(overall), None)]
    label_font = fonts.title(28)
    widths = [max(page.width(part, label_font) for part in label.split("\n")) for label, _, _ in scores]
    gap = (1550 - sum(width + 104 for width in widths)) / (len(scores) - 1)
    x = 50
    for (label, value, role), width in zip(scores, widths):
        parts = label.split("\n")
        for j, part in enumerate(parts):
            page.text((x, 1415 + (j - (len(parts) - 1) / 2) * 34), part, label_font, anchor="lm")
        _box(page, (x + width + 14, 1363, x + width + 104, 1468), value, body, shade, role)
        x += width + 104 + gap
    page.draw.line([50, 1495, 1600, 1495], fill=(120, 120, 120), width=2)
    page.text((50, 1515), "Administrator Comments", fonts.title(28))
    _box(page, (50, 1570, 920, 1810), "", body, "white")
    _box(page, (965, 1520, 1265, 1810), "", body, "white")
    for j, line in enumerate(("Recognising", "organisations must", "verify this score at", "ielts.org/verify")):
        page.text((1115, 1600 + j * 34), line, fonts.title(27), anchor="ma")
    _box(page, (1297, 1520, 1600, 1810), "", body, "white")
    page.text((1448, 1540), "Validation stamp", fonts.title(27), anchor="ma")
    page.draw.ellipse([1360, 1600, 1540, 1780], outline=(200, 40, 70), width=3)
    page.text((1450, 1690), "IELTS", fonts.title(40), fill=(200, 40, 70), anchor="mm")
    report = ctx.issue_date
    page.text((560, 1980), "Date", body)
    _box(page, (660, 1935, 920, 2020), f"{report.day:02d}/{report.month:02d}/{report.year}", body, "white", "date")
    page.text((968, 1942), "Test Report", body)
    page.text((968, 1978), "Form Number", body)
    _box(page, (1193, 1935, 1600, 2020), ctx.cert_number, body, shade, "number")
    for x, text in ((400, "BRITISH COUNCIL"), (760, "idp"), (1150, "Cambridge Assessment English")):
        page.text((x, 2150), text, fonts.title(34), anchor="ma")
    page.draw.line([50, 2270, 1600, 2270], fill=(120, 120, 120), width=2)
    ctx.holder_name = f"{p.family_pinyin} {p.given_pinyin}"
    return page, {"level": None, "score": overall}


def duolingo_id(rng, form: str) -> str:
    """A certificate ID as printed: 16 lowercase letters and digits (older certificates), or the
    32-character hexadecimal hash of the certs.duolingo.com link (newer ones)."""
    if form == "id16":
        return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(16))
    return "".join(rng.choice("0123456789abcdef") for _ in range(32))


SUBSCORES = (("Production", "The test taker's ability to write and speak."),
             ("Literacy", "The test taker's ability to read and write."),
             ("Comprehension", "The test taker's ability to read and listen."),
             ("Conversation", "The test taker's ability to listen and speak."))
ORANGE, GREY = (240, 130, 30), (150, 150, 150)


def _scale(page: Page, fonts, x0, x1, y, rng) -> None:
    """The 10 ... 160 bar with ticks and a coloured band around the score."""
    font = fonts.title(20)
    page.text((x0, y), "10", font, fill=GREY, anchor="lm")
    page.text((x1, y), "160", font, fill=GREY, anchor="rm")
    a, b = x0 + 40, x1 - 60
    page.draw.line([a, y, b, y], fill=(200, 200, 200), width=5)
    for i in range(31):
        x = a + (b - a) * i / 30
        page.draw.line([x, y - 10, x, y + 10], fill=(190, 190, 190), width=3)
    start = a + (b - a) * rng.uniform(0.3, 0.7)
    page.draw.rectangle([start, y - 6, start + 90, y + 6], fill=(250, 200, 20))


def duolingo_cert(ctx, fonts, rng, pdf=True):
    """A4 portrait: photo, "Family, Given", an unlabelled date, the certs.duolingo.com link; the
    overall score in large orange digits, the four subscores below with their bars. The row's
    cert_number is the ID printed (in the link, or after 'Certificate ID')."""
    p = ctx.person
    family, given = p.family_pinyin.title(), p.given_pinyin.title()
    id_form = rng.choice(("hash32", "id16"))
    cert_id = duolingo_id(rng, id_form)
    page = Page((1240, 1754), paper=(255, 255, 255))
    w, _ = page.size
    photo_box(page, (65, 65, 255, 255))
    page.text((290, 95), f"{family}, {given}", fonts.title(38), fill=(70, 70, 70), role="name")
    page.text((290, 160), f"{ctx.issue_date:%b} {ctx.issue_date.day}, {ctx.issue_date.year}".upper(),
              fonts.title(22), fill=GREY, role="date")
    page.draw.rectangle([292, 198, 312, 222], outline=ORANGE, width=3)
    page.text((325, 210), f"certs.duolingo.com/{cert_id}", fonts.title(24), fill=ORANGE,
              role="number" if id_form == "hash32" else None, anchor="lm")
    if id_form == "id16":
        page.text((290, 245), "Certificate ID", fonts.regular(22), fill=GREY)
        page.text((470, 245), cert_id, fonts.title(22), fill=(70, 70, 70), role="number")
    page.draw.ellipse([1060, 70, 1170, 180], fill=(250, 190, 20))
    page.text((1110, 200), "duolingo", fonts.title(30), fill=(70, 70, 70), anchor="ma")
    page.text((1110, 238), "english test", fonts.regular(28), fill=(70, 70, 70), anchor="ma")
    overall = int(ctx.score)
    page.text((240, 340), str(overall), fonts.regular(110), fill=ORANGE, role="score", anchor="ra")
    page.text((272, 345), "Overall", fonts.title(32), fill=(60, 60, 60))
    page.text((272, 390), "The test taker's ability to use English in a variety of modes and contexts.",
              fonts.regular(24), fill=(60, 60, 60))
    _scale(page, fonts, 272, 1130, 460, rng)
    y = 640
    for name, text in SUBSCORES:
        sub = max(10, min(160, overall + rng.choice(range(-40, 45, 5))))
        page.text((240, y), str(sub), fonts.regular(50), fill=ORANGE, anchor="ra")
        page.text((272, y), name, fonts.title(30), fill=(60, 60, 60))
        page.text((272, y + 42), text, fonts.regular(24), fill=(60, 60, 60))
        _scale(page, fonts, 272, 1130, y + 120, rng)
        y += 170
    page.text((65, y + 30), "Are you a school administrator?", fonts.title(26), fill=(20, 40, 80))
    page.text((65, y + 75), "Obtain official access to secure online certificates via the results dashboard.",
              fonts.regular(23), fill=GREY)
    ctx.holder_name = f"{family} {given}"
    return page, {"cert_number": cert_id}
