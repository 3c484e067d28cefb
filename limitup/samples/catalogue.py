"""The twenty catalogue types of SPEC 1 as sample content: defaults, numbers and printed text.

`TYPES[type_id]` holds how to draw a valid level and score, how to make a number consistent with
them, and `build(ctx) -> Doc`. Distractors a real certificate carries (出生日期, 准考证号, sub-scores,
档案号 ...) are printed too, so recognition cannot take "the first number". A catalogue type
without an entry here is drawn from its rules by generic.py.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from limitup.samples import numbers as num
from limitup.samples.document import Doc, Field
from limitup.samples.people import CITIES, DEPARTMENTS, UNIVERSITIES, Person, format_date, years_later

NAME = ("姓名", "姓　名", "持证人姓名", "持证人")
SEX = ("性别", "性　别")
ID = ("身份证件号码", "身份证号", "公民身份号码", "身份证号码", "证件号码")
BIRTH = ("出生日期", "出生年月")


def cn_date(day: date, rng: random.Random, style: str) -> str:
    """A date as Chinese certificates print it: 2019年10月20日 on train; on holdout also its
    short form ("cn_short") or 2019.10.20. Certificates and near misses share it."""
    return format_date(day, "cn" if style == "train" else rng.choice(("cn", "cn_short", "dot")))


@dataclass
class Ctx:
    type_id: str
    person: Person
    holder_name: str        # as printed (Chinese, or romanised on English documents)
    issue_date: date
    level: str | None
    score: float | int | None
    cert_number: str | None
    rng: random.Random
    style: str

    def cn_date(self, day: date) -> str:
        return cn_date(day, self.rng, self.style)

    @property
    def birth(self) -> str:
        return self.cn_date(self.person.birth)

    def name_field(self, labels=NAME) -> Field:
        return Field(labels, self.holder_name, "name")

    def id_field(self, labels=ID) -> Field:
        return Field(labels, self.person.id_number, "id")


@dataclass(frozen=True)
class TypeSpec:
    lang: str
    build: Callable[[Ctx], Doc]
    make_number: Callable[[Ctx], str | None]
    levels: tuple = ()                        # allowed level words (empty: the type has none)
    draw_score: Callable | None = None        # (rng, level) -> score
    prints_id: bool = True                    # the real document carries the 18-digit ID
    labels_date: bool = True                  # a full issue/test date is printed
    score_range: tuple | None = None          # (low, high, step) of a score asked for


def _year(ctx: Ctx) -> int:
    return ctx.issue_date.year


# --- professional ---------------------------------------------------------------------------

def teacher_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    subject = r.choice(("语文", "数学", "英语", "物理", "化学", "历史", "音乐", "美术", "体育"))
    issuer = r.choice((f"{p.province[0]}教育厅", f"{CITIES[p.province[2]]}教育局"))
    return Doc("zh", ["教师资格证书"], ["中华人民共和国教育部制"] if r.random() < 0.5 else [], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("资格种类", "教师资格种类"), f"{ctx.level}教师资格", "level"),
        Field(("任教学科",), subject),
        Field(("证书号码", "证书编号"), ctx.cert_number, "number"),
        Field(("颁发机关", "发证机关"), issuer),
        Field(("批准日期", "颁发日期"), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=[issuer], seal_text=issuer + "教师资格认定专用章")


def accounting_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    return Doc("zh", ["会计专业技术资格证书"], ["中华人民共和国财政部", "中华人民共和国人力资源和社会保障部"], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("级别", "资格级别"), ctx.level, "level"), Field(("专业",), "会计"),
        Field(("批准日期",), ctx.cn_date(ctx.issue_date), "date"),
        Field(("管理号",), ctx.cert_number, "number"),
        Field(("档案号", "档案编号"), f"{p.province[2]}{num.digits(r, 10)}"),
    ], photo=True, issuer=["中华人民共和国财政部"], seal_text="中华人民共和国财政部")


def cpa_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    return Doc("zh", ["注册会计师全国统一考试", "全科合格证书"], [], [
        ctx.name_field(), Field(SEX, p.sex), ctx.id_field(),
        Field(("全科合格证书编号", "合格证书编号"), ctx.cert_number, "number"),
        Field(("报名序号",), num.digits(r, 9)),
        Field(("发证日期", "发证时间"), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=["财政部注册会计师考试委员会办公室"], seal_text="财政部注册会计师考试委员会办公室")


def legal_build(ctx: Ctx) -> Doc:
    p = ctx.person
    return Doc("zh", ["法律职业资格证书"], ["中华人民共和国司法部"], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("证书编号",), ctx.cert_number, "number"),
        Field(("授予日期", "发证日期"), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=["中华人民共和国司法部"], seal_text="中华人民共和国司法部")


def physician_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    return Doc("zh", ["医师资格证书"], ["中华人民共和国国家卫生健康委员会"], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("医师资格类别", "资格类别"), r.choice(("临床", "中医", "口腔", "公共卫生"))),
        Field(("毕业学校",), r.choice(UNIVERSITIES) + "医学院"),
        Field(("证书编码", "证书编号"), ctx.cert_number, "number"),
        Field(("签发日期", "发证日期"), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=["中华人民共和国国家卫生健康委员会"], seal_text="国家卫生健康委员会医师资格专用章")


def nurse_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    issuer = f"{p.province[0]}卫生健康委员会"
    valid_to = years_later(ctx.issue_date, 5) - timedelta(days=1)
    return Doc("zh", ["护士执业证书"], ["中华人民共和国国家卫生健康委员会监制"], [
        ctx.name_field(), Field(SEX, p.sex), Field(("国籍",), "中国"), ctx.id_field(),
        Field(("证书编号",), ctx.cert_number, "number"),
        Field(("执业地点",), f"{CITIES[p.province[2]]}{r.choice(('第一', '第二', '中心', '人民'))}医院"),
        Field(("注册有效期至",), ctx.cn_date(valid_to)),
        Field(("发证日期", "签发日期"), ctx.cn_date(ctx.issue_date), "date"),
        Field(("发证机关",), issuer),
    ], photo=True, issuer=[issuer], seal_text=issuer + "护士执业注册专用章")


def constructor_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    valid_to = years_later(ctx.issue_date, 3)
    company = r.choice(("中建", "中铁", "华夏", "宏达", "鸿远")) + r.choice(("建设集团有限公司", "建工有限公司", "工程局有限公司"))
    return Doc("zh", ["中华人民共和国", f"{ctx.level}建造师注册证书"], [], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("注册编号",), ctx.cert_number, "number"),
        Field(("聘用企业", "注册单位"), company),
        Field(("注册专业",), r.choice(("建筑工程", "市政公用工程", "机电工程", "公路工程"))),
        Field(("执业印章号",), num.digits(r, 8)),
        Field(("发证日期", "签发日期"), ctx.cn_date(ctx.issue_date), "date"),
        Field(("有效期", "有效期至"), ctx.cn_date(valid_to)),
    ], photo=True, issuer=["中华人民共和国住房和城乡建设部"], seal_text="中华人民共和国住房和城乡建设部")


def securities_build(ctx: Ctx) -> Doc:
    r = ctx.rng
    return Doc("zh", ["证券业从业人员资格考试", "成绩合格证"], [], [
        ctx.name_field(), ctx.id_field(("证件号码", "身份证号")),
        Field(("成绩合格证编号", "合格证编号"), ctx.cert_number, "number"),
        Field(("考试科目",), r.choice(("证券市场基本法律法规", "金融市场基础知识"))),
        Field(("通过时间", "发证日期"), ctx.cn_date(ctx.issue_date), "date"),
    ], issuer=["中国证券业协会"], seal_text="中国证券业协会")


def computer_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    names = {"初级": ("程序员", "网络管理员"), "中级": ("软件设计师", "网络工程师", "数据库系统工程师"),
             "高级": ("系统架构设计师", "信息系统项目管理师", "系统分析师")}
    return Doc("zh", ["计算机技术与软件专业技术资格证书"], ["中华人民共和国人力资源和社会保障部", "中华人民共和国工业和信息化部"], [
        ctx.name_field(), Field(SEX, p.sex), Field(BIRTH, ctx.birth), ctx.id_field(),
        Field(("级别", "资格级别"), ctx.level, "level"),
        Field(("资格名称",), r.choice(names[ctx.level])),
        Field(("批准日期",), ctx.cn_date(ctx.issue_date), "date"),
        Field(("管理号",), ctx.cert_number, "number"),
    ], photo=True, issuer=["中华人民共和国人力资源和社会保障部"], seal_text="人力资源和社会保障部人事考试中心")


# --- language ---------------------------------------------------------------------------

def toefl_build(ctx: Ctx) -> Doc:
    r, p = ctx.rng, ctx.person
    parts = _split_total(r, int(ctx.score), 4, 30)
    number = ctx.cert_number
    if ctx.style == "holdout" and r.random() < 0.4:
        number = " ".join(number[i:i + 4] for i in range(0, 16, 4))
    return Doc("en", ["TOEFL iBT® Test Taker Score Report"], ["ETS — Test Taker Score Report"], [
        Field(("Name", "Test Taker Name"), _comma_name(ctx), "name"),
        Field(("Date of Birth",), format_date(p.birth, "en_long")),
        Field(("Registration Number",), f"0000000{num.digits(r, 9)}"),
        Field(("Appointment Number",), number, "number"),
        Field(("Test Date",), format_date(ctx.issue_date, r.choice(("en_long", "en_short")) if ctx.style == "holdout" else "en_long"), "date"),
        Field(("Test Center",), f"STN{num.digits(r, 5)}A"),
    ], scores=[("Reading", str(parts[0]), None), ("Listening", str(parts[1]), None),
               ("Speaking", str(parts[2]), None), ("Writing", str(parts[3]), None),
               ("Total Score", str(ctx.score), "score")],
        issuer=["ETS"], seal_text="", footnote="Copyright © ETS. TOEFL and TOEFL iBT are registered trademarks of ETS.")


def ielts_build(ctx: Ctx) -> Doc:
    r, p = ctx.rng, ctx.person
    overall = float(ctx.score)
    bands = _bands_around(overall, [r.choice((-1, -0.5, 0, 0.5, 1)) for _ in range(4)])
    module = "ACADEMIC" if ctx.cert_number.endswith("A") else "GENERAL TRAINING"
    return Doc("en", ["IELTS", "Test Report Form"], [module], [
        Field(("Centre Number",), f"CN{num.digits(r, 3)}"),
        Field(("Date",), format_date(ctx.issue_date, "ielts"), "date"),
        Field(("Candidate Number",), num.digits(r, 6)),
        Field(("Family Name",), p.family_pinyin, "name"),
        Field(("First Name(s)", "Given Name(s)"), p.given_pinyin, "name"),
        Field(("Candidate ID",), f"E{num.digits(r, 8)}"),
        Field(("Date of Birth",), format_date(p.birth, "en_dmy")),
        Field(("Sex (M/F)",), "M" if p.sex == "男" else "F"),
        Field(("Test Report Form Number",), ctx.cert_number, "number"),
    ], scores=[("Listening", _band(bands[0]), None), ("Reading", _band(bands[1]), None),
               ("Writing", _band(bands[2]), None), ("Speaking", _band(bands[3]), None),
               ("Overall Band Score", _band(overall), "score"), ("CEFR Level", _cefr(overall), None)],
        issuer=["British Council", "IDP: IELTS Australia", "Cambridge English"], seal_text="")


def duolingo_build(ctx: Ctx) -> Doc:
    r = ctx.rng
    subs = [max(10, min(160, int(ctx.score) + r.choice(range(-20, 25, 5)))) for _ in range(4)]
    return Doc("en", ["Duolingo English Test"], ["CERTIFIED ENGLISH SCORE"], [
        Field(("Name",), ctx.holder_name, "name"),
        Field(("Test Date",), format_date(ctx.issue_date, "en_short"), "date"),
        Field(("Certificate ID",), ctx.cert_number, "number"),
    ], scores=[("Overall Score", str(ctx.score), "score"), ("Literacy", str(subs[0]), None),
               ("Comprehension", str(subs[1]), None), ("Conversation", str(subs[2]), None),
               ("Production", str(subs[3]), None)],
        issuer=["Duolingo, Inc."], footnote=f"Verify at certs.duolingo.com/{ctx.cert_number}")


def cet_build(ctx: Ctx) -> Doc:
    r, p = ctx.rng, ctx.person
    level_word, level_digit = ("四级", "1") if ctx.type_id == "cet4" else ("六级", "2")
    sitting = ctx.cert_number[2]
    parts = _cet_parts(r, int(ctx.score))
    exam_month = f"{ctx.issue_date.year}年{num.CET_SITTING_MONTH.get(sitting, 6)}月"
    return Doc("zh", [f"全国大学英语{level_word}考试(CET{4 if level_digit == '1' else 6})成绩报告单"], [], [
        ctx.name_field(), Field(("学校",), r.choice(UNIVERSITIES)), Field(("院系",), r.choice(DEPARTMENTS)),
        ctx.id_field(("身份证号", "证件号码")),
        Field(("准考证号",), num.cet_admission(r, p.province[2], ctx.issue_date.year, sitting, level_digit)),
        Field(("考试时间",), exam_month),
        Field(("成绩报告单编号", "报告单编号"), ctx.cert_number, "number"),
    ], scores=[("总分", str(ctx.score), "score"), ("听力", str(parts[0]), None),
               ("阅读", str(parts[1]), None), ("写作和翻译", str(parts[2]), None)],
        issuer=["教育部教育考试院"], seal_text="教育部教育考试院")


def tem8_build(ctx: Ctx) -> Doc:
    r, p = ctx.rng, ctx.person
    return Doc("zh", ["英语专业八级考试证书"], ["TEST FOR ENGLISH MAJORS-BAND 8"], [
        ctx.name_field(), Field(SEX, p.sex), Field(("学校",), r.choice(UNIVERSITIES)),
        Field(("准考证号",), num.digits(r, 12)),
        Field(("考试时间",), f"{ctx.issue_date.year}年3月"),
        Field(("成绩", "考试成绩"), ctx.level, "level"),
        Field(("证书编号",), ctx.cert_number, "number"),
        Field(("发证日期",), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=["高等学校外语专业教学指导委员会"], seal_text="高等学校外语专业教学指导委员会英语组")


def putonghua_build(ctx: Ctx) -> Doc:
    p = ctx.person
    issuer = f"{p.province[0]}语言文字工作委员会"
    return Doc("zh", ["普通话水平测试等级证书"], ["国家语言文字工作委员会监制"], [
        ctx.name_field(), Field(SEX, p.sex), ctx.id_field(),
        Field(("测试成绩", "成绩"), _score_text(ctx.score), "score"),
        Field(("等级",), ctx.level, "level"),
        Field(("证书编号",), ctx.cert_number, "number"),
        Field(("测试时间", "发证日期"), ctx.cn_date(ctx.issue_date), "date"),
    ], photo=True, issuer=[issuer], seal_text=issuer)


# --- honour ---------------------------------------------------------------------------

def _honour(ctx: Ctx, award: str, issuer: str, number: str | None = None, student_no: bool = False) -> Doc:
    r = ctx.rng
    # awarded in the autumn for the academic year that just ended
    y = (ctx.issue_date.year if ctx.issue_date.month >= 9 else ctx.issue_date.year - 1) - 1
    fields = [Field(("证书编号", "编号", "No."), number, "number")] if number else []
    if student_no:
        fields.append(Field(("学号",), f"{y - 2}{num.digits(r, 6)}"))
    body = [(ctx.holder_name, "name"),
            (f" 同学：在{y}—{y + 1}学年度中，{r.choice(('成绩优异，表现突出', '品学兼优，成绩突出', '勤奋学习，全面发展'))}，"
             f"荣获{award}。特发此证，以资鼓励。", None)]
    date_text = format_date(ctx.issue_date, r.choice(("cn_numeral", "cn")) if ctx.style == "holdout" else "cn_numeral")
    return Doc("zh", ["荣誉证书"], [], fields, body=body, issuer=[issuer], footer_date=date_text, seal_text=issuer)


def national_build(ctx: Ctx) -> Doc:
    return _honour(ctx, "国家奖学金", "中华人民共和国教育部")


def provincial_build(ctx: Ctx) -> Doc:
    p, r = ctx.person, ctx.rng
    if r.random() < 0.5:
        return _honour(ctx, "省政府奖学金", f"{p.province[0]}教育厅")
    return _honour(ctx, f"{CITIES[p.province[2]][:-1]}市政府奖学金", f"{CITIES[p.province[2]]}教育局")


def school_build(ctx: Ctx) -> Doc:
    uni = ctx.rng.choice(UNIVERSITIES)
    return _honour(ctx, f"{uni}{ctx.level}奖学金", uni, ctx.cert_number, student_no=ctx.rng.random() < 0.6)


# --- helpers ---------------------------------------------------------------------------

def _split_total(r: random.Random, total: int, parts: int, cap: int) -> list[int]:
    values = [total // parts] * parts
    for i in range(total - sum(values)):
        values[i % parts] += 1
    for _ in range(6):  # shuffle points between sections, staying within 0..cap
        a, b = r.randrange(parts), r.randrange(parts)
        if values[a] < cap and values[b] > 0:
            values[a] += 1
            values[b] -= 1
    return values


def _cet_parts(r: random.Random, total: int) -> list[int]:
    listening = min(248, max(0, round(total * 0.35) + r.randrange(-15, 16)))
    reading = min(248, max(0, round(total * 0.35) + r.randrange(-15, 16)))
    writing = total - listening - reading
    if not 0 <= writing <= 213:
        writing = min(213, max(0, writing))
        reading = total - listening - writing
    return [listening, reading, writing]


def _comma_name(ctx: Ctx) -> str:
    """Holdout TOEFL reports sometimes print "FAMILY, GIVEN" (the label keeps the words only)."""
    family = ctx.person.family_pinyin.upper()
    words = ctx.holder_name.split()
    if ctx.style == "holdout" and words[0].upper() == family and ctx.rng.random() < 0.5:
        return f"{words[0]}, {' '.join(words[1:])}"
    return ctx.holder_name


def ielts_overall(bands: list[float]) -> float:
    """IELTS's rule: the mean of the four section bands, to the nearest half band, halves up
    (6.125 -> 6.0, 6.25 -> 6.5, 6.75 -> 7.0). Written here again rather than imported from
    limitup.recognise (mean_of_parts): the generator is the truth recognition is measured
    against, so it does not borrow recognition's arithmetic."""
    return math.floor(sum(bands) / len(bands) * 2 + 0.5) / 2


