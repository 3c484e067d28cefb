"""Certificate numbers that follow SPEC 1's formats and their internal structure.

Each function takes the draw (`rng`) and what the structure depends on (year, level, sex ...),
so the number agrees with the rest of the document.
"""
from __future__ import annotations

import random
import string

TEACHER_LEVEL_DIGITS = {"幼儿园": "1", "小学": "2", "初级中学": "3", "高级中学": "4",
                        "中等职业学校": "5", "中等职业学校实习指导": "6", "高等学校": "7"}
CET_SITTING_MONTH = {"1": 6, "2": 12}   # sitting digit -> month (June, December)


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def teacher(rng, year: int, province_code: str, level: str, sex_digit: str) -> str:
    authority = f"{rng.randrange(1, 200):03d}"
    return f"{year}{province_code}{authority}{TEACHER_LEVEL_DIGITS[level]}{sex_digit}{digits(rng, 6)}"


def year_first(rng, year: int, length: int) -> str:
    """`length` digits starting with the year (accounting, physician, nurse, securities, tem8)."""
    return f"{year}{digits(rng, length - 4)}"


def cpa(rng) -> str:
    return f"{rng.randrange(11, 66)}{digits(rng, 10)}"


def legal(rng, level: str, year: int, province_code: str) -> str:
    return f"{level}{year}{province_code}{digits(rng, 11)}"


def constructor(rng, level: str, province_short: str, year: int) -> str:
    level_digit = "1" if level == "一级" else "2"
    return f"{province_short}{level_digit}{rng.randrange(11, 66)}{year % 100:02d}{digits(rng, 6)}"


def toefl(rng) -> str:
    return f"{rng.randrange(1, 10)}{digits(rng, 15)}"


def ielts(rng, year: int, family: str, given: str, module: str) -> str:
    """e.g. 23CN012345ZHAS001A: year, country, candidate number, name letters, sequence, module.
    The letters are the family name's first three and the given name's initial, as real forms
    print them (RAHK for RAHMAN KARIM, VUD for VU DUC MINH TRI)."""
    letters = (family.split()[0][:3] + given[:1]).upper()
    return f"{year % 100:02d}CN{digits(rng, 6)}{letters}{rng.randrange(1, 100):03d}{module}"


def duolingo(rng) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(16))


def cet(rng, year: int, sitting: str, level_digit: str) -> str:
    return f"{year % 100:02d}{sitting}{level_digit}{rng.randrange(100000, 999999)}{digits(rng, 5)}"


def cet_admission(rng, province_code: str, year: int, sitting: str, level_digit: str) -> str:
    """准考证号: also 15 digits, printed beside the report number as a distractor."""
    return f"{province_code}{digits(rng, 4)}{year % 100:02d}{sitting}{level_digit}{digits(rng, 5)}"


def putonghua(rng, province_code: str, year: int) -> str:
    return f"{province_code}{year % 100:02d}{digits(rng, 11)}"


def school_scholarship(rng, year: int) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(rng.choice((2, 3))))
    return f"{year}{letters}{digits(rng, rng.choice((3, 4, 5)))}"
