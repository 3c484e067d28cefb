"""Bearer tokens: signed, expiring, carrying the user id and role; and who may do what.

The same token signs a web session in: `/login?token=...` shows a confirm page whose same-site
POST starts the session (docs/web.md). The session keeps the token's expiry (`expires_at`).

Roles (one rule for the API, the web console and the CLI, issue 21): a `reviewer` decides held
credentials (approve, reject, revoke); an `operator` sets base limits and outstanding balances.
The two duties are apart: an operator does not review, a reviewer does not set figures, and no
one decides their own credential or changes their own account (credentials.py, ledger.py).
"""
from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from limitup.errors import LimitupError

SALT = "limitup.bearer.v1"
ROLES = ("user", "reviewer", "operator")
REVIEW_ROLES = ("reviewer",)
OPERATOR_ROLES = ("operator",)


def may_review(role: str | None) -> bool:
    """The one check of who may see the review queue and decide credentials (API, web, CLI)."""
    return role in REVIEW_ROLES


def may_operate(role: str | None) -> bool:
    """Who may set an account's base limit and outstanding balance."""
    return role in OPERATOR_ROLES


class Unauthorized(LimitupError):
    code = "unauthorized"
    status = 401


def make_token(user_id: int, role: str, secret_key: str, ttl_seconds: int) -> str:
    if role not in ROLES:
        raise LimitupError(f"unknown role {role!r}", code="invalid_role")
    if ttl_seconds <= 0:
        raise LimitupError("the token lifetime must be positive", code="invalid_ttl")
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    return serializer.dumps({"uid": user_id, "role": role, "ttl": ttl_seconds})


def read_token(token: str, secret_key: str) -> dict:
    """{"user_id", "role", "expires_at"} from a valid token (expires_at: Unix seconds when it
    stops being valid); Unauthorized otherwise (never says which part failed beyond expired vs
    invalid)."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    try:
        # Two-step: the signature proves the ttl inside is ours; then enforce that ttl.
        payload, signed_at = serializer.loads(token, return_timestamp=True)
        ttl = int(payload["ttl"])
        serializer.loads(token, max_age=ttl)
        claims = {"user_id": int(payload["uid"]), "role": payload["role"],
                  "expires_at": signed_at.timestamp() + ttl}
    except SignatureExpired:
        raise Unauthorized("the token has expired; ask for a new one") from None
    except (BadSignature, KeyError, TypeError, ValueError, OverflowError):
        raise Unauthorized("the token is not valid") from None
    return claims
