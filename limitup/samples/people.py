"""Synthetic people and places for sample certificates: names, ID numbers, issuers, dates.

Everything is drawn from a `random.Random` the caller owns, so a seed fixes the output.
ID numbers are structurally valid (region, birth date, GB 11643 MOD 11-2 check digit) but made up.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from pypinyin import Style, lazy_pinyin

from limitup.ids import check_digit, is_valid_id
# Fixed sequences: a seed fixes the names drawn from them.
from limitup.surnames import SAMPLE_COMPOUND_SURNAMES, SAMPLE_SURNAMES

GIVEN_CHARS = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨宇浩然梓涵子轩欣怡思雨佳琪一诺雨桐嘉怡俊杰志强建国海燕晓东文博天佑紫萱若曦梦瑶婉婷家豪博文雅琴"

# (province name, short name, 2-digit code, 6-digit region codes to use in ID numbers)
PROVINCES = (
    ("北京市", "京", "11", ("110101", "110105", "110108")),
    ("上海市", "沪", "31", ("310101", "310104", "310115")),
    ("广东省", "粤", "44", ("440103", "440305", "440106")),
    ("江苏省", "苏", "32", ("320102", "320506", "320211")),
    ("浙江省", "浙", "33", ("330102", "330106", "330203")),
    ("四川省", "川", "51", ("510104", "510107", "510703")),
    ("湖北省", "鄂", "42", ("420102", "420106", "420111")),
    ("山东省", "鲁", "37", ("370102", "370202", "370602")),
    ("河南省", "豫", "41", ("410102", "410105", "410305")),
    ("湖南省", "湘", "43", ("430102", "430104", "430602")),
    ("陕西省", "陕", "61", ("610102", "610113", "610302")),
    ("福建省", "闽", "35", ("350102", "350203", "350503")),
)
CITIES = {"11": "北京市", "31": "上海市", "44": "广州市", "32": "南京市", "33": "杭州市",
          "51": "成都市", "42": "武汉市", "37": "济南市", "41": "郑州市", "43": "长沙市",
          "61": "西安市", "35": "福州市"}
UNIVERSITIES = ("北京大学", "复旦大学", "浙江大学", "南京大学", "武汉大学", "中山大学", "四川大学",
                "山东大学", "湖南大学", "西安交通大学", "厦门大学", "华中科技大学", "郑州大学",
                "华南理工大学", "东南大学", "上海交通大学")
DEPARTMENTS = ("外国语学院", "经济学院", "计算机学院", "法学院", "数学科学学院", "管理学院", "医学院")


@dataclass(frozen=True)
class Person:
    name: str            # Chinese name as printed on Chinese documents
    family_pinyin: str   # e.g. "ZHANG"
    given_pinyin: str    # e.g. "SAN" / "XIAODONG"
    sex: str             # "男" / "女"
    birth: date
    id_number: str
    province: tuple

    @property
    def sex_digit(self) -> str:
        return "1" if self.sex == "男" else "2"


def make_id_number(rng: random.Random, region: str, birth: date, sex: str) -> str:
    serial = rng.randrange(0, 100)
    sex_digit = rng.choice("13579" if sex == "男" else "02468")
    first17 = f"{region}{birth:%Y%m%d}{serial:02d}{sex_digit}"
    return first17 + check_digit(first17)


def random_name(rng: random.Random) -> str:
    compound = rng.random() < 0.04
    surname = rng.choice(SAMPLE_COMPOUND_SURNAMES if compound else SAMPLE_SURNAMES)
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


# Names that do not start with a common Han surname, and passport names (issue 19): drawn by
# random_name_of_kind, never by random_name (whose seeded sequence stays as it was).
TIBETAN_PARTS = ("扎西", "顿珠", "次仁", "卓玛", "格桑", "梅朵", "丹增", "尼玛", "央金", "拉姆",
                 "平措", "达瓦", "旺堆", "白玛", "索朗", "多吉", "德吉", "普布", "益西", "措姆")
UYGHUR_PARTS = ("阿依古丽", "艾尔肯", "古丽娜尔", "买买提", "努尔", "热依拉", "阿不都", "吐尔逊",
                "帕提古丽", "艾力", "依明", "玉素甫", "阿力木", "迪丽努尔", "热合曼", "库尔班")
MONGOLIAN_PARTS = ("乌兰", "其其格", "巴特尔", "苏日娜", "额尔敦", "巴雅尔", "其木格", "斯琴",
                   "图雅", "宝音", "那仁", "孟和", "朝鲁", "敖登", "格日勒", "满都拉")
FOREIGN_GIVEN = ("Anna", "Maria", "José", "Mohammed", "Ali", "Lena", "Karim", "Yusuf", "Olga",
                 "Sofia", "Lukas", "Jean", "Pierre", "Aisha", "Fatima", "Ivan", "Noah", "Emma",
                 "Hiroshi", "Min-jun", "Zoë", "Øyvind", "Łukasz", "Chloé")
FOREIGN_FAMILY = ("Schmidt", "García", "López", "Al Hassan", "Novak", "Müller", "Dubois",
                  "Kowalski", "Rossi", "Khan", "Tanaka", "Kim", "Petrov", "Silva", "O'Brien",
                  "Nguyen", "Al Rashidi", "Hansen", "Smith", "Yilmaz")
NAME_KINDS = ("han", "compound", "five", "tibetan", "uyghur", "mongolian", "foreign")


def random_name_of_kind(rng: random.Random, kind: str) -> str:
    """A holder's name of one kind: han (random_name), compound surname, five characters, Tibetan,
    Uyghur (own name · father's name), Mongolian, or a foreign passport name in Latin letters."""
    if kind == "han":
        return random_name(rng)
    if kind == "compound":
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
        return rng.choice(SAMPLE_COMPOUND_SURNAMES) + given
    if kind == "five":
        return rng.choice(SAMPLE_SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(4))
    if kind == "tibetan":
        first, second = rng.sample(TIBETAN_PARTS, 2)
        return first + second
    if kind == "uyghur":
        own, father = rng.sample(UYGHUR_PARTS, 2)
        return f"{own}·{father}"
    if kind == "mongolian":
        return "".join(rng.sample(MONGOLIAN_PARTS, rng.choice((1, 2))))
    if kind == "foreign":
        given = rng.sample(FOREIGN_GIVEN, rng.choice((1, 1, 2)))
        return " ".join(given + [rng.choice(FOREIGN_FAMILY)])
    raise ValueError(f"unknown name kind {kind!r}; expected one of {', '.join(NAME_KINDS)}")


# surnames read differently from the character's common reading; passports write ü as YU
SURNAME_READINGS = {"曾": "ZENG", "覃": "QIN", "吕": "LYU", "单": "SHAN", "解": "XIE", "仇": "QIU", "区": "OU"}


def split_pinyin(name: str) -> tuple[str, str]:
    """张晓东 -> ("ZHANG", "XIAODONG"); compound surnames keep both syllables in the family name."""
    syllables = [s.replace("lv", "lyu").replace("nv", "nyu").replace("v", "u")
                 for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore", v_to_u=False)]
    family_len = 2 if name[:2] in SAMPLE_COMPOUND_SURNAMES else 1
    family = SURNAME_READINGS.get(name[:family_len]) or "".join(syllables[:family_len]).upper()
    given = "".join(syllables[family_len:]).upper()
    return family, given


def split_romanised(holder_name: str) -> tuple[str, str]:
    """A romanised name as given for a certificate -> (FAMILY, GIVEN) in capitals: "FAMILY,
    GIVEN NAMES" when a comma says where the family name ends (AL HASSAN, MOHAMMED ALI), else the
    first word is the family name. The given names keep their spaces (a four-word name prints
    all four words)."""
    if "," in holder_name:
        family, _, given = holder_name.partition(",")
    else:
        words = holder_name.split()
        family, given = words[0], " ".join(words[1:])
    family, given = " ".join(family.split()).upper(), " ".join(given.split()).upper()
    return family, given or family


def random_birth(rng: random.Random, earliest: int = 1975, latest: int = 2003) -> date:
    start = date(earliest, 1, 1)
    return start + timedelta(days=rng.randrange((date(latest, 12, 31) - start).days))


def random_person(rng: random.Random, name: str | None = None, id_number: str | None = None) -> Person:
    """A person; a given ID number fixes sex, birth date and province."""
    name = name or random_name(rng)
    if id_number:
        province = next((p for p in PROVINCES if p[2] == id_number[:2]), rng.choice(PROVINCES))
        birth = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
        sex = "男" if int(id_number[16]) % 2 else "女"
    else:
        province = rng.choice(PROVINCES)
        birth = random_birth(rng)
        sex = rng.choice("男女")
        id_number = make_id_number(rng, rng.choice(province[3]), birth, sex)
    assert is_valid_id(id_number)
    family, given = split_pinyin(name)
    return Person(name, family, given, sex, birth, id_number, province)


def random_date(rng: random.Random, earliest: int = 2015, latest: int = 2025) -> date:
    start = date(earliest, 1, 1)
    return start + timedelta(days=rng.randrange((date(latest, 12, 31) - start).days))


def years_later(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..31 in Chinese numerals as dates print them: 十, 十二, 二十, 三十一."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def format_date(day: date, style: str) -> str:
    """The ways certificates print a date."""
    if style == "cn":
        return f"{day.year}年{day.month:02d}月{day.day:02d}日"
    if style == "cn_short":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "cn_numeral":
        return "".join(CN_DIGITS[int(d)] for d in str(day.year)) + f"年{cn_number(day.month)}月{cn_number(day.day)}日"
    if style == "iso":
        return day.isoformat()
    if style == "dot":
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if style == "slash":
        return f"{day.year}/{day.month:02d}/{day.day:02d}"
    if style == "en_long":
        return f"{day:%B} {day.day}, {day.year}"
    if style == "en_short":
        return f"{day:%b} {day.day}, {day.year}"
    if style == "ielts":
        return f"{day.day:02d}/{day:%b}/{day.year}".upper()
    if style == "en_dmy":
        return f"{day.day:02d} {day:%B} {day.year}"
    raise ValueError(f"unknown date style {style}")
