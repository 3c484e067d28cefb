"""Bearer tokens: signed, expiring, carrying the user id and role.

The same token signs a web session in through /login?token=... (then a session cookie).
"""
from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from limitup.errors import LimitupError

SALT = "limitup.bearer.v1"
ROLES = ("user", "reviewer", "operator")


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
    """{"user_id", "role"} from a valid token; Unauthorized otherwise (never says which part failed
    beyond expired vs invalid)."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    try:
        # Two-step: the signature proves the ttl inside is ours; then enforce that ttl.
        payload = serializer.loads(token)
        serializer.loads(token, max_age=int(payload["ttl"]))
    except SignatureExpired:
        raise Unauthorized("the token has expired; ask for a new one") from None
    except (BadSignature, KeyError, TypeError, ValueError):
        raise Unauthorized("the token is not valid") from None
    return {"user_id": int(payload["uid"]), "role": payload["role"]}
