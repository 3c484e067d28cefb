"""What recognition returns (SPEC 2)."""
from __future__ import annotations

from dataclasses import dataclass, field

from limitup.ocr.base import TextBox

FIELD_NAMES = ("holder_name", "cert_number", "issue_date", "level", "score")


@dataclass
class Recognition:
    type: str | None                      # catalogue id, or None when not recognised
    confidence: float                      # 0..1
    fields: dict = field(default_factory=lambda: dict.fromkeys(FIELD_NAMES))
    # Per field: 0..1 confidence, and the TextBox it was read from (for drawing on the photo).
    field_confidence: dict = field(default_factory=dict)
    field_boxes: dict = field(default_factory=dict)
    # Facts the verifier needs that SPEC 2 does not print: the holder's printed ID number
    # (kept in memory only: never stored or logged in clear), sex, issuer, category...
    extras: dict = field(default_factory=dict)
    # Structure checks already run by recognition: [{"code": "number_format_ok"}, ...]
    checks: list = field(default_factory=list)
    # Fields another reading on the same page vouches for (a total equal to the sum of its
    # sections): a second reading's value so vouched needs no other witness (ocr.detail.merge).
    vouched: set = field(default_factory=set)

    def as_json(self) -> dict:
        return {"type": self.type, "confidence": round(self.confidence, 3),
                "fields": dict(self.fields), "checks": list(self.checks)}


# The extra of an untyped page that names one type in that type's own words, with none of its
# key fields read (an IDP results page whose bands are printed in colour, lost with the red
# channel): the reader reads it again in full (limitup/reader.py) for that type's key fields.
NEAR_TYPE_EXTRA = "near_type"


def doubted_fields(checks) -> list[str]:
    """The fields a recognition's `checks` (as_json's, or stored) report low_confidence."""
    return sorted({name for check in checks or () if isinstance(check, dict)
                   and check.get("code") == "low_confidence" for name in check.get("fields") or ()})


__all__ = ["Recognition", "TextBox", "FIELD_NAMES", "NEAR_TYPE_EXTRA", "doubted_fields"]
