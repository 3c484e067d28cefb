"""Marshmallow schemas for every request and response body of /api/v1 (and so the OpenAPI
document). Money is integer fen everywhere; nothing here carries an ID number in clear."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_smorest.fields import Upload

from limitup.credential_view import CredentialView

MAX_FEN = 10**12           # ten billion yuan: far above any limit, far below SQLite's int64
MAX_ID = 2**53             # ids past this are never ours (and would overflow SQLite)


def _fen(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_FEN), **kwargs)


class ProblemSchema(Schema):
    type = fields.String(required=True, metadata={"description": "urn:limitup:problem:<code>"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    code = fields.String(required=True, metadata={"description": "the SPEC reason code"})
    errors = fields.Dict(metadata={"description": "field messages, for code invalid_request"})


# --- headers and query strings -----------------------------------------------------------------

class IdempotencyHeaderSchema(Schema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key", validate=validate.Length(min=1, max=255),
        metadata={"description": "Makes a retry safe: the same key with the same request "
                                 "replays the first response (keys are per user, kept 24 h)."})


class IfMatchHeaderSchema(IdempotencyHeaderSchema):
    if_match = fields.String(
        data_key="If-Match", validate=validate.Length(max=200),
        metadata={"description": "The ETag of GET /limit; required (428 without, 412 stale)."})


class WaitQuerySchema(Schema):
    wait = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10),
                          metadata={"description": "seconds to wait for a decision (0-10)"})


class HistoryQuerySchema(Schema):
    before = fields.Integer(validate=validate.Range(min=1, max=MAX_ID),
                            metadata={"description": "cursor: next_cursor of the previous page"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


# --- catalogue ---------------------------------------------------------------------------------

class BandSchema(Schema):
    label = fields.String(required=True)
    level = fields.String(allow_none=True)
    min_score = fields.Float(allow_none=True)
    bonus_fen = fields.Integer(required=True)


class CatalogueTypeSchema(Schema):
    id = fields.String(required=True)
    names = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"description": "display name per page language (zh, en)"})
    category = fields.String(required=True)
    titles = fields.List(fields.String(), required=True)
    banding = fields.String(required=True, validate=validate.OneOf(("flat", "level", "score")))
    bands = fields.List(fields.Nested(BandSchema), required=True)


class CategorySchema(Schema):
    id = fields.String(required=True)
    cap_fen = fields.Integer(required=True)


class CatalogueSchema(Schema):
    types = fields.List(fields.Nested(CatalogueTypeSchema), required=True)
    categories = fields.List(fields.Nested(CategorySchema), required=True)
    stacking_percent = fields.List(fields.Integer(), required=True)
    global_cap_fen = fields.Integer(required=True)
    step_fen = fields.Integer(required=True)


# --- limit -------------------------------------------------------------------------------------

class LimitSchema(Schema):
    base_fen = fields.Integer(required=True)
    used_fen = fields.Integer(required=True)
    bonus_fen = fields.Integer(required=True)
    ceiling_fen = fields.Integer(required=True)
    floor_fen = fields.Integer(required=True)
    current_fen = fields.Integer(required=True)
    step_fen = fields.Integer(required=True)
    min_selectable_fen = fields.Integer(required=True)
    max_selectable_fen = fields.Integer(required=True)
    raises_left = fields.Integer(required=True)
    version = fields.Integer(required=True, metadata={"description": "also the ETag"})


class LimitChangeSchema(Schema):
    current_fen = _fen(required=True)


class LedgerEntrySchema(Schema):
    seq = fields.Integer(required=True)
    kind = fields.String(required=True)
    actor = fields.String(required=True)
    reason = fields.String(required=True)
    created_at = fields.String(required=True)
    base_before = fields.Integer(allow_none=True)
    base_after = fields.Integer(required=True)
    used_before = fields.Integer(allow_none=True)
    used_after = fields.Integer(required=True)
    bonus_before = fields.Integer(allow_none=True)
    bonus_after = fields.Integer(required=True)
    ceiling_before = fields.Integer(allow_none=True)
    ceiling_after = fields.Integer(required=True)
    current_before = fields.Integer(allow_none=True)
    current_after = fields.Integer(required=True)


class HistorySchema(Schema):
    items = fields.List(fields.Nested(LedgerEntrySchema), required=True)
    next_cursor = fields.Integer(allow_none=True, required=True,
                                 metadata={"description": "pass as ?before= for the next page"})


# --- credentials -------------------------------------------------------------------------------

class UploadSchema(Schema):
    image = Upload(required=True, metadata={"description": "JPEG, PNG, WebP or HEIC photo"})


class CredentialSchema(CredentialView):
    """The credential view as the API shows it to its owner (their own id goes without saying;
    the web form's type hint is the web page's)."""
    class Meta:
        exclude = ("user_id", "type_hint")


class CredentialListSchema(Schema):
    items = fields.List(fields.Nested(CredentialSchema), required=True)


class WithdrawnSchema(CredentialSchema):
    limit = fields.Nested(LimitSchema, required=True)


# --- review and operator -----------------------------------------------------------------------

class ReviewItemSchema(CredentialView):
    """The credential view as the API shows it to reviewers: whose it is, too."""
    class Meta:
        exclude = ("type_hint",)


class ReviewListSchema(Schema):
    items = fields.List(fields.Nested(ReviewItemSchema), required=True)


class ReviewDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("approve", "reject")))
    note = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    identity_note = fields.String(
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "how the reviewer knows the certificate is the account "
                                 "holder's; required to approve a credential whose "
                                 "nothing_identifying_read is true (422 "
                                 "identity_note_required without it)"})


class BaseChangeSchema(Schema):
    base_fen = _fen(required=True)


class UsedChangeSchema(Schema):
    used_fen = _fen(required=True)
