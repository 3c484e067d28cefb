"""The user's credentials: upload a photo (processed in the background), list, read, withdraw.

Another user's credential is answered 404 exactly as a missing one: its existence is not
revealed. The views return stored rows; their response schemas (limitup.credential_view's, as
derived in limitup/api/schemas.py) turn them into bodies.
"""
from __future__ import annotations

from flask import current_app, url_for
from flask_smorest import Blueprint

from limitup import credentials as store
from limitup import jobs, uploads
from limitup.api.docs import LOCATION_HEADER, REPLAYED_HEADER, RETRY_AFTER_HEADER, errors
from limitup.api.idempotency import idempotent
from limitup.api.limit import etag
from limitup.api.schemas import (MAX_ID, CredentialListSchema, CredentialSchema,
                                 IdempotencyHeaderSchema, UploadSchema, WaitQuerySchema,
                                 WithdrawnSchema)
from limitup.api.security import authenticate, current_user_id
from limitup.errors import NotFound
from limitup.store import get_db, get_rules, pipeline_settings

blp = Blueprint("credentials", __name__, url_prefix="/api/v1",
                description="Certificate photos: upload, status, withdraw")
blp.before_request(authenticate)


def own_credential(credential_id: int) -> dict:
    """The caller's credential, or 404 (also for another user's)."""
    if credential_id > MAX_ID:
        raise NotFound(f"no credential {credential_id}")
    try:
        row = store.get(get_db(), credential_id)
    except NotFound:
        row = None
    if row is None or row["user_id"] != current_user_id():
        raise NotFound(f"no credential {credential_id}")
    return row


@blp.route("/credentials", methods=["POST"])
# Photo work and ?wait must not hold the write lock; a retry after a crash finds the same
# credential by its upload_key instead.
@idempotent(atomic=False)
@blp.arguments(IdempotencyHeaderSchema, location="headers")
@blp.arguments(WaitQuerySchema, location="query")
@blp.arguments(UploadSchema, location="files")
@blp.response(202, CredentialSchema, headers={**LOCATION_HEADER, **REPLAYED_HEADER},
              description="Accepted: queued or processing; poll the Location")
@blp.alt_response(201, schema=CredentialSchema, headers={**LOCATION_HEADER, **REPLAYED_HEADER},
                  description="Decided within ?wait")
@blp.alt_response(429, response="TOO_MANY_REQUESTS", headers=RETRY_AFTER_HEADER)
@errors(blp, 401, 409, 413)
def upload(headers, query, files):
    """Upload a certificate photo (multipart field `image`).

    422 codes: unreadable_image, idempotency_key_reused, invalid_request.
    """
    db = get_db()
    key = headers.get("idempotency_key")
    credential_id = uploads.accept(db, current_user_id(), files["image"].read(),
                                   pipeline_settings(),
                                   start=uploads.in_background(current_app.config),
                                   upload_key=f"api:{key}" if key else None)
    row = (jobs.wait_for_decision(db, credential_id, query["wait"]) if query["wait"]
           else store.get(db, credential_id))
    status = 201 if row["status"] in jobs.FINAL_STATUSES else 202
    location = url_for("credentials.get_credential", credential_id=credential_id)
    return row, status, {"Location": location}


@blp.route("/credentials", methods=["GET"])
@blp.response(200, CredentialListSchema)
@errors(blp, 401)
def list_credentials():
    """The caller's credentials, oldest first."""
    return {"items": store.list_for_user(get_db(), current_user_id())}


@blp.route("/credentials/<int:credential_id>", methods=["GET"])
@blp.response(200, CredentialSchema)
@errors(blp, 401, 404)
def get_credential(credential_id):
    """One credential: status, type, fields (ID masked), reasons, bonus and its explanation."""
    return own_credential(credential_id)


@blp.route("/credentials/<int:credential_id>", methods=["DELETE"])
@idempotent
@blp.arguments(IdempotencyHeaderSchema, location="headers")
@blp.response(200, WithdrawnSchema, headers=REPLAYED_HEADER)
@errors(blp, 401, 404, 409)
def withdraw(_headers, credential_id):
    """Withdraw a verified credential: its bonus leaves the ceiling (current may fall).

    409 code wrong_status when the credential is not verified.
    """
    own_credential(credential_id)
    result = store.withdraw(get_db(), credential_id, get_rules(), user_id=current_user_id())
    row = store.get(get_db(), credential_id)
    account = result["account"]
    return {**row, "limit": account}, 200, {"ETag": etag(account)}