def _bands_around(overall: float, offsets: list[float]) -> list[float]:
    """Four section bands near `overall` whose IELTS mean is `overall`, as on a real report.
    The drawn offsets are nudged half a band at a time (largest down, or smallest up), with no
    further draws, so the rest of a document's randomness stays as it was."""
    bands = [max(0.0, min(9.0, overall + offset)) for offset in offsets]
    while ielts_overall(bands) > overall:
        bands[bands.index(max(bands))] -= 0.5
    while ielts_overall(bands) < overall:
        bands[bands.index(min(bands))] += 0.5
    return bands


def _band(value: float) -> str:
    return f"{value:.1f}"


def _cefr(band: float) -> str:
    return "C2" if band >= 8.5 else "C1" if band >= 7 else "B2" if band >= 5.5 else "B1" if band >= 4 else "A2"


def _score_text(score) -> str:
    return f"{score:g}" if isinstance(score, float) else str(score)


PUTONGHUA_BANDS = (("一级甲等", 97), ("一级乙等", 92), ("二级甲等", 87), ("二级乙等", 80), ("三级甲等", 70), ("三级乙等", 60))


def putonghua_score(r: random.Random, level: str) -> float:
    """A 测试成绩 (one decimal) inside the band of the 等级: 一级甲等 97-100, 一级乙等 92-96.9 ..."""
    bounds = [100.0] + [low for _, low in PUTONGHUA_BANDS]
    index = [band for band, _ in PUTONGHUA_BANDS].index(level)
    high, low = bounds[index], bounds[index + 1]
    top = int(high * 10) if index == 0 else int(high * 10) - 1
    return r.randrange(int(low * 10), top + 1) / 10


