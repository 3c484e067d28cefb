"""Which catalogue type a document is, from its text (fuzzy, tolerant to OCR errors).

A type is a candidate when one of its titles is found (rapidfuzz partial alignment, stricter for
short titles), none of its exclusions is present, and one of its `require_any` words is (the
words that set it apart from its siblings: 四级 vs 六级, 国家奖学金 vs 省政府奖学金).
"""
from __future__ import annotations

from dataclasses import dataclass

from limitup.recognise.catalogue import CertType
from limitup.recognise.text import fuzzy_find, has_cjk, key, min_similarity

# Title strength below which a type is not even considered.
MIN_TITLE = 0.75
KEYWORD_WEIGHT = 0.3
# Without a readable title, keywords worth this much still make a candidate, scored TITLE_LESS.
KEYWORDS_ALONE = 0.6
TITLE_LESS = 0.6


@dataclass
class TypeScore:
    cert: CertType
    title: float             # best title match x its weight, 0..1
    keywords: float          # weighted keyword evidence, 0..1
    excluded: str | None     # the exclusion word found, if any
    required: bool           # a require_any word is present (or none is required)
    title_less: bool = False  # a candidate on keywords alone (title unreadable)
    title_exact: bool = False  # one of its titles is in the text exactly, not only near

    @property
    def text_score(self) -> float:
        return self.title + KEYWORD_WEIGHT * self.keywords


def document_key(items) -> str:
    """All text in reading order, in comparison form, boxes joined (titles may be split)."""
    return "".join(item.key for item in items)


def _keyword_threshold(needle: str) -> float:
    """CJK keywords of four characters tolerate one misread, as CJK labels do (考试科目 read
    考试科日); Latin ones stay exact (TEM4 is not TEM8). A keyword adds evidence; a type still
    needs its title, or its keywords and a valid key field."""
    return 0.75 if len(needle) == 4 and has_cjk(needle) else min_similarity(needle)


def _found(term, doc: str, keyword: bool = False) -> float:
    """How closely a title or keyword is in the document (0..1); an `exact` term only as
    printed."""
    needle = key(term.text)
    threshold = 1.0 if term.exact else _keyword_threshold(needle) if keyword else None
    return fuzzy_find(needle, doc, threshold)[0]


def score_type(cert: CertType, doc: str) -> TypeScore:
    matches = [(_found(term, doc), term.weight) for term in cert.titles]
    title = max((found * weight for found, weight in matches), default=0.0)
    evidence = sum(_found(term, doc, keyword=True) * term.weight for term in cert.keywords)
    excluded = excluded_by(cert, doc)
    required = not cert.require_any or any(_required_found(word, doc) for word in cert.require_any)
    return TypeScore(cert, title, min(1.0, evidence), excluded, required,
                     title_exact=any(found == 1.0 for found, _ in matches))


def _required_found(word: str, doc: str) -> bool:
    """A require_any word in the document: near, as titles are, but a word holding digits only
    as printed (its digits are what it says: "Out of 120" is not GRE's "Out of 170", nor
    "Band 4" "Band 6")."""
    needle = key(word)
    exact = any(char.isdigit() for char in needle)
    return fuzzy_find(needle, doc, 1.0 if exact else None)[0] > 0


def excluded_by(cert: CertType, doc: str) -> str | None:
    """The first of the type's exclusion words in the document, not counting those its
    `exclusions_unless` words cancel."""
    cancelled = {word for word, unless in cert.exclusions_unless
                 if any(_printed(other, doc) for other in unless)}
    return next((word for word in cert.exclusions
                 if word not in cancelled and _printed(word, doc)), None)


def _printed(word: str, doc: str) -> bool:
    """The word is in the document exactly, in comparison form."""
    needle = key(word)
    return bool(needle) and needle in doc


def candidates(catalogue: dict, doc: str) -> list[TypeScore]:
    """Types worth extracting fields for, best text evidence first."""
    scored = [score_type(cert, doc) for cert in catalogue.values()]
    for item in scored:
        if item.title < MIN_TITLE and item.keywords >= KEYWORDS_ALONE:
            # The title is lost (faded, under a seal, cropped) but the type's own words are
            # there: a candidate, at a title strength that keeps it below full confidence.
            item.title, item.title_less = TITLE_LESS, True
    kept = [s for s in scored if (s.title >= MIN_TITLE or s.title_less) and not s.excluded]
    kept.sort(key=lambda s: -s.text_score)
    return kept
