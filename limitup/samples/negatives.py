"""Documents that are none of the twenty types; recognition must return type null for them.

Several are deliberately close to certificates (a driving licence and a household register carry
姓名, an 18-digit ID and dates; a gym card carries a 16-digit 卡号), so "has a name and a number"
is not enough to claim a type.

NEAR_MISS_KINDS go further: certificates that are not in the catalogue but whose title and fields
come close to a type in it (审计 vs 会计专业技术资格证书 with the same 级别 and 16-digit 管理号,
TOEFL Junior vs TOEFL iBT, 全国计算机等级考试 vs 计算机技术与软件 ...). They are built as a Doc and
drawn by the catalogue's own layouts (train or holdout), so nothing but the wording tells them
apart. Wording follows tests/recognise/test_near_misses.py. They are opt-in (generate(...,
near_misses=True)), so the sets the existing commands write stay byte-for-byte the same.
"""
from __future__ import annotations

import random
from datetime import timedelta

from limitup.samples import layouts
from limitup.samples.catalogue import BIRTH, SEX, cn_date
from limitup.samples.document import Doc, Field
from limitup.samples.fonts import FontPicker
from limitup.samples.numbers import digits, year_first
from limitup.samples.page import Page, emblem, frame, photo_box
from limitup.samples.people import (CITIES, UNIVERSITIES, Person, format_date, random_birth, random_date,
                                    years_later)

KINDS = ("driving_licence", "receipt", "bank_statement", "household_register", "gym_card", "blank_page")
NEAR_MISS_KINDS = ("auditor_certificate", "economist_certificate", "statistician_certificate",
                   "pharmacist_certificate", "veterinarian_certificate", "nurse_title_certificate",
                   "physician_practice_certificate", "accounting_practice_certificate",
                   "ncre_certificate", "toefl_junior_report", "toefl_itp_report",
                   "hsk_report", "honour_certificate")


def render(kind: str, person: Person, style: str, rng: random.Random) -> tuple[Page, str | None, str]:
    """(page, the ID number printed on it or None, the text of the issuer's seal or "")."""
    if kind in NEAR_MISS_BUILDERS:
        doc, printed_id = NEAR_MISS_BUILDERS[kind](person, rng, style)
        page, _layout = layouts.render(doc, style, rng)
        return page, printed_id, doc.seal_text
    page, printed_id = RENDERERS[kind](person, FontPicker(style, "zh", rng), rng, style)
    return page, printed_id, ""   # everyday documents carry no issuer seal


def _rows(page: Page, fonts, rows, x: int, y: int, size: float, step: float, value_x: int | None = None):
    for label, value in rows:
        page.text((x, y), label, fonts.regular(size), fill=(60, 60, 60))
        page.text((value_x or x + page.width(label + "  ", fonts.regular(size)), y), value, fonts.regular(size))
        y += step
    return y


def driving_licence(person: Person, fonts, rng, style="train"):
    page = Page((1400, 900), paper=(236, 240, 246) if style == "train" else (242, 236, 240))
    emblem(page, (110, 90), 45, (170, 40, 40))
    page.text((700, 50), "中华人民共和国机动车驾驶证", fonts.title(52), anchor="ma")
    page.text((700, 118), "Driving License of the People's Republic of China", fonts.regular(22), fill=(80, 80, 80), anchor="ma")
    first = random_date(rng, 2008, 2020)
    rows = [("证号", person.id_number), ("姓名", person.name), ("性别", person.sex), ("国籍", "中国"),
            ("住址", f"{CITIES[person.province[2]]}{rng.choice(('朝阳路', '人民路', '解放大道'))}{rng.randrange(1, 300)}号"),
            ("出生日期", format_date(person.birth, "iso")), ("初次领证日期", format_date(first, "iso")),
            ("准驾车型", rng.choice(("C1", "C2", "B2", "A1"))),
            ("有效期限", f"{first:%Y-%m-%d} 至 {years_later(first, 6):%Y-%m-%d}")]
    if style == "holdout":   # bilingual labels, photo on the left
        english = {"证号": "No.", "姓名": "Name", "性别": "Sex", "国籍": "Nationality", "住址": "Address",
                   "出生日期": "Date of Birth", "初次领证日期": "Date of First Issue", "准驾车型": "Class",
                   "有效期限": "Valid Period"}
        rows = [(f"{label} {english[label]}", value) for label, value in rows]
        _rows(page, fonts, rows, 370, 190, 26, 66, value_x=850)
        photo_box(page, (80, 230, 320, 540))
    else:
        _rows(page, fonts, rows, 90, 190, 34, 68, value_x=360)
        photo_box(page, (1090, 220, 1320, 520))
    return page, person.id_number


