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


def _pinyin_syllables() -> frozenset:
    """Every toneless syllable of pypinyin's character table (ü written v: lv, nve), less the
    interjections with no vowel (m, ng, hm). A table built as every initial with every final
    also holds ~420 syllables Chinese does not have (ko, fi, bua), which let OCR garbage such as
    KOAN read as pinyin."""
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_normal
    readings = {reading for line in PINYIN_DICT.values() for reading in line.split(",")}
    plain = {to_normal(reading).replace("ü", "v") for reading in readings}
    return frozenset(syllable for syllable in plain
                     if syllable.isascii() and any(vowel in syllable for vowel in "aeiouv"))


PINYIN = _pinyin_syllables()
# Pinyin writes a syllable without an initial only with a, o or e (i, u, ü become yi, wu, yu),
# and inside a word only after an apostrophe (Xi'an): so "TAEN" and "YANIUN" are not pinyin.
ZERO_INITIAL = frozenset(syllable for syllable in PINYIN if syllable[0] in "aoe")
SYLLABLES = PINYIN - ZERO_INITIAL


# A name as printed on a passport or a test report: the apostrophe that pinyin puts before a
# syllable with no initial is dropped (Ruo'e prints RUOE, E'chen ECHEN), and ü after l and n is
# written YU (吕 LYU, 女 NYU), as the passport rules have it.
PASSPORT_U = frozenset(("lyu", "nyu", "lyue", "nyue"))
NAME_SYLLABLES = PINYIN | PASSPORT_U


@lru_cache(maxsize=2048)
def syllable_count(word: str, first: bool = True, printed: bool = False) -> int:
    """How many pinyin syllables `word` splits into (fewest), or 0 when it is not pinyin.
    `printed`: pinyin as names print it (NAME_SYLLABLES anywhere in the word: RUOE, LYU)."""
    word = word.lower()
    if not word:
        return 0
    allowed = NAME_SYLLABLES if printed else PINYIN if first else SYLLABLES
    best = 0
    for size in range(min(6, len(word)), 0, -1):
        if word[:size] in allowed:
            rest = word[size:]
            count = 1 if not rest else syllable_count(rest, False, printed)
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