TYPES: dict[str, TypeSpec] = {
    "teacher_qualification": TypeSpec("zh", teacher_build, lambda c: num.teacher(
        c.rng, _year(c), c.person.province[2], c.level, c.person.sex_digit), levels=tuple(num.TEACHER_LEVEL_DIGITS)),
    "accounting_junior": TypeSpec("zh", accounting_build, lambda c: num.year_first(c.rng, _year(c), 16), levels=("初级",)),
    "accounting_intermediate": TypeSpec("zh", accounting_build, lambda c: num.year_first(c.rng, _year(c), 16), levels=("中级",)),
    "cpa": TypeSpec("zh", cpa_build, lambda c: num.cpa(c.rng)),
    "legal_professional": TypeSpec("zh", legal_build, lambda c: num.legal(c.rng, c.level, _year(c), c.person.province[2]), levels=("A", "B", "C")),
    "physician": TypeSpec("zh", physician_build, lambda c: num.year_first(c.rng, _year(c), 15)),
    "nurse": TypeSpec("zh", nurse_build, lambda c: num.year_first(c.rng, _year(c), 12)),
    "constructor": TypeSpec("zh", constructor_build, lambda c: num.constructor(
        c.rng, c.level, c.rng.choice("京粤沪苏浙川鄂鲁豫湘陕闽"), _year(c)), levels=("一级", "二级")),
    "securities_practitioner": TypeSpec("zh", securities_build, lambda c: num.year_first(c.rng, _year(c), 14)),
    "computer_professional": TypeSpec("zh", computer_build, lambda c: num.year_first(c.rng, _year(c), 16), levels=("初级", "中级", "高级")),
    "toefl": TypeSpec("en", toefl_build, lambda c: num.toefl(c.rng), draw_score=lambda r, lv: r.randrange(40, 121), prints_id=False,
                      score_range=(0, 120, 1)),
    "ielts": TypeSpec("en", ielts_build, lambda c: num.ielts(c.rng, _year(c), c.person.family_pinyin, c.person.given_pinyin,
                                                             c.rng.choice("AAAG")),
                      draw_score=lambda r, lv: r.randrange(8, 19) / 2, prints_id=False, score_range=(0, 9, 0.5)),
    "duolingo": TypeSpec("en", duolingo_build, lambda c: num.duolingo(c.rng), draw_score=lambda r, lv: r.randrange(14, 33) * 5, prints_id=False,
                         score_range=(10, 160, 5)),
    "cet4": TypeSpec("zh", cet_build, lambda c: num.cet(c.rng, _year(c), "1" if c.issue_date.month <= 6 else "2", "1"),
                     draw_score=lambda r, lv: r.randrange(300, 680), labels_date=False, score_range=(0, 710, 1)),
    "cet6": TypeSpec("zh", cet_build, lambda c: num.cet(c.rng, _year(c), "1" if c.issue_date.month <= 6 else "2", "2"),
                     draw_score=lambda r, lv: r.randrange(300, 680), labels_date=False, score_range=(0, 710, 1)),
    "tem8": TypeSpec("zh", tem8_build, lambda c: num.year_first(c.rng, _year(c), 12), levels=("合格", "良好", "优秀"), prints_id=False),
    "putonghua": TypeSpec("zh", putonghua_build, lambda c: num.putonghua(c.rng, c.person.province[2], _year(c)),
                          levels=tuple(b for b, _ in PUTONGHUA_BANDS), draw_score=putonghua_score, score_range=(0, 100, 0.1)),
    "scholarship_national": TypeSpec("zh", national_build, lambda c: None, prints_id=False),
    "scholarship_provincial": TypeSpec("zh", provincial_build, lambda c: None, prints_id=False),
    "scholarship_school": TypeSpec("zh", school_build, lambda c: num.school_scholarship(c.rng, _year(c)),
                                   levels=("一等", "二等", "三等"), prints_id=False),
}