def receipt(person: Person, fonts, rng, style="train"):
    page = Page((640, 1400), paper=(250, 250, 248))
    store = rng.choice(("华联超市", "永辉超市", "物美超市", "家乐福", "便利蜂") if style == "train"
                       else ("盒马鲜生", "大润发", "罗森便利店", "屈臣氏", "全家FamilyMart"))
    page.text((320, 40), store, fonts.title(44), anchor="ma")
    page.text((320, 100), "购物小票" if style == "train" else rng.choice(("收银小票", "销售单", "POS 小票")),
              fonts.regular(30), anchor="ma")
    day = random_date(rng, 2023, 2025)
    y = _rows(page, fonts, [("小票号:", digits(rng, 16)), ("收银员:", f"{rng.randrange(1000, 9999)}"),
                            ("日期:", f"{day:%Y-%m-%d} {rng.randrange(8, 22):02d}:{rng.randrange(60):02d}")], 40, 160, 24, 38)
    page.draw.line([30, y + 5, 610, y + 5], fill=(60, 60, 60), width=2)
    y += 25
    total = 0.0
    for _ in range(rng.randrange(6, 14)):
        item = rng.choice(("矿泉水", "牛奶 1L", "面包", "鸡蛋 10枚", "苹果", "洗衣液", "纸巾", "大米 5kg", "酸奶", "可乐"))
        price = rng.randrange(150, 6000) / 100
        qty = rng.randrange(1, 4)
        total += price * qty
        page.text((40, y), item, fonts.regular(26))
        page.text((400, y), f"x{qty}", fonts.regular(26))
        page.text((600, y), f"{price * qty:.2f}", fonts.regular(26), anchor="ra")
        y += 42
    page.draw.line([30, y + 5, 610, y + 5], fill=(60, 60, 60), width=2)
    _rows(page, fonts, [("合计:", f"{total:.2f}"), ("实收:", f"{total + rng.randrange(0, 20):.2f}"),
                        ("会员卡号:", digits(rng, 12))], 40, y + 25, 28, 44)
    page.text((320, y + 200), "谢谢惠顾 欢迎再次光临", fonts.regular(26), anchor="ma")
    return page, None


def bank_statement(person: Person, fonts, rng, style="train"):
    page = Page((1000, 1400), paper=(252, 252, 252))
    bank = rng.choice(("中国工商银行", "中国建设银行", "中国银行", "招商银行") if style == "train"
                      else ("中国农业银行", "交通银行", "浦发银行", "中信银行"))
    page.text((500, 50), f"{bank}", fonts.title(44), anchor="ma")
    page.text((500, 115), "个人账户对账单" if style == "train" else rng.choice(("账户交易明细", "交易流水清单")),
              fonts.title(34), anchor="ma")
    start = random_date(rng, 2023, 2025)
    y = _rows(page, fonts, [("户名：", person.name), ("账号：", f"6222 {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 3)}"),
                            ("币种：", "人民币"), ("起止日期：", f"{start:%Y-%m-%d} 至 {start + timedelta(days=30):%Y-%m-%d}")],
              60, 180, 26, 44)
    headers = ("交易日期", "摘要", "收入", "支出", "余额")
    xs = (60, 250, 450, 620, 800)
    y += 20
    page.draw.line([50, y - 8, 950, y - 8], fill=(40, 40, 40), width=2)
    for x, head in zip(xs, headers):
        page.text((x, y), head, fonts.title(24))
    balance = rng.randrange(1000, 90000) / 1.0
    for i in range(rng.randrange(12, 20)):
        y += 44
        amount = rng.randrange(100, 500000) / 100
        income = rng.random() < 0.4
        balance += amount if income else -amount
        cells = (f"{start + timedelta(days=i * 2):%Y-%m-%d}", rng.choice(("工资", "消费", "转账", "还款", "利息")),
                 f"{amount:.2f}" if income else "", "" if income else f"{amount:.2f}", f"{balance:.2f}")
        for x, cell in zip(xs, cells):
            page.text((x, y), cell, fonts.regular(22))
    return page, None


