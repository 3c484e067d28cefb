"""Reason codes, their outcomes (rules/checks.yaml) and the decision: the worst outcome wins."""
from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates

REASON_CODES = (
    "unreadable_image", "not_recognised", "low_confidence", "number_format_invalid",
    "id_number_invalid", "name_mismatch", "id_mismatch", "expired", "future_date",
    "score_below_threshold", "duplicate_certificate", "duplicate_image", "already_counted",
    "edited_image_suspected", "registry_confirmed", "registry_not_found",
)
DECISIONS = ("verified", "needs_review", "rejected")
_SEVERITY = {name: rank for rank, name in enumerate(DECISIONS)}


@dataclass(frozen=True)
class ChecksRules:
    outcomes: dict                 # reason code -> decision
    min_type_confidence: float
    min_field_confidence: float
    validity_years: dict           # type id -> years
    duplicate_image_max_distance: int
    # A read holder name this many characters (or fewer) from the KYC name is held for review
    # as low_confidence, not rejected as name_mismatch: what one misread character leaves.
    name_review_edits: int = 0

    def decide(self, reasons) -> str:
        """The worst outcome among the reasons; no reason: verified."""
        worst = "verified"
        for code in reasons:
            outcome = self.outcomes.get(code, "needs_review")  # an unknown code is held, not passed
            if _SEVERITY[outcome] > _SEVERITY[worst]:
                worst = outcome
        return worst


class _ConfidenceSchema(Schema):
    min_type = fields.Float(required=True, validate=validate.Range(min=0, max=1))
    min_field = fields.Float(required=True, validate=validate.Range(min=0, max=1))


class ChecksSchema(Schema):
    outcomes = fields.Dict(keys=fields.String(validate=validate.OneOf(REASON_CODES)),
                           values=fields.String(validate=validate.OneOf(DECISIONS)), required=True)
    confidence = fields.Nested(_ConfidenceSchema, required=True)
    validity_years = fields.Dict(keys=fields.String(),
                                 values=fields.Integer(validate=validate.Range(min=1, max=100)),
                                 load_default=dict)
    duplicate_image_max_distance = fields.Integer(required=True,
                                                  validate=validate.Range(min=0, max=64))
    name_review_edits = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2))

    @validates("outcomes")
    def every_code(self, value, **_):
        missing = [code for code in REASON_CODES if code not in value]
        if missing:
            raise ValidationError(f"missing outcome for: {', '.join(missing)}")

    @post_load
    def make(self, data, **_) -> ChecksRules:
        return ChecksRules(outcomes=dict(data["outcomes"]),
                           min_type_confidence=data["confidence"]["min_type"],
                           min_field_confidence=data["confidence"]["min_field"],
                           validity_years=dict(data["validity_years"]),
                           duplicate_image_max_distance=data["duplicate_image_max_distance"],
                           name_review_edits=data["name_review_edits"])
