"""The user's own limit: read it (with an ETag), change it (If-Match, Idempotency-Key), and its
history (the ledger, newest first, by cursor)."""
from __future__ import annotations

import re

from flask import request
from flask_smorest import Blueprint

from limitup import ledger
from limitup.api.docs import ETAG_HEADER, REPLAYED_HEADER, RETRY_AFTER_HEADER, errors
from limitup.api.idempotency import idempotent
from limitup.api.schemas import (HistoryQuerySchema, HistorySchema, IfMatchHeaderSchema,
                                 LimitChangeSchema, LimitSchema)
from limitup.api.security import authenticate, current_user_id
from limitup.errors import LimitupError
from limitup.store import get_db, get_rules

blp = Blueprint("limit", __name__, url_prefix="/api/v1",
                description="The credit limit: read, raise or lower, history")
blp.before_request(authenticate)

_ETAG_VALUE = re.compile(r'^"(\d{1,15})"$')


class PreconditionRequired(LimitupError):
    code = "precondition_required"
    status = 428


def etag(account: dict) -> str:
    return f'"{account["version"]}"'


def expected_version(header: str | None) -> int | None:
    """The version an If-Match names; None for `*`. A tag we never issued matches nothing."""
    if header is None or not header.strip():
        raise PreconditionRequired("send If-Match with the ETag of GET /limit")
    value = header.strip()
    if value == "*":
        return None
    for tag in (part.strip() for part in value.split(",")):
        match = _ETAG_VALUE.match(tag)      # weak tags (W/"...") never match an If-Match
        if match:
            return int(match.group(1))
    return -1


def limit_response(account: dict, status: int = 200):
    return account, status, {"ETag": etag(account)}


@blp.route("/limit", methods=["GET"])
@blp.response(200, LimitSchema, headers=ETAG_HEADER)
@errors(blp, 401)
def get_limit():
    """The limit and its bounds; the ETag is the account's version."""
    account = ledger.account(get_db(), current_user_id(), get_rules().limits)
    return limit_response(account)


@blp.route("/limit", methods=["PUT"])
@idempotent
@blp.arguments(IfMatchHeaderSchema, location="headers")
@blp.arguments(LimitChangeSchema)
@blp.response(200, LimitSchema, headers={**ETAG_HEADER, **REPLAYED_HEADER})
@blp.alt_response(429, response="TOO_MANY_REQUESTS", headers=RETRY_AFTER_HEADER)
@errors(blp, 401, 409, 412, 428)
def put_limit(headers, change):
    """Set the current limit (a multiple of the step, within floor and ceiling).

    422 codes: above_ceiling, below_floor, not_step_multiple, raise_quota_exceeded,
    idempotency_key_reused, invalid_request.
    """
    user_id = current_user_id()
    version = expected_version(request.headers.get("If-Match"))
    key = headers.get("idempotency_key")
    result = ledger.set_current(
        get_db(), user_id, change["current_fen"], policy=get_rules().limits, actor="user",
        actor_id=user_id, expected_version=version,
        idempotency_key=f"api:{user_id}:{key}" if key else None)
    return limit_response(result.account)


@blp.route("/limit/history", methods=["GET"])
@blp.arguments(HistoryQuerySchema, location="query")
@blp.response(200, HistorySchema)
@errors(blp, 401)
def history(query):
    """Every change of base, used, bonus, ceiling or current, newest first."""
    size = query["limit"]
    rows = ledger.entries(get_db(), current_user_id(), limit=size + 1,
                          before_seq=query.get("before"))
    items = rows[:size]
    next_cursor = items[-1]["seq"] if len(rows) > size else None
    return {"items": items, "next_cursor": next_cursor}
