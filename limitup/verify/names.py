"""Holder name against the account's KYC name (SPEC 3 name_mismatch). Pure.

Chinese on both sides: equal after normalisation (width, spaces, the middle dot of minority names,
traditional characters outside the mainland standard set: a Hong Kong certificate's 陳 is 陈).
A romanised name on the certificate (TOEFL, IELTS, Duolingo) against a Chinese KYC name: the KYC
name is turned into pinyin and compared with family and given name in either order, ignoring case,
spaces, hyphens, commas and apostrophes. Surnames are read as surnames (单 Shan, 曾 Zeng, 解 Xie,
仇 Qiu, 区 Ou, ...) and compound surnames (欧阳, 司马, ...) stay together; ü may be written v, u
or yu (吕 Lv / Lu / Lyu).
"""
from __future__ import annotations

import itertools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin
from rapidfuzz.distance import Levenshtein

# All compound surnames, rare ones too: WEI DIWU (family name last) matches the KYC name 第五伟.
from limitup.hanzi import fold_name
from limitup.surnames import COMPOUND_SURNAMES

# Surnames whose reading as a surname differs from (or is one of several) ordinary readings.
SURNAME_READINGS = {
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",), "朴": ("piao",),
    "查": ("zha",), "盖": ("ge", "gai"), "缪": ("miao",), "乐": ("yue", "le"), "覃": ("qin", "tan"),
    "翟": ("zhai",), "种": ("chong",), "秘": ("bi",), "长": ("zhang",), "尉": ("wei", "yu"),
    "宓": ("fu", "mi"), "召": ("shao",), "折": ("she",), "哈": ("ha",), "句": ("gou",),
    "柏": ("bai",), "郇": ("huan", "xun"), "繁": ("po",), "员": ("yun",), "黑": ("he",),
    "万俟": ("moqi",), "尉迟": ("yuchi",), "单于": ("chanyu",), "长孙": ("zhangsun",),
}
DOTS = "·•・．.‧∙"
MAX_READINGS = 256


def normalise_chinese(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "")
    text = re.sub(f"[{re.escape(DOTS)}]", "·", text)
    return re.sub(r"\s+", "", text)


def chinese_key(name: str) -> str:
    """The form two Chinese names are compared in: normalised, traditional characters folded
    (hanzi.NAME_SIMPLIFIED). The name shown stays as printed."""
    return fold_name(normalise_chinese(name))


def is_latin(name: str) -> bool:
    return bool(re.search(r"[A-Za-z]", name or "")) and not re.search(r"[\u3400-\u9fff]", name)


# Letters NFKD does not split into a base letter and a mark, as passports transliterate them.
FOLDED_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                                "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                "ı": "i", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"})


