"""The label words no one type owns (rules/labels.yaml), as a validated object.

A type's own labels are in its catalogue file. These are the words certificates of many types
(and documents outside the catalogue) print around their values: labels that end a value the
type does not read, words that are never a holder's name, words beside a date that is not the
issue date. Recognition reads them from here; rules.py links them to every catalogue type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema


# OCR reads an l of a label word as t, or an i as l ("Middte Name" on a TOEFL report's legend,
# holdout28d; "Emall", holdout24c): a word of five letters or more is taken for a label word
# when it reads as one with l, t, i and 1 taken for one letter. No real romanised name of the
# sets (412 words of five letters or more) nor any two pinyin syllables but "lotai" read so.
_LIKE_L = str.maketrans({"t": "l", "i": "l", "1": "l", "|": "l", "!": "l"})
MISREAD_MIN_LETTERS = 5


class WordSet(frozenset):
    """Lower-case words. `word in words` also holds for a word of `misread` (the English label
    words) as OCR misreads it (_LIKE_L); shorter words only as written (a four-letter name may be
    one such misread from "last" or "test")."""

    def __new__(cls, words, misread=()):
        made = super().__new__(cls, words)
        made.misread = frozenset(word.translate(_LIKE_L) for word in misread
                                 if len(word) >= MISREAD_MIN_LETTERS)
        return made

    def __contains__(self, word) -> bool:
        word = str(word).lower()
        return frozenset.__contains__(self, word) or (
            len(word) >= MISREAD_MIN_LETTERS and word.translate(_LIKE_L) in self.misread)


@dataclass(frozen=True)
class LabelWords:
    ends_value: tuple           # labels that end any value (they start the next field)
    ends_value_anywhere: frozenset   # of those, short ones that end a value wherever they stand
    not_issue_date: tuple       # a date in or next to a box holding one is not the issue date
    not_names: frozenset        # CJK words that are never a name, though 2-4 characters long
    not_name_endings: tuple     # a CJK run ending so names a place, a body or a label
    not_name_words: frozenset   # a romanised name holding one of these is refused
    ends_name_words: frozenset  # a romanised name ends before one of these
    prose_words: frozenset      # two of these make a box an English sentence, not a label row
    not_certificates: tuple = ()   # words of documents no type is: every type's exclusions
    # How a certificate addresses its holder after the name (同学, 同志, 君).
    address_forms: tuple = ()
    # How honour certificates name their holder with no label (张三同学：): the value patterns
    # of every name field with `honour_names: true`, before its own; {address} written out.
    honour_name_patterns: tuple = ()

    @property
    def address(self) -> str:
        """A regex for one form of address that no other form follows (王丽君同学: the form is
        同学, and 君 ends the given name)."""
        forms = "|".join(map(re.escape, self.address_forms))
        return f"(?:{forms})(?!{forms})"

    def with_address(self, pattern: str) -> str:
        """`pattern` with its {address} written out."""
        return pattern.replace("{address}", self.address)


def _words(*checks):
    return fields.List(fields.String(validate=validate.Length(min=1)), required=True,
                       validate=[validate.Length(min=1), *checks])


def value_pattern(pattern: str) -> None:
    """A value pattern (here or a catalogue field's): a regex with a group (?P<v>...)."""
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValidationError(f"not a valid regular expression: {error}") from None
    if "(?P<v>" not in pattern:
        raise ValidationError("each value pattern needs a group (?P<v>...)")


def _lower_case(words: list) -> None:
    upper = [word for word in words if word != word.lower()]
    if upper:
        raise ValidationError(f"compared lower-cased: write {', '.join(upper)} in lower case")


class LabelWordsSchema(Schema):
    ends_value = _words()
    ends_value_anywhere = _words()
    not_issue_date = _words()
    not_names = _words()
    not_name_endings = _words()
    english_label_words = _words(_lower_case)
    place_names = _words(_lower_case)
    name_followers = _words(_lower_case)
    prose_words = _words(_lower_case)
    not_certificates = _words()
    address_forms = _words()
    honour_name_patterns = fields.List(fields.String(validate=value_pattern), required=True,
                                       validate=validate.Length(min=1))

    @validates_schema
    def anywhere_ends_a_value(self, data, **_):
        stray = set(data.get("ends_value_anywhere", ())) - set(data.get("ends_value", ()))
        if stray:
            raise ValidationError(f"{', '.join(sorted(stray))}: not in ends_value",
                                  "ends_value_anywhere")

    @post_load
    def make(self, data, **_) -> LabelWords:
        english = frozenset(data["english_label_words"])
        words = LabelWords(
            ends_value=tuple(data["ends_value"]),
            ends_value_anywhere=frozenset(data["ends_value_anywhere"]),
            not_issue_date=tuple(data["not_issue_date"]),
            not_names=frozenset(data["not_names"]),
            not_name_endings=tuple(data["not_name_endings"]),
            not_name_words=WordSet(english | frozenset(data["place_names"]), misread=english),
            ends_name_words=WordSet(english | frozenset(data["name_followers"]), misread=english),
            prose_words=frozenset(data["prose_words"]),
            not_certificates=tuple(data["not_certificates"]),
            address_forms=tuple(data["address_forms"]))
        return replace(words, honour_name_patterns=tuple(
            words.with_address(pattern) for pattern in data["honour_name_patterns"]))
