"""Chinese characters: the ranges we read, and traditional forms folded to simplified. Pure.

Both folds take one character for one (MediaWiki's table, shipped in zhconv), so a folded text
keeps every index of the text it came from.
"""
from __future__ import annotations

import re

from zhconv import zhconv

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\u3007"
_ONE_CJK = re.compile(rf"[{CJK}]")


def _simplified_table() -> dict[int, str]:
    return {ord(traditional): simplified
            for traditional, simplified in zhconv.getdict("zh-hans").items()
            if len(traditional) == len(simplified) == 1 and traditional != simplified
            and _ONE_CJK.match(traditional) and _ONE_CJK.match(simplified)}


def _in_mainland_standard(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# Titles, labels and levels: every traditional or variant form folds. OCR reads a calligraphic
# 奖 as 獎 and 叁 as 叄: a real school scholarship's "优秀学生獎学金叄等奖" matched no title
# (holdout27b).
SIMPLIFIED = _simplified_table()

# Names: only characters outside the mainland standard set (GB 2312) fold. 陳 is 陈 printed in
# Hong Kong or read so by OCR; but 乾, 於, 後, 甯 and 锺 are standard characters and surnames of
# their own, so 张乾 never equals 张干.
NAME_SIMPLIFIED = {code: simplified for code, simplified in SIMPLIFIED.items()
                   if not _in_mainland_standard(chr(code))}


def fold_name(text: str | None) -> str | None:
    """A name's traditional characters in their simplified form (NAME_SIMPLIFIED); every other
    character, Latin letters and spaces too, unchanged."""
    return text.translate(NAME_SIMPLIFIED) if text else text


def name_forms(simplified: str) -> str:
    """`simplified` and every character that folds to it in a name (陈 -> 陈陳)."""
    return simplified + _NAME_SOURCES.get(simplified, "")


def _sources(table: dict[int, str]) -> dict[str, str]:
    """The fold turned round: each simplified character -> the characters that fold to it."""
    sources: dict[str, str] = {}
    for code, simplified in table.items():
        sources[simplified] = sources.get(simplified, "") + chr(code)
    return sources


_NAME_SOURCES = _sources(NAME_SIMPLIFIED)
