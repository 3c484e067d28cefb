"""Users and their accounts. The ID number enters here and leaves only as a keyed hash and a mask."""
from __future__ import annotations

from limitup import ids, ledger
from limitup.db import write
from limitup.errors import LimitupError, NotFound
from limitup.limits import LimitPolicy

ROLES = ("user", "reviewer", "operator")


def add_user(db, *, name: str, id_number: str, base_fen: int, secret_key: str,
             policy: LimitPolicy, used_fen: int = 0, role: str = "user") -> int:
    """Create a user and open their account (ledger entry 1). Returns the user id."""
    from limitup.verify.names import kyc_name_problem
    name = " ".join((name or "").split())
    if not name:
        raise LimitupError("the name must not be empty", code="invalid_name")
    if len(name) > 100:
        raise LimitupError("the name is longer than 100 characters", code="invalid_name")
    problem = kyc_name_problem(name)       # a Chinese name, or a passport name in Latin letters
    if problem:
        raise LimitupError(problem, code="invalid_name")
    if not ids.is_valid_id(id_number):
        # Never echo the number itself: it is personal data.
        raise LimitupError("the ID number is not a valid 18-character resident ID "
                           "(format, birth date or check digit)", code="id_number_invalid")
    if role not in ROLES:
        raise LimitupError(f"role must be one of {', '.join(ROLES)}", code="invalid_role")
    with write(db) as conn:
        user_id = conn.execute(
            "INSERT INTO users (name, id_hash, id_mask, role) VALUES (?, ?, ?, ?)",
            [name, ids.id_hash(id_number, secret_key), ids.mask_id(id_number), role]).lastrowid
        ledger.open_account(conn, user_id, base_fen, used_fen, policy)
    return user_id


def get_user(db, user_id: int) -> dict:
    rows = list(db.query("SELECT id, name, id_hash, id_mask, role, created_at FROM users"
                         " WHERE id = ?", [user_id]))
    if not rows:
        raise NotFound(f"no user {user_id}")
    return rows[0]


def list_users(db) -> list[dict]:
    return list(db.query("SELECT id, name, id_mask, role, created_at FROM users ORDER BY id"))
