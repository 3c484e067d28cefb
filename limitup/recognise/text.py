"""Text normalisation and fuzzy matching for OCR output (pure functions).

OCR text arrives with full-width characters, stray spaces between CJK characters, colon and
dash variants, and letters read in place of digits. Everything is compared in one normal form.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from limitup.hanzi import CJK, SIMPLIFIED

_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
_PUNCT_VARIANTS = str.maketrans({"﹕": ":", "∶": ":", "—": "-", "–": "-", "－": "-", "―": "-",
                                 "、": ",", "。": ".", "·": "·", "•": "·", "・": "·",
                                 "“": '"', "”": '"', "‘": "'", "’": "'"})
# Characters dropped when comparing labels and titles: punctuation, brackets, spaces.
_NOT_KEY = re.compile(rf"[^0-9A-Za-z{CJK}]")
# A token that looks like a number: mostly digits, possibly with confusable letters.
NUMBER_TOKEN = re.compile(r"[0-9A-Za-z|!]{4,}")


# Trade marks printed beside a name (MyBest™ Scores): NFKC would spell ™ as TM, a word.
_MARKS = str.maketrans("", "", "™℠")


def normalise(text: str) -> str:
    """NFKC (full-width -> half-width, ：-> :), punctuation variants, no spaces next to CJK."""
    text = unicodedata.normalize("NFKC", (text or "").translate(_MARKS)).translate(_PUNCT_VARIANTS)
    text = _SPACE_NEXT_TO_CJK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _latin_fold() -> dict:
    """Accented Latin letters -> their base letter, one character for one (so key_with_map's
    indices hold), and ə -> e: OCR reads a label's e as ə (a real IELTS form's 'Datə')."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base
    table.update({ord("ə"): "e", ord("Ə"): "E"})
    return table


# Both folds in one table: key() and key_with_map() translate with it. Comparison only: a value
# is cut from the text as printed (key_with_map's indices), so a name keeps its characters.
_FOLD = {**_latin_fold(), **SIMPLIFIED}


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Comparison form: normalised, lower case, only letters, digits and CJK; accents and
    traditional characters folded."""
    return _NOT_KEY.sub("", normalise(text).translate(_FOLD)).lower()


def key_with_map(text: str) -> tuple[str, list[int]]:
    """key() of an already normalised text, with each key character's index in that text."""
    chars, where = [], []
    for index, char in enumerate(text.translate(_FOLD)):
        if not _NOT_KEY.match(char):
            chars.append(char.lower())
            where.append(index)
    return "".join(chars), where


def min_similarity(needle: str) -> float:
    """How close a fuzzy match must be, by length: short words must be exact."""
    length = len(needle)
    if length <= 4:
        return 1.0
    if length <= 7:
        return 0.8          # one character wrong in five to seven
    return 0.75


def fuzzy_find(needle: str, haystack: str, threshold: float | None = None) -> tuple[float, int, int]:
    """Best fuzzy occurrence of needle (key form) in haystack (key form): (0..1, start, end).

    Returns (0, -1, -1) when the best is below `threshold` (default min_similarity(needle))."""
    if not needle or not haystack:
        return 0.0, -1, -1
    exact = haystack.find(needle)
    if exact >= 0:
        return 1.0, exact, exact + len(needle)
    if threshold is None:
        threshold = min_similarity(needle)
    if threshold >= 1.0 or len(haystack) < len(needle) - 1:
        return 0.0, -1, -1
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=threshold * 100)
    if alignment is None:
        return 0.0, -1, -1
    start, end = _trimmed(needle, haystack, alignment.dest_start, alignment.dest_end)
    return alignment.score / 100, start, end


def _trimmed(needle: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """The span without an edge character that only makes it further from the needle.
    partial_ratio aligns a window as long as the needle: where OCR lost one of the label's
    characters, the window takes one more, the first of the value ("Overal Band Score 5.0" lost
    the 5 of 5.0). Edit distance decides, so a misread character (测试成值 for 测试成绩) stays in
    the label: dropping it is no closer."""
    while end - start > 1:
        here = Levenshtein.distance(needle, haystack[start:end])
        if Levenshtein.distance(needle, haystack[start:end - 1]) < here:
            end -= 1
        elif Levenshtein.distance(needle, haystack[start + 1:end]) < here:
            start += 1
        else:
            break
    return start, end


def repair_number(token: str, repair_map: dict, keep_prefix: int = 0) -> str:
    """Map confusable letters to digits (O->0, l->1, ...), leaving the first keep_prefix alone."""
    head, tail = token[:keep_prefix], token[keep_prefix:]
    return head + "".join(repair_map.get(char, char) for char in tail)


def compact(text: str) -> str:
    """A value as printed without spaces (cert numbers, CJK names)."""
    return re.sub(r"\s+", "", text)


def strip_value(text: str) -> str:
    """Trim separators a label leaves before its value: ':', '：', '-', brackets, spaces."""
    return re.sub(r"^[\s:;,.\-_/|)\]】）>]+|[\s:;,_|(\[【（<]+$", "", text)


def has_cjk(text: str) -> bool:
    return re.search(f"[{CJK}]", text) is not None
