"""Romanised Chinese names whose space OCR lost: "XIAJIA" -> "XIA JIA" (pure functions).

OCR often drops the space between short pinyin words. A single all-letter token that segments
into pinyin syllables is split into a surname and a given name: at a capital letter when the
name is in title case (XiaJia), else where a common surname's pinyin starts or ends the token.
A token that does not read as pinyin is left as printed.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Pinyin of common surnames, most common first (ties in a split go to the commoner one).
from limitup.surnames import SURNAME_PINYIN_BY_FREQUENCY as SURNAMES

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
            "x", "r", "z", "c", "s", "y", "w", "")
FINALS = ("iang", "iong", "uang", "ang", "eng", "ing", "ong", "uai", "iao", "ian", "uan", "van",
          "ai", "ei", "ao", "ou", "an", "en", "in", "un", "vn", "ia", "ie", "iu", "ua", "uo",
          "ui", "ue", "ve", "er", "a", "o", "e", "i", "u", "v")
# Pinyin writes a syllable without an initial only with a, o or e (i, u, ü become yi, wu, yu),
# and inside a word only after an apostrophe (Xi'an): so "TAEN" and "YANIUN" are not pinyin.
ZERO_INITIAL = frozenset(("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er"))
SYLLABLES = frozenset(initial + final for initial in INITIALS for final in FINALS
                      if initial)


@lru_cache(maxsize=1024)
def syllable_count(word: str, first: bool = True) -> int:
    """How many pinyin syllables `word` splits into (fewest), or 0 when it is not pinyin."""
    word = word.lower()
    if not word:
        return 0
    best = 0
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if head in SYLLABLES or (first and head in ZERO_INITIAL):
            rest = word[size:]
            count = 1 if not rest else syllable_count(rest, False)
            if count and (not best or count + (1 if rest else 0) < best):
                best = 1 + (count if rest else 0)
    return best


def split_merged(name: str) -> str:
    """'XIAJIA' -> 'XIA JIA'; 'XiaJia' -> 'Xia Jia'; anything else unchanged."""
    if " " in name or not re.fullmatch(r"[A-Za-z]{4,}", name):
        return name
    capitals = [m.start() for m in re.finditer(r"[A-Z]", name)]
    if not name.isupper():
        if len(capitals) == 2 and capitals[0] == 0:
            return f"{name[:capitals[1]]} {name[capitals[1]:]}"
        return name           # "Xiuhao": one word in title case
    if syllable_count(name) < 2:
        return name
    lower = name.lower()
    options = []
    for rank, surname in enumerate(SURNAMES):
        # A cut falls between syllables of the token read as one word (no zero-initial
        # syllable after it): LIANGYU is LIANG YU, never LI ANGYU.
        if lower.startswith(surname) and syllable_count(lower[len(surname):], False) in (1, 2):
            options.append((rank, len(surname)))
        if lower.endswith(surname) and surname[0] not in "aoe" \
                and syllable_count(lower[:-len(surname)]) in (1, 2):
            options.append((rank, len(name) - len(surname)))
    if not options:
        return name
    _, cut = min(options)
    return f"{name[:cut]} {name[cut:]}"
