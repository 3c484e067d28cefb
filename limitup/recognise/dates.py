"""Dates as certificates print them -> ISO `YYYY-MM-DD` (pure functions).

Handles 2023年6月30日, 二〇二三年六月三十日, 2023-06-30 / 2023.6.30 / 2023/06/30,
30/06/2023 (day first, as IELTS prints), 30 Jun 2023, 30-JUN-2023, June 30, 2023, and
30 de junho de 2023 (Portuguese, Spanish).
A printed year and month alone (2023年6月) gives the first of the month.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
# A Duolingo certificate is printed in its test taker's language: Portuguese and Spanish
# certificates write "10 DE JANEIRO DE 2024", "10 de enero de 2024" (a real 2024 certificate).
_ROMANCE_MONTHS = {name: number for number, names in enumerate(
    (("janeiro", "enero"), ("fevereiro", "febrero"), ("março", "marco", "marzo"),
     ("abril",), ("maio", "mayo"), ("junho", "junio"), ("julho", "julio"), ("agosto",),
     ("setembro", "septiembre", "setiembre"), ("outubro", "octubre"), ("novembro", "noviembre"),
     ("dezembro", "diciembre")), start=1) for name in names}
_ROMANCE_DATE = re.compile(r"(?<![a-z0-9])(?P<d>\d{1,2})\s+de\s+(?P<mon>"
                           + "|".join(sorted(_ROMANCE_MONTHS, key=len, reverse=True))
                           + r")\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)", re.I)
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零○一二三四五六七八九十"
# Separators between the numbers of a date, as printed and as OCR reads a hyphen: dashes of
# every width, 一 (the Chinese model's usual reading of "-"), a tilde, a comma.
_SEP = r"[-./—–－‐‑−一~～,，]"

# Dates that name their month (30 Jun 2023, June 30, 2023), `{month}` standing for its word.
_DAY_MONTH_YEAR = (r"(?<![a-z0-9])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-./]*{month}\.?[\s\-./,]*"
                   r"(?P<y>(?:19|20)\d\d)")
_MONTH_DAY_YEAR = r"{month}\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[,.]?\s*(?P<y>(?:19|20)\d\d)"

PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日?)?"),
    re.compile(rf"(?P<y>(?:19|20)\d\d)\s*{_SEP}\s*(?P<m>\d{{1,2}})\s*{_SEP}\s*(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*{_SEP}\s*(?P<m>\d{{1,2}})\s*{_SEP}\s*(?P<y>(?:19|20)\d\d)"),
    # Spaces for separators (2019 06 09): two-digit month and day only.
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d) +(?P<m>0[1-9]|1[0-2]) +(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(_DAY_MONTH_YEAR.format(month=_MONTH), re.I),
    re.compile(_MONTH_DAY_YEAR.format(month=_MONTH), re.I),
    # A timestamp as the TOEFL score page of NEEA's portal prints it: Sun Nov 03 09:00:00 EST 2019.
    re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})\s+\d\d:\d\d(?::\d\d)?\s+[A-Z]{{2,5}}\s+"
               r"(?P<y>(?:19|20)\d\d)", re.I),
    _ROMANCE_DATE,
    re.compile(r"(?<![A-Za-z\d])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # One separator lost: 201512.23, 2015.1223. (Not after a letter: DX202311-45 is a number.)
    re.compile(r"(?<![A-Za-z\d])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])[-./](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<![A-Za-z\d])(?P<y>(?:19|20)\d\d)[-./](?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # 年 lost between the year and a two-digit month: 202011月30日 (boxes "2020" "11月" "30日"
    # joined). Before the next pattern, which would read it as 2020年1月 with 年 misread as 1.
    re.compile(r"(?<![A-Za-z\d])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])\s*月\s*(?P<d>\d{1,2})\s*日"),
    # 年 misread as a digit or a letter: 2015407月11日.
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[0-9A-Za-z]?(?P<m>0?[1-9]|1[0-2])\s*月\s*(?P<d>\d{1,2})\s*日"),
    # 年 lost, its year a box of its own (the red 年 under a seal): "2020" "11月" "30日" on one
    # row (a 普通话 certificate's issue date, holdout12a).
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s+(?P<m>0?[1-9]|1[0-2])\s*月\s*(?P<d>\d{1,2})\s*日"),
    # 月 misread as another character between 年 and 日: 2025年04周05日 (a CET 证明 letter).
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>0?[1-9]|1[0-2])\s*[^\d\s年月日]\s*(?P<d>\d{1,2})\s*日"),
    # The year's first digit lost at a box edge or under a seal: 025年10月30日 -> 2025.
    re.compile(r"(?<![\d年月日])(?P<y3>[09]\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
_CN_DATE = re.compile(rf"(?P<y>[{_CN_NUM}Oo]{{4}})\s*年\s*(?P<m>[{_CN_NUM}]{{1,3}})\s*月"
                      rf"\s*(?:(?P<d>[{_CN_NUM}]{{1,3}})\s*日)?")


def _cn_number(text: str) -> int | None:
    """二〇二三 -> 2023 (digit by digit); 三十一 -> 31; 十二 -> 12."""
    if "十" not in text:
        digits = [_CN_DIGITS.get(char) for char in text]
        if None in digits:
            return None
        return int("".join(map(str, digits)))
    tens, _, units = text.partition("十")
    tens_value = _CN_DIGITS.get(tens, None) if tens else 1
    units_value = _CN_DIGITS.get(units, None) if units else 0
    if tens_value is None or units_value is None:
        return None
    return tens_value * 10 + units_value


def _month_number(name: str) -> int | None:
    name = name.lower()
    return MONTHS.get(name) or _ROMANCE_MONTHS.get(name)


def _build(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day or 1))
    except (TypeError, ValueError):
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in text: (date, start, end), in order of position, no overlaps."""
    found = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = _month_number(parts["mon"]) if parts.get("mon") else parts.get("m")
            year = parts.get("y") or ("2" if parts["y3"][0] == "0" else "1") + parts["y3"]
            value = _build(year, month, parts.get("d"))
            if value:
                found.append((value, match.start(), match.end()))
    for match in _CN_DATE.finditer(text):
        year, month = _cn_number(match["y"]), _cn_number(match["m"])
        day = _cn_number(match["d"]) if match["d"] else 1
        value = _build(year, month, day) if year and month and day else None
        if value:
            found.append((value, match.start(), match.end()))
    found.sort(key=lambda item: (item[1], -(item[2] - item[1])))
    chosen, last_end = [], -1
    for item in found:
        if item[1] >= last_end:
            chosen.append(item)
            last_end = item[2]
    return chosen


