"""Real CET layouts (style `real`): the paper 成绩报告单 with its score table, the e-report page,
and a university's 成绩证明. Each returns (Page, truth): truth is what differs from the defaults
of a CET row (issue_date: CET reports print only the exam month, so null; the proof letter is
dated). Invented people and numbers only."""
from __future__ import annotations

from datetime import date, timedelta

from PIL import ImageDraw

from limitup.samples import numbers as num
from limitup.samples.catalogue import _cet_parts
from limitup.samples.page import Page, emblem, fitted, photo_box
from limitup.samples.people import DEPARTMENTS, UNIVERSITIES, format_date
from limitup.samples.seals import guilloche, over_background

ISSUER = "教育部教育考试院"
MAJORS = ("计算机科学与技术", "英语", "金融学", "机械工程", "临床医学", "法学", "电子信息工程")


def _level(ctx) -> tuple[str, str, str]:
    """(四级/六级, 4/6, the admission number's level digit)."""
    return ("四级", "4", "1") if ctx.type_id == "cet4" else ("六级", "6", "2")


def _exam(ctx):
    sitting = ctx.cert_number[2]
    return sitting, f"{ctx.issue_date.year}年{num.CET_SITTING_MONTH.get(sitting, 6)}月"


def _cell(page: Page, box, text: str, font, fill=(25, 25, 25), role=None, grey=None, anchor="mm"):
    x0, y0, x1, y1 = box
    page.draw.rectangle(box, outline=(60, 60, 60), width=2, fill=grey)
    lines = text.split("\n")
    step = font.size * 1.25
    top = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        x = (x0 + x1) / 2 if anchor == "mm" else x0 + font.size * 0.5
        page.text((x, top + i * step), line, font, fill=fill, role=role if i == 0 else None, anchor=anchor)


def _score_table(page: Page, ctx, fonts, rng, x0, y0, x1, row_h, english: bool) -> int:
    """总分 | 听力 (35%) | 阅读 (35%) | 写作和翻译 (30%) headers, the values in the row below."""
    parts = _cet_parts(rng, int(ctx.score))
    one_line = rng.random() < 0.4
    sep = "" if one_line else "\n"
    heads = ["总分" + ("\nTotal" if english else ""),
             f"听力{sep}(35%)" + (" Listening" if english else ""),
             f"阅读{sep}(35%)" + (" Reading" if english else ""),
             f"写作和翻译{sep}(30%)" + (" Writing" if english else "")]
    values = [(str(ctx.score), "score")] + [(str(p), None) for p in parts]
    widths = [0.22, 0.26, 0.26, 0.26]
    head_font = fonts.regular(row_h * 0.3)
    value_font = fonts.title(row_h * 0.46)
    x = x0
    for head, (value, role), share in zip(heads, values, widths):
        w = (x1 - x0) * share
        _cell(page, (x, y0, x + w, y0 + row_h * 1.2), head, head_font, grey=(236, 236, 236))
        _cell(page, (x, y0 + row_h * 1.2, x + w, y0 + row_h * 2.2), value, value_font, role=role)
        x += w
    return int(y0 + row_h * 2.2)