def unaccented(name: str) -> str:
    """Accents dropped, case kept (NFKD splits ü into u + a combining mark: ü -> u; José,
    Müller, Øyvind, Łukasz fold to Jose, Muller, Oyvind, Lukasz)."""
    text = unicodedata.normalize("NFKD", (name or "").translate(FOLDED_LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def latin_key(name: str) -> str:
    """'Ou-Yang, XIAO ming' -> 'ouyangxiaoming' (letters only, lower case, accents dropped)."""
    return re.sub(r"[^a-z]", "", unaccented(name).lower())


def latin_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^a-z]+", unaccented(name).lower()) if t]


def split_surname(name: str) -> tuple[str, str]:
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _surname_readings(surname: str) -> set[str]:
    if surname in SURNAME_READINGS:
        return set(SURNAME_READINGS[surname])
    readings = [""]
    for char in surname:
        options = SURNAME_READINGS.get(char) or _char_readings(char)
        readings = [r + o for r in readings for o in options]
    return set(readings)


def _char_readings(char: str) -> list[str]:
    return pinyin(char, style=Style.NORMAL, heteronym=True)[0]


def _given_readings(given: str) -> set[str]:
    """The reading in context first (phrase dictionary), then every heteronym combination."""
    readings = {"".join(lazy_pinyin(given, style=Style.NORMAL))}
    options = [_char_readings(char) for char in given]
    for combo in itertools.islice(itertools.product(*options), MAX_READINGS):
        readings.add("".join(combo))
    return readings


def _u_variants(reading: str) -> set[str]:
    """pypinyin writes ü as v; passports write lyu or lu."""
    if "v" not in reading:
        return {reading}
    return {reading.replace("v", repl) for repl in ("v", "u", "yu")}


def romanisations(chinese_name: str) -> set[str]:
    """Every acceptable letters-only spelling of a Chinese name, family/given in either order.
    A name with a middle dot (阿依古丽·买买提: own name · father's name) is spelt part by part,
    in the printed order or the parts turned round (AYIGULI MAIMAITI, MAIMAITI AYIGULI)."""
    name = chinese_key(chinese_name)
    if "·" in name.strip("·"):
        parts = [part for part in name.split("·") if part]
        out = {"".join(lazy_pinyin(name.replace("·", ""), style=Style.NORMAL))}
        spelt = [_given_readings(part) for part in parts]
        for combo in itertools.islice(itertools.product(*spelt), MAX_READINGS):
            for turn in range(len(combo)):
                out.update(_u_variants("".join(combo[turn:] + combo[:turn])))
        return out
    name = name.replace("·", "")
    surname, given = split_surname(name)
    out = set()
    for family in _surname_readings(surname):
        for first in _given_readings(given) if given else {""}:
            for fam in _u_variants(family):
                for giv in _u_variants(first):
                    out.add(fam + giv)
                    out.add(giv + fam)
    return out


# A KYC name as accounts take it: Chinese characters (minority names with a middle dot), or a
# passport name in Latin letters with accents, spaces, hyphens, apostrophes and full stops.
_KYC_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+(?:[·•・.‧∙][\u3400-\u4dbf\u4e00-\u9fff]+)*")
_KYC_LATIN = re.compile(r"[^\W\d_]+(?:[ '\-.,]+[^\W\d_]+)*\.?")


def kyc_name_problem(name: str | None) -> str | None:
    """Why `name` cannot be an account's verified name, or None when it can. Chinese names and
    passport names (Latin letters: José García, AL HASSAN MOHAMMED ALI) are accepted."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    compact = re.sub(r"\s+", "", text)
    if not text:
        return "the name must not be empty"
    if _KYC_CHINESE.fullmatch(compact):
        return None
    if _KYC_LATIN.fullmatch(text) and latin_key(text) and not re.search(
            r"[\u3400-\u9fff]", text):
        if not latin_key(text).isascii() or re.search(r"[^\x00-\u024f\u1e00-\u1eff]", text):
            return ("a passport name is written in Latin letters (accents allowed): "
                    "other scripts cannot be compared with a certificate")
        return None
    return ("the name must be a Chinese name (a minority name may have a middle dot) or a "
            "passport name in Latin letters, without digits or symbols")


def names_match(printed: str | None, kyc_name: str | None) -> bool:
    """True when the certificate's holder name is the account's (KYC) name."""
    if not printed or not kyc_name:
        return False
    if is_latin(printed):
        if is_latin(kyc_name):
            return sorted(latin_tokens(printed)) == sorted(latin_tokens(kyc_name)) or \
                latin_key(printed) == latin_key(kyc_name)
        return latin_key(printed) in romanisations(kyc_name)
    return chinese_key(printed) == chinese_key(kyc_name)


def name_edits(printed: str | None, kyc_name: str | None) -> int | None:
    """The fewest characters to change, add or drop to turn the printed name into the KYC name
    (a romanised name: into the closest spelling of it, letters only), or None when either is
    missing. 0 means the names match; 1 is what one character misread by OCR leaves."""
    if not printed or not kyc_name:
        return None
    if names_match(printed, kyc_name):
        return 0
    if not is_latin(printed):
        return Levenshtein.distance(chinese_key(printed), chinese_key(kyc_name))
    spellings = ({latin_key(kyc_name), "".join(sorted(latin_tokens(kyc_name)))}
                 if is_latin(kyc_name) else romanisations(kyc_name))
    printed_forms = {latin_key(printed), "".join(sorted(latin_tokens(printed)))}
    return min((Levenshtein.distance(form, spelling)
                for form in printed_forms for spelling in spellings), default=None)