def household_register(person: Person, fonts, rng, style="train"):
    page = Page((1000, 1400), paper=(246, 240, 226))
    frame(page, rng, (120, 60, 40))
    page.text((500, 70), "常住人口登记卡", fonts.title(44), anchor="ma")
    page.text((500, 130), "居民户口簿", fonts.regular(26), fill=(90, 90, 90), anchor="ma")
    rows = [("姓名", person.name), ("户主或与户主关系", rng.choice(("户主", "子", "女", "妻"))), ("性别", person.sex),
            ("民族", "汉"), ("出生地", CITIES[person.province[2]]), ("出生日期", format_date(person.birth, "cn")),
            ("公民身份号码", person.id_number), ("文化程度", rng.choice(("大学本科", "研究生", "高中"))),
            ("婚姻状况", rng.choice(("未婚", "已婚"))), ("服务处所", rng.choice(("某科技有限公司", "某医院", "某学校"))),
            ("何时由何地迁来本址", format_date(random_date(rng, 2005, 2020), "cn"))]
    y = 200
    if style == "holdout":   # two label/value pairs per row, as the printed cards have
        pairs = [rows[i:i + 2] for i in range(0, len(rows), 2)]
        for pair in pairs:
            for col, (label, value) in enumerate(pair):
                x = 60 + col * 440
                span = 880 if len(pair) == 1 or len(value) > 12 else 440
                page.draw.rectangle([x, y - 12, x + span, y + 60], outline=(90, 70, 60), width=2)
                label_box = page.text((x + 12, y + 8), label, fonts.regular(22 if len(label) > 5 else 24), fill=(70, 60, 50))
                page.text((max(x + 200, label_box[2] + 16), y + 6), value, fonts.regular(26 if len(value) < 14 else 22))
            y += 72
    else:
        for label, value in rows:
            page.draw.rectangle([60, y - 12, 940, y + 60], outline=(90, 70, 60), width=2)
            page.draw.line([360, y - 12, 360, y + 60], fill=(90, 70, 60), width=2)
            page.text((80, y + 6), label, fonts.regular(26), fill=(70, 60, 50))
            page.text((380, y + 4), value, fonts.regular(30))
            y += 72
    page.text((500, y + 40), f"登记日期：{format_date(random_date(rng, 2010, 2024), 'cn')}", fonts.regular(26), anchor="ma")
    return page, person.id_number


def gym_card(person: Person, fonts, rng, style="train"):
    page = Page((1400, 880), paper=rng.choice(((30, 30, 40), (240, 200, 60), (40, 90, 160))))
    dark = page.image.getpixel((0, 0))[0] < 128
    ink = (240, 240, 240) if dark else (20, 20, 20)
    gym = rng.choice(("力美健身", "乐刻运动", "威尔仕健身", "一兆韦德"))
    page.text((80, 70), gym, fonts.title(70), fill=ink)
    page.text((80, 170), rng.choice(("会员卡", "VIP会员卡", "年卡 MEMBERSHIP CARD")), fonts.regular(44), fill=ink)
    card_no = digits(rng, 16)
    shown = " ".join(card_no[i:i + 4] for i in range(0, 16, 4)) if style == "train" else f"NO. {card_no}"
    page.text((80, 480), shown, fonts.title(64 if style == "train" else 54), fill=ink)
    page.text((80, 600), f"会员姓名：{person.name}", fonts.regular(40), fill=ink)
    page.text((80, 670), f"有效期至：{format_date(random_date(rng, 2025, 2027), 'dot')}", fonts.regular(36), fill=ink)
    page.text((80, 760), f"客服电话：400-{digits(rng, 3)}-{digits(rng, 4)}", fonts.regular(28), fill=ink)
    return page, None


