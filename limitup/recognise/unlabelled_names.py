"""A romanised name printed with no label, found by where the type's layout prints it (pure
functions over layout items)."""
from __future__ import annotations

import re

from limitup.recognise.catalogue import FieldSpec
from limitup.recognise.dates import find_dates
from limitup.recognise.found import PLACE_QUALITY, Found
from limitup.recognise.found import ocr_quality as _ocr

# A printed name: 2-4 words of letters, each capitalised (Aung Min Thant, UR RAHIM), a comma
# allowed after the family name ("Thant, Aung").
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*")
# How far below the name's box the date's box may start, in the name's heights.
MAX_GAP = 1.0
# Worth of the place: the type's layout says it, no label does.
ABOVE_A_DATE = 0.9


def above_a_date(spec: FieldSpec, items, others_values: set) -> list[Found]:
    """The name printed alone on the line right above a date (Duolingo certificates 2021-2025:
    the name, then the test date or "Date of birth: ..." under it, left-aligned): any name,
    pinyin or not, as the type's layout vouches for the place."""
    found = []
    for item in items:
        if item in others_values:
            continue
        words = item.text.replace(",", " ").split()
        if not 2 <= len(words) <= 4 or not all(
                _NAME_WORD.fullmatch(word) and (word.isupper() or word[0].isupper())
                for word in words):
            continue
        if any(word.lower() in spec.words.not_name_words for word in words):
            continue
        if any(_right_below(item, other) and find_dates(other.text) for other in items):
            found.append(Found(" ".join(words), PLACE_QUALITY["pattern"] * ABOVE_A_DATE
                               * _ocr(item), item, None, True, "pattern"))
    return found


def _right_below(upper, lower) -> bool:
    """`lower` starts on the next line under `upper`, at about the same left edge."""
    height = upper.height
    gap = lower.box[1] - upper.box[3]
    return (-0.3 * height <= gap <= MAX_GAP * height
            and abs(lower.box[0] - upper.box[0]) <= 1.5 * height)