def cet_table(ctx, fonts, rng, pdf=False):
    """The paper 成绩报告单 (landscape, pale guilloche paper): label：value rows, a photo, the score
    table, the report number and the issuer's seal."""
    word, digit, level_digit = _level(ctx)
    sitting, month = _exam(ctx)
    page = Page((rng.randrange(1420, 1560), rng.randrange(980, 1060)), paper=(247, 245, 236))
    w, h = page.size
    page.image = over_background(page.image, guilloche(page.size, rng))
    page.draw = ImageDraw.Draw(page.image)
    page.draw.rectangle([28, 28, w - 28, h - 28], outline=(60, 110, 90), width=4)
    emblem(page, (w / 2, 80), 30, (160, 40, 40))
    title = f"全国大学英语{word}考试（CET{digit}）成绩报告单"
    page.text((w / 2, 125), title, fitted(fonts.title, title, 46, w * 0.8, page), anchor="ma")
    size = rng.randrange(26, 32)
    font = fonts.regular(size)
    rows = [("姓　　名", ctx.holder_name, "name"), ("学　　校", rng.choice(UNIVERSITIES), None),
            ("院　　系", rng.choice(DEPARTMENTS), None), ("身份证号", ctx.person.id_number, "id")]
    y = 215
    for label, value, role in rows:
        box = page.text((90, y), label + "：", font, fill=(70, 70, 70))
        page.text((box[2] + 8, y), value, font, role=role)
        y += int(size * 1.75)
    photo_box(page, (w - 260, 200, w - 90, 420))
    y = _score_table(page, ctx, fonts, rng, 90, y + 20, w - 90, int(size * 2.3), english=False) + 30
    admission = num.cet_admission(rng, ctx.person.province[2], ctx.issue_date.year, sitting, level_digit)
    tail = [("准考证号", admission, None), ("考试时间", month, None),
            ("口试成绩", rng.choice(("--", "B", "C+", "A")), None), ("成绩报告单编号", ctx.cert_number, "number")]
    for i, (label, value, role) in enumerate(tail):
        x, yy = (90, y + (i // 2) * int(size * 1.7)) if i % 2 == 0 else (w // 2 + 20, y + (i // 2) * int(size * 1.7))
        box = page.text((x, yy), label + "：", font, fill=(70, 70, 70))
        page.text((box[2] + 8, yy), value, font, role=role)
    page.text((w - 120, h - 110), ISSUER, fonts.regular(size), anchor="ra")
    page.boxes["seals"] = [((w - 230, h - 115), int(h * 0.09), ISSUER)]
    return page, {"issue_date": None, "id_number": ctx.person.id_number}


def cet_ereport(ctx, fonts, rng, pdf=True):
    """The e-report downloaded as a PDF: A4 page, a ruled grid with grey bilingual label cells,
    the written-test scores as a header row and a value row, a QR-like block."""
    word, digit, level_digit = _level(ctx)
    sitting, month = _exam(ctx)
    page = Page((1240, 1754), paper=(255, 255, 255))
    w, _ = page.size
    page.text((w / 2, 110), "全国大学英语四、六级考试成绩报告", fonts.title(48), anchor="ma")
    page.text((w / 2, 180), "National College English Test Score Report", fonts.regular(26),
              fill=(90, 90, 90), anchor="ma")
    x0, x1, row_h = 110, w - 110, 78
    label_w = 300
    font = fonts.regular(26)
    small = fonts.regular(21)
    rows = [("姓名\nName", ctx.holder_name, "name"), ("学校\nSchool", rng.choice(UNIVERSITIES), None),
            ("证件号码\nID No.", ctx.person.id_number, "id"), ("考试科目\nSubject", f"英语{word}（CET{digit}）", None),
            ("笔试准考证号\nAdmission No.", num.cet_admission(rng, ctx.person.province[2], ctx.issue_date.year,
                                                              sitting, level_digit), None),
            ("考试时间\nTest Date", month, None)]
    y = 260
    photo_right = x1 - 230
    for i, (label, value, role) in enumerate(rows):
        right = photo_right if i < 4 else x1
        _cell(page, (x0, y, x0 + label_w, y + row_h), label, small, grey=(230, 230, 230))
        _cell(page, (x0 + label_w, y, right, y + row_h), value, font, role=role, anchor="lm")
        y += row_h
    page.draw.rectangle([photo_right, 260, x1, 260 + 4 * row_h], outline=(60, 60, 60), width=2)
    photo_box(page, (photo_right + 30, 275, x1 - 30, 260 + 4 * row_h - 15))
    _cell(page, (x0, y, x1, y + row_h * 0.8), "笔试成绩 Written Test", small, grey=(210, 210, 210))
    y = _score_table(page, ctx, fonts, rng, x0, int(y + row_h * 0.8), x1, row_h, english=True)
    spoken = [("口试准考证号\nSpoken Test No.", "--", None), ("口试成绩\nSpoken Test Grade", "--", None),
              ("成绩报告单编号\nReport No.", ctx.cert_number, "number")]
    for label, value, role in spoken:
        _cell(page, (x0, y, x0 + label_w, y + row_h), label, small, grey=(230, 230, 230))
        _cell(page, (x0 + label_w, y, x1, y + row_h), value, font, role=role, anchor="lm")
        y += row_h
    qr = y + 70
    for i in range(21):   # a QR-like block: the e-report carries one to check it online
        for j in range(21):
            if rng.random() < 0.5:
                page.draw.rectangle([x0 + i * 9, qr + j * 9, x0 + i * 9 + 8, qr + j * 9 + 8], fill=(0, 0, 0))
    page.text((x0 + 220, qr + 40), "扫描二维码或登录 cet.neea.edu.cn 验证成绩", small, fill=(90, 90, 90))
    page.text((x1, qr + 150), ISSUER, fonts.regular(28), anchor="ra")
    page.boxes["seals"] = [((x1 - 110, qr + 160), 95, ISSUER)]
    return page, {"issue_date": None, "id_number": ctx.person.id_number}


def cet_proof(ctx, fonts, rng, pdf=False):
    """A university's 成绩证明 of a CET score (A4 letter): spaced labels 姓　　名：, the score as
    考试成绩, the report as 成绩单编号; signed by the 教务部 with a date (the row's issue_date)."""
    word, digit, level_digit = _level(ctx)
    sitting, _ = _exam(ctx)
    uni = rng.choice(UNIVERSITIES)
    page = Page((1240, 1754), paper=(255, 255, 255))
    w, _ = page.size
    page.text((w / 2, 150), f"{uni}学生", fonts.title(44), anchor="ma")
    page.text((w / 2, 220), f"全国大学英语{word}考试成绩证明", fonts.title(44), anchor="ma")
    exam_day = date(ctx.issue_date.year, num.CET_SITTING_MONTH.get(sitting, 6), rng.choice((14, 15, 16, 17)))
    # the letter is written later, on request; never after the newest real one seen (2026)
    letter_day = min(exam_day + timedelta(days=rng.randrange(40, 800)), date(2026, 6, 30))
    rows = [("姓　　名", ctx.holder_name, "name"), ("性　　别", ctx.person.sex, None),
            ("学　　号", f"{exam_day.year - 2}{num.digits(rng, 6)}", None),
            ("主修专业", rng.choice(MAJORS), None), ("学　　院", rng.choice(DEPARTMENTS), None),
            ("准考证号", num.cet_admission(rng, ctx.person.province[2], exam_day.year, sitting, level_digit), None),
            ("身份证号", ctx.person.id_number, "id"),
            ("考试时间", format_date(exam_day, "cn"), None), ("考试成绩", str(ctx.score), "score"),
            ("成绩单编号", ctx.cert_number, "number")]
    size = rng.randrange(30, 36)
    font = fonts.regular(size)
    y = 360
    for label, value, role in rows:
        box = page.text((200, y), label + "：", font)
        page.text((max(box[2] + 10, 420), y), value, font, role=role)
        y += int(size * 1.6)
    issuer = f"{uni}教务部"
    page.text((w - 180, y + 200), issuer, font, anchor="ra")
    page.text((w - 180, y + 260), format_date(letter_day, "cn"), font, role="date", anchor="ra")
    page.boxes["seals"] = [((w - 260, y + 210), 110, issuer + "教务专用章")]
    return page, {"issue_date": letter_day.isoformat(), "id_number": ctx.person.id_number}