def blank_page(person: Person, fonts, rng, style="train"):
    page = Page((rng.randrange(1000, 1100), rng.randrange(1380, 1450)), paper=rng.choice(((252, 252, 250), (246, 242, 230))))
    if rng.random() < 0.5:   # ruled notebook paper
        for y in range(150, page.size[1] - 60, 48):
            page.draw.line([60, y, page.size[0] - 60, y], fill=(190, 200, 225), width=1)
    return page, None


RENDERERS = {"driving_licence": driving_licence, "receipt": receipt, "bank_statement": bank_statement,
             "household_register": household_register, "gym_card": gym_card, "blank_page": blank_page}


# --- near misses: certificates outside the catalogue, worded like the ones inside it ------------

# Fewer label wordings than the catalogue's NAME and ID: the near-miss sets measured in
# docs/benchmarks.md were drawn with these.
NAME = ("姓名", "姓　名", "持证人")
ID = ("身份证号", "身份证件号码", "公民身份号码", "证件号码")
MOHRSS = "中华人民共和国人力资源和社会保障部"


def _title_certificate(title: str, issuers: list[str], specialities, levels, seal: str):
    """A 专业技术资格证书 shaped like the accounting one: 级别, 专业, 批准日期, 16-digit 管理号."""
    def build(person: Person, rng, style):
        day = random_date(rng)
        fields = [Field(NAME, person.name, "name"), Field(SEX, person.sex),
                  Field(BIRTH, cn_date(person.birth, rng, style)),
                  Field(ID, person.id_number, "id")]
        if levels:
            fields.append(Field(("级别", "资格级别"), rng.choice(levels)))
        fields += [Field(("专业",), rng.choice(specialities)),
                   Field(("批准日期",), cn_date(day, rng, style), "date"),
                   Field(("管理号",), year_first(rng, day.year, 16), "number")]
        return Doc("zh", [title], issuers, fields, photo=True, issuer=[issuers[0]], seal_text=seal), person.id_number
    return build


def nurse_title_certificate(person: Person, rng, style):
    """卫生专业技术资格 for nurses (护师): next to 护士执业证书, and titled like the 资格证书 types."""
    day = random_date(rng)
    return Doc("zh", ["护理学专业技术资格证书"], ["中华人民共和国国家卫生健康委员会", MOHRSS], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(ID, person.id_number, "id"),
        Field(("资格名称",), rng.choice(("护师", "主管护师"))), Field(("专业",), "护理学"),
        Field(("批准日期",), cn_date(day, rng, style), "date"),
        Field(("管理号",), year_first(rng, day.year, 16), "number"),
    ], photo=True, issuer=["中华人民共和国国家卫生健康委员会"], seal_text="国家卫生健康委员会人事司"), person.id_number


def pharmacist_certificate(person: Person, rng, style):
    day = random_date(rng)
    return Doc("zh", ["执业药师职业资格证书"], ["国家药品监督管理局", MOHRSS], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(ID, person.id_number, "id"),
        Field(("专业",), rng.choice(("药学", "中药学"))),
        Field(("批准日期",), cn_date(day, rng, style), "date"),
        Field(("管理号",), year_first(rng, day.year, 16), "number"),
    ], photo=True, issuer=["国家药品监督管理局"], seal_text="国家药品监督管理局执业药师资格认证中心"), person.id_number


def veterinarian_certificate(person: Person, rng, style):
    day = random_date(rng)
    return Doc("zh", ["执业兽医资格证书"], ["中华人民共和国农业农村部"], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(ID, person.id_number, "id"),
        Field(("资格类别",), rng.choice(("执业兽医师", "执业助理兽医师"))),
        Field(("证书编号",), year_first(rng, day.year, 16), "number"),
        Field(("发证日期", "签发日期"), cn_date(day, rng, style), "date"),
    ], photo=True, issuer=["中华人民共和国农业农村部"], seal_text="中华人民共和国农业农村部"), person.id_number


