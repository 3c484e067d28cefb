"""What a sample certificate says, independent of how it is laid out.

A `Doc` is the printed content: title lines, label/value fields (each value tagged with the role
it plays, so the renderer can report where the holder name and number landed), score tables,
a free-text body (honour certificates), issuer lines and a date. Layouts turn a Doc into pixels.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Field:
    labels: tuple[str, ...]   # first = the usual wording; others = synonyms real documents use
    value: str
    role: str | None = None   # "name", "number", "id", "level", "score", "date" or None (distractor)

    def label(self, rng: random.Random, style: str) -> str:
        if style == "holdout" and len(self.labels) > 1:
            return rng.choice(self.labels)
        return self.labels[0]


@dataclass
class Doc:
    lang: str                                  # "zh" or "en": picks fonts and separators
    title: list[str]                           # main title first
    subtitle: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    scores: list[tuple[str, str, str | None]] = field(default_factory=list)  # (label, value, role)
    body: list[tuple[str, str | None]] = field(default_factory=list)        # text segments with roles
    issuer: list[str] = field(default_factory=list)
    footer_date: str | None = None             # the date printed under the issuer (no label)
    photo: bool = False                        # a photo box (ID-photo placeholder)
    seal_text: str = ""                        # text around the issuer's seal
    footnote: str = ""                         # small print at the bottom
