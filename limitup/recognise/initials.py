"""Names the certificate number vouches for (pure functions).

An IELTS TRF number repeats the holder's initials: the family name's first three letters and
the given name's initial (23BD012345RAHK050A for RAHMAN KARIM; 28 real forms 2015-2026, the
catalogue's `initials_in_number`). A name read that gives other letters lost or misread a word;
a page that prints no name label (a British Council results page) still shows the one run of
words those letters point to.
"""
from __future__ import annotations

import re
from dataclasses import replace

from limitup.recognise import values
from limitup.recognise.catalogue import FieldSpec
from limitup.recognise.found import Found

# Runs of words between punctuation and digits: "Arjun Kaur, Sunday January 24 2021" holds
# "Arjun Kaur" and "Sunday January".
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[ '’.-][^\W\d_]+)*")
# A name found by its initials alone, with no label: below the confidence of a labelled one,
# so it is held for review.
INITIALS_CONFIDENCE = 0.6


def letters_in_number(spec: FieldSpec | None, number: Found | None) -> str | None:
    """The initials a valid number repeats, or None."""
    if spec is None or not spec.initials_in_number or number is None or not number.valid:
        return None
    match = re.search(spec.initials_in_number, str(number.value or ""))
    return match.group("v") if match else None


def disagree(spec: FieldSpec | None, name: Found | None, number: Found | None) -> bool:
    """A valid name of two words or more whose initials are not the ones its number repeats."""
    letters = letters_in_number(spec, number)
    if letters is None or name is None or not name.valid or not name.value:
        return False
    return not values.initials_agree(str(name.value), letters)


def name_by_letters(spec: FieldSpec, items, letters: str) -> Found | None:
    """The one run of two to five capitalised words on the page whose initials are `letters`;
    None when none or two different runs agree."""
    agreeing = {}
    for item in items:
        for run in _WORD_RUN.findall(item.text):
            words = [word for word in run.split() if word[:1].isupper()]
            found = _agreeing_words(spec, words, letters)
            if found:
                agreeing.setdefault(found.upper(), (found, item))
    if len(agreeing) != 1:
        return None
    value, item = next(iter(agreeing.values()))
    return Found(value, INITIALS_CONFIDENCE, item, None, True, "initials")


def _agreeing_words(spec: FieldSpec, words: list, letters: str) -> str | None:
    """The longest run of 2-5 of `words` shaped as a name whose initials are `letters`. Five:
    an Arabic name of given names and a two-word family name (BIN RASHID: holdout12b)."""
    for size in (5, 4, 3, 2):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start:start + size])
            if values.initials_agree(candidate, letters) and any(
                    shape >= 0.5 for _, shape in values.name_roman(spec, candidate)):
                return candidate
    return None


def spelled_family_name(spec: FieldSpec | None, given: Found, number: Found | None) -> Found:
    """The given name read alone, with the family name the number spells out in full, for
    review: three letters are a family name of two and the given name's initial (WUS for WU
    SIYUAN; a short family name in a grey field is the box OCR most often never detects). Four
    letters give only the family name's start, and two may stand for a form with no family name
    (a Myanmar form's "-"): `given` is returned as it is then."""
    letters = letters_in_number(spec, number)
    words = [word.upper() for word in str(given.value or "").split()]
    if letters is None or len(letters) != 3 or not words or words[0][:1] != letters[2]:
        return given
    if words[0] == letters[:2]:
        return given        # the family name itself (LI of LIL, its given name LEI lost)
    return replace(given, value=f"{letters[:2]} {given.value}", doubted=True)