def physician_practice_certificate(person: Person, rng, style):
    """医师执业证书 (registration to practise), not the catalogue's 医师资格证书."""
    day = random_date(rng)
    issuer = f"{CITIES[person.province[2]]}卫生健康委员会"
    return Doc("zh", ["医师执业证书"], ["中华人民共和国国家卫生健康委员会监制"], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(ID, person.id_number, "id"),
        Field(("执业类别",), rng.choice(("临床", "中医", "口腔"))),
        Field(("执业范围",), rng.choice(("内科专业", "外科专业", "儿科专业"))),
        Field(("证书编码",), f"1{person.province[2][:2]}{digits(rng, 12)}", "number"),
        Field(("发证日期", "签发日期"), cn_date(day, rng, style), "date"),
        Field(("发证机关",), issuer),
    ], photo=True, issuer=[issuer], seal_text=issuer), person.id_number


def accounting_practice_certificate(person: Person, rng, style):
    """会计从业资格证书: abolished in 2017, still uploaded; the catalogue's accounting types are 专业技术资格."""
    day = random_date(rng, 2008, 2016)
    issuer = f"{person.province[0]}财政厅"
    return Doc("zh", ["会计从业资格证书"], ["中华人民共和国财政部监制"], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(ID, person.id_number, "id"),
        Field(("证书编号",), f"{rng.choice(person.province[3])}{day.year}{digits(rng, 8)}", "number"),
        Field(("发证日期",), cn_date(day, rng, style), "date"),
        Field(("发证机关",), issuer),
    ], photo=True, issuer=[issuer], seal_text=issuer + "会计从业资格管理专用章"), person.id_number


def ncre_certificate(person: Person, rng, style):
    """全国计算机等级考试 合格证书, next to the catalogue's 计算机技术与软件专业技术资格证书."""
    day = random_date(rng)
    level = rng.choice(("一级", "二级", "三级"))
    subject = rng.choice(("C语言程序设计", "Python语言程序设计", "MS Office高级应用", "网络技术"))
    return Doc("zh", ["全国计算机等级考试", "合格证书"], [], [
        Field(NAME, person.name, "name"), Field(SEX, person.sex), Field(("证件号码",), person.id_number, "id"),
        Field(("级别",), level), Field(("科目", "考试科目"), subject),
        Field(("证书编号",), f"{'一二三'.index(level[0]) + 1}{day.year % 100:02d}{digits(rng, 12)}", "number"),
    ], photo=True, issuer=["教育部教育考试院"], footer_date=cn_date(day, rng, style),
        seal_text="教育部教育考试院"), person.id_number


def hsk_report(person: Person, rng, style):
    """汉语水平考试 (HSK) 成绩报告: 四级/六级, 听力 阅读 书写 and 总分 like a CET report (issue #18:
    a real HSK report was typed cet4)."""
    day = random_date(rng, 2018, 2025)
    level = rng.choice(("三级", "四级", "五级", "六级"))
    parts = [rng.randrange(40, 101) for _ in range(3)]
    return Doc("zh", ["汉语水平考试", f"HSK（{level}）成绩报告"], ["Chinese Proficiency Test Score Report"], [
        Field(NAME, person.name, "name"), Field(("证件号码",), person.id_number, "id"),
        Field(("准考证号",), f"H{'三四五六'.index(level[0]) + 3}{digits(rng, 10)}", "number"),
        Field(("考试时间",), cn_date(day, rng, style), "date"),
    ], scores=[("听力", str(parts[0]), None), ("阅读", str(parts[1]), None), ("书写", str(parts[2]), None),
               ("总分", str(sum(parts)), None)],
        issuer=["中国国际中文教育基金会"], seal_text="教育部中外语言交流合作中心"), person.id_number


HONOUR_TITLES = ("三好学生", "优秀学生", "优秀学生干部", "优秀共青团员", "优秀大学生")


