"""Real scholarship layouts (style `real`): the portrait school 荣誉证书, the landscape 国家奖学金
荣誉证书, and the same portrait template naming an honour title (a look-alike). Invented people,
universities from the sample list, invented numbers. Each returns (Page, truth)."""
from __future__ import annotations

import math

from pypinyin import lazy_pinyin

from limitup.samples import numbers as num
from limitup.samples.page import Page, emblem, wrap_segments
from limitup.samples.people import CN_DIGITS, UNIVERSITIES, cn_number, format_date

GRADE_WORDS = {"一等": "甲等", "二等": "乙等", "三等": "丙等"}   # 甲/乙/丙等 are 一/二/三等
DONORS = ("华为", "腾讯", "小米", "宝钢", "三星", "招商银行", "光华", "唐立新")
TITLES = ("优秀学生干部", "三好学生", "优秀大学生", "优秀共青团员", "优秀毕业生")
INK = (25, 22, 20)


def _wavy_border(page: Page, colour) -> int:
    """The guilloche-like wavy border of printed 荣誉证书 blanks; returns the inner margin."""
    w, h = page.size
    for offset in (26, 38, 50):
        for side in range(4):
            length = w if side % 2 == 0 else h
            points = []
            for t in range(0, length, 6):
                wave = math.sin(t / 18 + offset) * 7
                points.append({0: (t, offset + wave), 1: (w - offset + wave, t),
                               2: (t, h - offset + wave), 3: (offset + wave, t)}[side])
            page.draw.line(points, fill=colour, width=2)
    page.draw.rectangle([70, 70, w - 70, h - 70], outline=colour, width=2)
    return 90


def _year(ctx) -> int:
    """The academic year awarded: the one that ended before the autumn of the issue date."""
    return (ctx.issue_date.year if ctx.issue_date.month >= 9 else ctx.issue_date.year - 1) - 1


def _month_date(day, rng) -> tuple[str, bool]:
    """二〇二二年十二月 (month only, as the real ones print) or the full date in numerals."""
    year = "".join(CN_DIGITS[int(d)] for d in str(day.year)).replace("〇", rng.choice("〇零"))
    if rng.random() < 0.65:
        return f"{year}年{cn_number(day.month)}月", False
    return format_date(day, "cn_numeral"), True


def _portrait(ctx, fonts, rng, sentence: str):
    """The portrait template: school name and emblem, 荣誉证书, CERTIFICATE OF HONOR, the name on
    its own underlined line with 同学, the sentence, the school and the date under its seal."""
    uni = rng.choice(UNIVERSITIES)
    page = Page((1240, 1754), paper=(253, 251, 246))
    w, h = page.size
    colour = rng.choice(((140, 70, 60), (170, 40, 40), (150, 120, 50)))
    inner = _wavy_border(page, colour)
    emblem(page, (w / 2 - 200, 215), 44, (40, 60, 140))
    page.text((w / 2 - 140, 215), uni, fonts.title(58), fill=(40, 60, 140), anchor="lm")
    english = " ".join(s.upper() for s in lazy_pinyin(uni[:-2])) + " UNIVERSITY"
    page.text((w / 2 - 140, 262), english, fonts.regular(16), fill=(40, 60, 140), anchor="lm")
    page.text((w / 2, 330), "荣 誉 证 书", fonts.title(150), fill=(60, 30, 20), anchor="ma")
    page.text((w / 2, 515), "CERTIFICATE OF HONOR", fonts.regular(34), fill=(60, 30, 20), anchor="ma")
    for dy in (498, 545):
        page.draw.line([w / 2 - 330, dy, w / 2 + 330, dy], fill=(90, 60, 40), width=2)
    name_font, font = fonts.title(52), fonts.regular(42)
    box = page.text((200, 690), ctx.holder_name, name_font, fill=INK, role="name")
    page.draw.line([150, box[3] + 12, box[2] + 40, box[3] + 12], fill=INK, width=2)
    page.text((box[2] + 55, 700), rng.choice(("同学", "同学：")), font, fill=INK)
    y = 800
    for i, line in enumerate(wrap_segments(page, [(sentence, None)], font, w - 2 * inner - 260)):
        page.text((inner + (160 if i == 0 else 60), y), "".join(t for t, _ in line), font, fill=INK)
        y += 88
    page.text((inner + 160, y), "特发此证，以资鼓励。", font, fill=INK)
    date_text, full = _month_date(ctx.issue_date, rng)
    page.text((w - 230, 1290), uni, fonts.title(46), fill=INK, anchor="ra")
    page.text((w - 240, 1360), date_text, fonts.regular(38), fill=INK, role="date", anchor="ra")
    page.boxes["seals"] = [((w - 360, 1300), 150, uni)]
    for i in range(16):   # the campus skyline printed along the bottom
        x = inner + i * (w - 2 * inner) / 16
        top = h - inner - rng.randrange(80, 260)
        page.draw.rectangle([x, top, x + (w - 2 * inner) / 16 - 6, h - inner - 20], fill=(150, 160, 195))
    return page, uni, full


