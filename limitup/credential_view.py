"""The credential as its owner, a client and a reviewer see it: one marshmallow schema.

`CredentialView().dump(row)` turns a stored row (credentials.get, list_for_user, review_queue)
into the view. The API's response schemas derive from it (limitup/api/schemas.py), so the
OpenAPI document, the API's bodies, the web pages, the review queue and the command line show
the same fields under the same names. Nothing in it identifies beyond what the user gave: no
hashes, no file names, no ID number in clear (holder_id_mask only).
"""
from __future__ import annotations

from marshmallow import Schema, fields, pre_dump, validate

from limitup.recognise.result import FIELD_NAMES, doubted_fields

STATUSES = ("queued", "processing", "verified", "needs_review", "rejected", "expired",
            "withdrawn", "revoked")
# A reading that found none of these ties nothing on the photo to the account.
IDENTIFYING_COLUMNS = ("holder_name", "cert_number", "holder_id_hash")


class CredentialFieldsSchema(Schema):
    holder_name = fields.String(allow_none=True)
    cert_number = fields.String(allow_none=True)
    issue_date = fields.String(allow_none=True)
    level = fields.String(allow_none=True)
    score = fields.Float(allow_none=True)


class NameComparedSchema(Schema):
    printed = fields.String(allow_none=True, required=True,
                            metadata={"description": "the holder name as the document prints it"})
    account = fields.String(allow_none=True, required=True,
                            metadata={"description": "the account's verified (KYC) name"})
    read = fields.String(required=True, validate=validate.OneOf(("guided", "blind", "conflict")),
                         metadata={"description": "guided: found by looking for the account's "
                                   "name; blind: read without it; conflict: another name is "
                                   "printed in a name position"})
    match = fields.Boolean(required=True)


class CredentialView(Schema):
    """Dumps a stored credential row. The order of the fields is the OpenAPI document's."""
    id = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    type = fields.String(allow_none=True, required=True)
    fields_ = fields.Nested(CredentialFieldsSchema, data_key="fields", required=True)
    holder_id_mask = fields.String(allow_none=True, metadata={"description": "masked ID"})
    reasons = fields.List(fields.String(), required=True)
    fields_in_doubt = fields.List(
        fields.String(validate=validate.OneOf(FIELD_NAMES)), required=True,
        metadata={"description": "while held for review: the fields recognition could not read "
                                 "with confidence (low_confidence), to retake or check first"})
    nothing_identifying_read = fields.Boolean(
        required=True,
        metadata={"description": "true when recognition read no holder name, no certificate "
                                 "number and no ID number: nothing ties the photo to the "
                                 "account (a reviewer approving it must give identity_note)"})
    name_compared = fields.Nested(
        NameComparedSchema, allow_none=True,
        metadata={"description": "which printed name was compared with which account name "
                                 "(null before the credential is checked)"})
    bonus_fen = fields.Integer(required=True)
    explanation = fields.Dict(allow_none=True, metadata={"description": "scoring line"})
    expires_on = fields.String(allow_none=True)
    created_at = fields.String(required=True)
    updated_at = fields.String(required=True)
    user_id = fields.Integer(required=True)
    type_hint = fields.String(
        allow_none=True,
        metadata={"description": "the type the user picked on the web form (null: detect it); "
                                 "shown beside what was read, never used to decide"})

    @pre_dump
    def from_row(self, row: dict, **_kwargs) -> dict:
        """The row's five field columns nested, and what is derived from the row beside them."""
        return {**row, "fields_": {name: row.get(name) for name in FIELD_NAMES},
                "reasons": row.get("reasons") or [],
                "fields_in_doubt": fields_in_doubt(row),
                "nothing_identifying_read": nothing_identifying_read(row),
                "name_compared": name_compared(row)}


def fields_in_doubt(row: dict) -> list[str]:
    """The fields recognition could not read with confidence (its low_confidence check) while a
    person has still to check the credential: the user sees what a sharper photo would fix, the
    reviewer what to look at first. Empty once decided."""
    if row.get("status") != "needs_review":
        return []
    doubted = doubted_fields((row.get("recognition") or {}).get("checks"))
    check = row.get("name_check") or {}
    if check.get("read") == "guided" and check.get("match"):
        # The blind reading doubted the name; read with the account's name it was sure.
        doubted = [name for name in doubted if name != "holder_name"]
    elif check.get("read") == "conflict" and "holder_name" not in doubted:
        doubted = sorted(doubted + ["holder_name"])
    return doubted


def name_compared(row: dict) -> dict | None:
    """Which printed name was compared with which account name, and how it was read (from the
    name_check column; None for credentials not yet checked, or checked before it existed)."""
    check = row.get("name_check")
    if not isinstance(check, dict):
        return None
    return {"printed": check.get("printed"), "account": check.get("account"),
            "read": check.get("read"), "match": bool(check.get("match"))}


def nothing_identifying_read(row: dict) -> bool:
    """True when recognition read neither the holder's name, nor a certificate number, nor an
    ID number: nothing ties the photo to the account. Only a finished reading counts (a queued
    credential has read nothing yet). A reviewer who approves such a credential must say how
    they know whose it is (`identity_note`, see credentials.approve)."""
    if row.get("status") in ("queued", "processing"):
        return False
    return not any(str(row.get(name) or "").strip() for name in IDENTIFYING_COLUMNS)


def view(row: dict) -> dict:
    """The credential view of a stored row."""
    return CredentialView().dump(row)