# The first digit of a two-digit month or day misread as a look-alike digit (40月 for 10月,
# 2025.92.09 for 2025.02.09, 2025年5月41日 for 5月11日), and the 0 of a year's 20 so misread
# (2615年 for 2015年): only where the printed value is impossible.
_FIRST_DIGIT_LOOKALIKE = {"4": "1", "7": "1", "9": "0", "8": "0", "6": "0"}
# 年 or 月 with a stray separator after it (2025年-06月), or read as a separator (12/12日).
_YEAR_MONTH_DAY = re.compile(rf"(?<!\d)(?P<y>[12]\d\d\d)(?P<s1>\s*(?:年\s*{_SEP}?|{_SEP})\s*)"
                             rf"(?P<m>\d{{1,2}})(?P<s2>\s*(?:月\s*{_SEP}?|{_SEP})\s*)(?P<d>\d{{1,2}})(?!\d)")


def repair_impossible_month_day(text: str) -> str:
    """2019年40月28日 -> 2019年10月28日, 2615年8月19日 -> 2015年8月19日; separators that do not
    make a date (2025年-06月23日, 2019年12/12日) become hyphens. A possible date is left as it is."""
    def mend(match):
        year, month, day = match["y"], match["m"], match["d"]
        if year[:2] not in ("19", "20") and year[0] == "2" and year[1] in _FIRST_DIGIT_LOOKALIKE:
            year = "2" + _FIRST_DIGIT_LOOKALIKE[year[1]] + year[2:]
        if int(month) > 12 and month[0] in _FIRST_DIGIT_LOOKALIKE:
            month = _FIRST_DIGIT_LOOKALIKE[month[0]] + month[1]
        if len(day) == 2 and int(day) > 31 and day[0] in _FIRST_DIGIT_LOOKALIKE:
            day = _FIRST_DIGIT_LOOKALIKE[day[0]] + day[1]
        as_printed = f"{year}{match['s1']}{month}{match['s2']}{day}"
        for mended in (as_printed, f"{year}-{month}-{day}"):
            if find_dates(mended):
                return mended
        return match[0]       # still no date: left as printed
    return _YEAR_MONTH_DAY.sub(mend, text)


# A month's name misread (Decmbes, Septembr, Augst) where a date names its month: the closest
# full month name, when it starts with the same letter, is this close (rapidfuzz ratio) and no
# other month comes as close. "Number 26, 2022" is 71 from November: not a month.
MONTH_WORD_SIMILARITY = 75
_FULL_MONTH_NAMES = tuple(max((name for name, number in MONTHS.items() if number == month), key=len)
                          for month in range(1, 13))
_ANY_WORD = r"(?<![a-z])(?P<mon>[a-z]{3,10})(?![a-z])"
_MISREAD_MONTH_DATES = tuple(re.compile(form.format(month=_ANY_WORD), re.I)
                             for form in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR))


def repair_month_word(text: str) -> str:
    """June 30, 2023 as misread (Jume 30, 2023; 30 Decmber 2023) -> the month's name."""
    for pattern in _MISREAD_MONTH_DATES:
        text = pattern.sub(_with_month_named, text)
    return text


def _with_month_named(match) -> str:
    name = _closest_month(match["mon"].lower())
    if name is None:
        return match[0]
    start, end = (index - match.start() for index in match.span("mon"))
    return match[0][:start] + name + match[0][end:]


def _closest_month(word: str) -> str | None:
    from rapidfuzz import fuzz
    if word in MONTHS:
        return None                       # a month already: nothing to mend
    scores = sorted(((fuzz.ratio(word, name), name) for name in _FULL_MONTH_NAMES
                     if name[0] == word[0]), reverse=True)
    if not scores or scores[0][0] < MONTH_WORD_SIMILARITY or (
            len(scores) > 1 and scores[1][0] >= scores[0][0]):
        return None
    return scores[0][1]


def parse_date(text: str) -> date | None:
    dates = find_dates(text)
    return dates[0][0] if dates else None
