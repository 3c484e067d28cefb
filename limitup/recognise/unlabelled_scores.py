"""A score read with its label unreadable: the number the type's arithmetic, its level or its
print size vouches for (pure functions over layout items)."""
from __future__ import annotations

import math
import re
from itertools import combinations

from limitup.recognise import validators
from limitup.recognise.catalogue import FieldSpec
from limitup.recognise.found import PLACE_QUALITY, Found
from limitup.recognise.found import ocr_quality as _ocr


def overall_of_parts(spec: FieldSpec, items) -> list[Found]:
    """Labels unreadable: the overall score is the standalone number that the catalogue's
    arithmetic makes of N others: their sum (CET: listening + reading + writing; TOEFL: four
    sections) or their mean to the score's step, halves up (IELTS: four bands). Several boxes
    may print that one value (a band equal to the overall); two different values: none."""
    numbers = [(value, item) for item in items
               for value in [_standalone_number(item.text)] if value is not None]
    if len(numbers) > 12:
        return []
    count = spec.sum_of_parts or spec.mean_of_parts
    agreeing = {}
    for value, item in numbers:
        others = [number for number, other in numbers if other is not item]
        if validators.score_ok(value, spec) and any(
                combine_parts(spec, parts) == value for parts in combinations(others, count)):
            agreeing.setdefault(value, item)
    return _the_one_score(agreeing)


# The extras that hold a type's section scores are named so (section_listening ...).
SECTION_PREFIX = "section_"


def section_scores(cert, extras: dict) -> list[Found] | None:
    """The section scores (Found) of a type whose total is their sum or mean, when the
    catalogue defines exactly as many sections as the total is made of and every one was read
    valid; else None."""
    spec = cert.fields.get("score")
    count = spec and (spec.sum_of_parts or spec.mean_of_parts)
    names = [name for name in cert.extras if name.startswith(SECTION_PREFIX)]
    if not count or len(names) != count:
        return None
    read = [extras.get(name) for name in names]
    if any(found is None or not found.valid or found.value is None for found in read):
        return None
    return read


def combine_parts(spec: FieldSpec, parts) -> float:
    """The total the type's arithmetic makes of its section scores."""
    if spec.sum_of_parts:
        return float(sum(parts))
    return _mean_to_step(parts, spec.step)


def score_of_level(spec: FieldSpec, items, level: str, others_values: set) -> list[Found]:
    """Labels unreadable: the score is the one standalone number in the range its level is
    given for (普通话 三级乙等: 60-69.9), outside other fields' labels and values."""
    low, high = spec.level_ranges.get(level, (None, None))
    if low is None:
        return []
    agreeing = {}
    for item in items:
        value = _standalone_number(item.text)
        if (item not in others_values and value is not None and low <= value <= high
                and validators.score_ok(value, spec)):
            agreeing.setdefault(value, item)
    return _the_one_score(agreeing)


# How much taller the score's digits must be than any other number's (a Duolingo overall is
# about twice its subscores' height).
LARGEST_BY = 1.5


def largest_score(spec: FieldSpec, items) -> list[Found]:
    """Labels unreadable (a page in a language the OCR model does not read): the number in the
    score's range printed clearly larger than every other number on the page (two at least)."""
    numbers = sorted(((item.height, value, item) for item in items
                      for value in [_standalone_number(item.text)]
                      if value is not None and validators.score_ok(value, spec)),
                     key=lambda entry: -entry[0])
    # Larger than others: with one number alone on the page (a scale's end, 160, the scores
    # unread) there is nothing to be larger than.
    if len(numbers) < 2 or numbers[0][0] < LARGEST_BY * numbers[1][0]:
        return []
    return _the_one_score({numbers[0][1]: numbers[0][2]})


def _the_one_score(agreeing: dict) -> list[Found]:
    """{value: first box printing it} -> that value when it is the only one, else nothing."""
    if len(agreeing) != 1:
        return []
    (value, item), = agreeing.items()
    return [Found(value, PLACE_QUALITY["anywhere"] * _ocr(item), item, None, True, "anywhere")]


def _standalone_number(text: str) -> float | None:
    """The score a box holds alone, after at most a short word ("写作和翻译144", "6.5"); a
    letter right before the digits makes a code, not a score (CEFR B1)."""
    match = re.fullmatch(r"\D{0,6}?(?<![A-Za-z])(\d{1,3}(?:\.\d)?)", text.strip())
    return float(match.group(1)) if match else None


def _mean_to_step(parts, step: float) -> float:
    """IELTS's rounding: 6.125 -> 6.0, 6.25 -> 6.5, 6.75 -> 7.0 (step 0.5)."""
    return math.floor(sum(parts) / len(parts) / step + 0.5) * step