def honour_school(ctx, fonts, rng, pdf=False):
    """荣获“华为”三等专项奖学金 / 荣获2021—2022学年优秀学生综合奖学金 丙等奖 / 学业奖学金一等奖.
    The row's level is the catalogue word (丙等 -> 三等); cert_number null unless a 编号 is
    printed (one in four); issue_date null when only the month is printed."""
    y = _year(ctx)
    grade = ctx.level
    kind = rng.choice(("donor", "comprehensive", "academic"))
    sep = rng.choice(("-", "—", "至"))
    lead = f"在{y}{sep}{y + 1}学年{rng.choice(('学习成绩优秀，综合表现突出', '品学兼优，表现突出'))}，"
    if kind == "donor":
        sentence = f"{lead}荣获“{rng.choice(DONORS)}”{grade}专项奖学金。"
    elif kind == "comprehensive":
        sentence = f"{lead}荣获{y}—{y + 1}学年优秀学生综合奖学金 {GRADE_WORDS[grade]}奖。"
    else:
        sentence = f"{lead}荣获{y}—{y + 1}学年度学业奖学金{grade}奖。"
    page, _, full = _portrait(ctx, fonts, rng, sentence)
    number = None
    if rng.random() < 0.25:
        number = ctx.cert_number
        page.text((page.size[0] - 160, 120), f"编号：{number}", fonts.regular(26), role="number", anchor="ra")
    return page, {"cert_number": number, "issue_date": ctx.issue_date.isoformat() if full else None}


def honour_title(ctx, fonts, rng, pdf=False):
    """The same template awarding an honour title, not a scholarship: 被评为“优秀学生干部”."""
    y = _year(ctx)
    sentence = f"在{y}-{y + 1}学年表现突出，被评为“{rng.choice(TITLES)}”荣誉称号。"
    page, _, _ = _portrait(ctx, fonts, rng, sentence)
    return page, {}


def honour_national(ctx, fonts, rng, pdf=False):
    """Landscape, pink border, the emblem at the top: 国家奖学金荣誉证书, 编号：BZK2021xxxxx
    (本专科生) or SSY… (研究生), "XXX 同学荣获 2020 至 2021 学年度本专科生国家奖学金，特颁此证。",
    the Ministry, a full date."""
    y = _year(ctx)
    graduate = rng.random() < 0.3
    number = f"{'SSY' if graduate else 'BZK'}{y + 1}{num.digits(rng, 5)}"
    page = Page((1500, rng.randrange(1050, 1090)), paper=(252, 248, 250))
    w, h = page.size
    for inset, width in ((30, 14), (60, 3)):
        page.draw.rectangle([inset, inset, w - inset, h - inset], outline=(215, 130, 170), width=width)
    emblem(page, (w / 2, 120), 70, (200, 40, 40))
    page.text((w / 2, 245), "国家奖学金荣誉证书", fonts.title(84), fill=(20, 20, 20), anchor="ma")
    label_font, number_font = fonts.regular(28), fonts.title(30)
    page.text((w - 500, 410), "编号：", label_font)
    page.text((w - 400, 408), number, number_font, role="number")
    font = fonts.regular(38)
    x = 240
    box = page.text((x, 540), ctx.holder_name, fonts.title(44), role="name")
    rest = f"同学荣获  {y}  至  {y + 1}  学年度{'研究生' if graduate else '本专科生'}国家奖学金，"
    page.text((box[2] + 40, 545), rest, font)
    page.text((x + 10, 630), "特颁此证。", font)
    issuer = "中华人民共和国教育部"
    page.text((w - 350, 760), issuer, font, anchor="ma")
    page.text((w - 350, 850), format_date(ctx.issue_date, "cn"), font, role="date", anchor="ma")
    page.boxes["seals"] = [((w - 420, 735), 130, issuer)]
    return page, {"cert_number": number}
