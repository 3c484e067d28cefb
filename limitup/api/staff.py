"""Reviewer and operator endpoints.

The role is checked for the whole blueprint before any view runs (a blueprint before_request,
after authenticate): a refused request never reaches the Idempotency-Key layer, so a 403 is not
stored as the key's answer. No one decides their own credential or sets their own figures:
credentials.OwnCredential and ledger.OwnAccount (403 `own_credential`, `own_account`).
"""
from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from limitup import accounts, ledger
from limitup import credentials as store
from limitup.api.docs import ETAG_HEADER, REPLAYED_HEADER, errors
from limitup.api.idempotency import idempotent
from limitup.api.limit import limit_response
from limitup.api.schemas import (MAX_ID, BaseChangeSchema, IdempotencyHeaderSchema,
                                 ReviewDecisionSchema, ReviewItemSchema, ReviewListSchema,
                                 LimitSchema, UsedChangeSchema)
from limitup.api.security import (authenticate, current_user_id, require_operator,
                                  require_review)
from limitup.errors import NotFound
from limitup.store import get_db, get_rules

review_blp = Blueprint("review", __name__, url_prefix="/api/v1",
                       description="Reviewer: credentials that need a human decision")
review_blp.before_request(authenticate)
review_blp.before_request(require_review)
operator_blp = Blueprint("operator", __name__, url_prefix="/api/v1",
                         description="Operator: base limit and outstanding balance")
operator_blp.before_request(authenticate)
operator_blp.before_request(require_operator)


@review_blp.route("/review", methods=["GET"])
@review_blp.response(200, ReviewListSchema)
@errors(review_blp, 401, 403)
def review_queue():
    """Credentials in needs_review, oldest first."""
    # review_queue returns whole rows in one query: no store.get per item.
    return {"items": store.review_queue(get_db())}


@review_blp.route("/review/<int:credential_id>", methods=["POST"])
@idempotent
@review_blp.arguments(IdempotencyHeaderSchema, location="headers")
@review_blp.arguments(ReviewDecisionSchema)
@review_blp.response(200, ReviewItemSchema, headers=REPLAYED_HEADER)
@errors(review_blp, 401, 403, 404, 409)
def decide(_headers, decision, credential_id):
    """Approve (verified) or reject a credential in needs_review, with a note saying why.

    403 code own_credential: the credential is on the reviewer's own account. 422 code
    identity_note_required: approving a credential on which nothing identifying was read
    (`nothing_identifying_read`) needs `identity_note`, how the holder was identified.
    """
    if credential_id > MAX_ID:
        raise NotFound(f"no credential {credential_id}")
    if decision["decision"] == "approve":
        store.approve(get_db(), credential_id, get_rules(), reviewer_id=current_user_id(),
                      note=decision["note"], identity_note=decision.get("identity_note"))
    else:
        store.reject(get_db(), credential_id, get_rules(), reviewer_id=current_user_id(),
                     note=decision["note"])
    return store.get(get_db(), credential_id)


def _operator_change(setter, user_id: int, amount: int, key: str | None):
    if user_id > MAX_ID:
        raise NotFound(f"no account for user {user_id}")
    operator_id = current_user_id()
    result = setter(get_db(), user_id, amount, policy=get_rules().limits, actor="operator",
                    actor_id=operator_id,
                    idempotency_key=f"api:{operator_id}:{key}" if key else None)
    return limit_response(result.account)


@operator_blp.route("/accounts/<int:user_id>/base", methods=["PUT"])
@idempotent
@operator_blp.arguments(IdempotencyHeaderSchema, location="headers")
@operator_blp.arguments(BaseChangeSchema)
@operator_blp.response(200, LimitSchema, headers={**ETAG_HEADER, **REPLAYED_HEADER})
@errors(operator_blp, 401, 403, 404, 409)
def set_base(headers, change, user_id):
    """Set an account's base limit (from the credit system); current follows a falling ceiling.

    403 code own_account: an operator does not set their own base.
    """
    return _operator_change(ledger.set_base, user_id, change["base_fen"],
                            headers.get("idempotency_key"))


@operator_blp.route("/accounts/<int:user_id>/used", methods=["PUT"])
@idempotent
@operator_blp.arguments(IdempotencyHeaderSchema, location="headers")
@operator_blp.arguments(UsedChangeSchema)
@operator_blp.response(200, LimitSchema, headers={**ETAG_HEADER, **REPLAYED_HEADER})
@errors(operator_blp, 401, 403, 404, 409)
def set_used(headers, change, user_id):
    """Set an account's outstanding balance (from the credit system).

    403 code own_account: an operator does not set their own balance.
    """
    return _operator_change(ledger.set_used, user_id, change["used_fen"],
                            headers.get("idempotency_key"))


class NewUserSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100), metadata={
        "description": "the verified (KYC) name: Chinese (阿依古丽·买买提) or a passport name in "
                       "Latin letters as the passport prints it (José García López)"})
    id_number = fields.String(required=True, load_only=True, validate=validate.Length(max=40),
                              metadata={"description": "18-character resident ID (stored hashed)"})
    base_fen = fields.Integer(required=True, validate=validate.Range(min=0, max=10**12))
    used_fen = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10**12))


class NewUserIdSchema(Schema):
    id = fields.Integer(required=True)


@operator_blp.route("/users", methods=["POST"])
@idempotent
@operator_blp.arguments(IdempotencyHeaderSchema, location="headers")
@operator_blp.arguments(NewUserSchema)
@operator_blp.response(201, NewUserIdSchema, headers=REPLAYED_HEADER)
@errors(operator_blp, 401, 403, 409)
def add_user(_headers, new):
    """Open an account for a user (as `limitup users add`); a passport name is accepted."""
    user_id = accounts.add_user(get_db(), name=new["name"], id_number=new["id_number"],
                                base_fen=new["base_fen"], used_fen=new["used_fen"],
                                secret_key=current_app.config["SECRET_KEY"],
                                policy=get_rules().limits)
    return {"id": user_id}