def honour_certificate(person: Person, rng, style):
    """A school's 荣誉证书 for an honour title, worded as its scholarship certificates are (同学：
    荣获...学年...特发此证，以资鼓励; 证书编号 先进个人2023-03197 as printed on real ones), but
    without 奖学金: an honour is not a scholarship."""
    day = random_date(rng, 2016, 2025)
    year = day.year - 1
    school = rng.choice(UNIVERSITIES)
    body = [(person.name, "name"),
            (f" 同学：荣获{year}-{year + 1}学年校级“{rng.choice(HONOUR_TITLES)}”称号。特发此证，以资鼓励。", None)]
    return Doc("zh", ["荣誉证书"], [], [
        Field(("证书编号",), f"先进个人{day.year}-{digits(rng, 5)}", "number"),
    ], body=body, issuer=[school], footer_date=format_date(day, "cn_numeral"), seal_text=school), None


def _english_name(person: Person, rng) -> str:
    parts = (person.given_pinyin.title(), person.family_pinyin.title())
    return rng.choice((" ".join(parts), f"{person.family_pinyin}, {person.given_pinyin.title()}"))


def _ets_report(title: str, sections, total, birth_years: tuple[int, int]):
    """An ETS score report that is not TOEFL iBT: the same Name, Appointment Number (16 digits),
    Test Date and Total Score. sections: (name, low, high); total(parts) -> the printed total."""
    def build(person: Person, rng, style):
        birth = random_birth(rng, *birth_years)
        day = random_date(rng, 2019, 2025)
        parts = [rng.randrange(low, high + 1) for _, low, high in sections]
        scores = [(name, str(part), None) for (name, _, _), part in zip(sections, parts)]
        date_style = "en_long" if style == "train" else rng.choice(("en_long", "en_short"))
        return Doc("en", [title], ["ETS — Test Taker Score Report"], [
            Field(("Name", "Test Taker Name"), _english_name(person, rng), "name"),
            Field(("Date of Birth",), format_date(birth, date_style)),
            Field(("Appointment Number",), digits(rng, 16), "number"),
            Field(("Test Date",), format_date(day, date_style), "date"),
            Field(("Test Center",), f"STN{digits(rng, 5)}A"),
        ], scores=scores + [("Total Score", str(total(parts)), None)], issuer=["ETS"], seal_text="",
            footnote="Copyright © ETS. TOEFL and TOEFL Junior are registered trademarks of ETS."), None
    return build


NEAR_MISS_BUILDERS = {
    "auditor_certificate": _title_certificate(
        "审计专业技术资格证书", ["中华人民共和国审计署", MOHRSS], ("审计", "审计（内部审计）"), ("初级", "中级"),
        "中华人民共和国审计署"),
    "economist_certificate": _title_certificate(
        "经济专业技术资格证书", [MOHRSS], ("人力资源管理", "金融", "财政税收", "工商管理"), ("初级", "中级", "高级"),
        "人力资源和社会保障部人事考试中心"),
    "statistician_certificate": _title_certificate(
        "统计专业技术资格证书", ["国家统计局", MOHRSS], ("统计",), ("初级", "中级"), "国家统计局"),
    "pharmacist_certificate": pharmacist_certificate,
    "veterinarian_certificate": veterinarian_certificate,
    "nurse_title_certificate": nurse_title_certificate,
    "physician_practice_certificate": physician_practice_certificate,
    "accounting_practice_certificate": accounting_practice_certificate,
    "ncre_certificate": ncre_certificate,
    "hsk_report": hsk_report,
    "honour_certificate": honour_certificate,
    # TOEFL Junior Standard: three sections of 200-300, total 600-900
    "toefl_junior_report": _ets_report(
        "TOEFL Junior® Standard Test Taker Score Report",
        (("Listening Comprehension", 200, 300), ("Language Form and Meaning", 200, 300),
         ("Reading Comprehension", 200, 300)), sum, (2006, 2013)),
    # TOEFL ITP Level 1: three sections of 31-68 (reading 31-67); total = sum x 10 / 3, 310-677
    "toefl_itp_report": _ets_report(
        "TOEFL ITP® Score Report",
        (("Listening Comprehension", 31, 68), ("Structure and Written Expression", 31, 68),
         ("Reading Comprehension", 31, 67)), lambda parts: round(sum(parts) * 10 / 3), (1995, 2005)),
}
