"""Checks that need the database (SPEC 3): duplicate_certificate, duplicate_image, already_counted.

A certificate's identity is its type and normalised number; for certificates printed without a
number, its type, holder, issuer and year. The caller holds the write transaction, so two uploads
of the same certificate cannot both pass.
"""
from __future__ import annotations

import re
import unicodedata

from limitup.ingest import phash_distance
from limitup.verify.names import chinese_key, is_latin, latin_tokens, normalise_chinese

# Another account's claim on a certificate: anything but rejected or withdrawn.
CLAIM_STATUSES = ("processing", "verified", "needs_review", "expired", "revoked")
# This account already has the certificate when an earlier one is counted or may still be.
COUNTED_STATUSES = ("processing", "verified", "needs_review")


def normalise_number(raw) -> str | None:
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", str(raw))
    text = re.sub(r"[\s\-_/.·]", "", text).upper()
    return text or None


def normalise_holder(name, fold: bool = True) -> str | None:
    """The holder as certificates are matched: a romanised name's words sorted, in capitals; a
    Chinese name's chinese_key (`fold=False`: its characters as printed, the form rosters were
    hashed in before names were folded)."""
    if not name:
        return None
    if is_latin(name):
        return " ".join(sorted(latin_tokens(name))).upper() or None
    return (chinese_key(name) if fold else normalise_chinese(name)) or None


def identity_clause(identity: dict) -> tuple[str, list] | None:
    """SQL matching the same certificate, or None when it cannot be identified."""
    if not identity.get("type"):
        return None
    if identity.get("cert_number"):
        return "type = ? AND cert_number = ?", [identity["type"], identity["cert_number"]]
    if identity.get("holder_name") and identity.get("year"):
        return ("type = ? AND cert_number IS NULL AND holder_key = ? AND year = ?"
                " AND coalesce(issuer, '') = ?",
                [identity["type"], identity["holder_name"], identity["year"],
                 identity.get("issuer") or ""])
    return None


def _exists(conn, where: str, params: list) -> bool:
    return conn.execute(f"SELECT 1 FROM credentials WHERE {where} LIMIT 1", params).fetchone() \
        is not None


def _statuses(names) -> str:
    return "status IN (" + ", ".join(f"'{name}'" for name in names) + ")"


def duplicate_certificate(conn, credential_id: int, user_id: int, identity: dict) -> list[str]:
    clause = identity_clause(identity)
    if clause is None:
        return []
    where, params = clause
    where += f" AND user_id != ? AND id != ? AND {_statuses(CLAIM_STATUSES)}"
    return ["duplicate_certificate"] if _exists(conn, where, params + [user_id, credential_id]) \
        else []


def already_counted(conn, credential_id: int, user_id: int, identity: dict,
                    sha256: str | None) -> list[str]:
    """The same certificate (or the very same file) already held by this account."""
    mine = f"user_id = ? AND id != ? AND {_statuses(COUNTED_STATUSES)}"
    clause = identity_clause(identity)
    if clause is not None:
        where, params = clause
        if _exists(conn, f"{where} AND {mine}", params + [user_id, credential_id]):
            return ["already_counted"]
    if sha256 and _exists(conn, f"image_sha256 = ? AND {mine}", [sha256, user_id, credential_id]):
        return ["already_counted"]
    return []


def duplicate_image(conn, credential_id: int, user_id: int, phash: str | None,
                    max_distance: int) -> list[str]:
    """A near-identical image uploaded by another account (any status: a rejected attempt counts).

    A linear scan over other accounts' hashes: fine for tens of thousands of images; a BK-tree or
    hash-prefix buckets would be the next step.
    """
    if not phash:
        return []
    rows = conn.execute("SELECT image_phash FROM credentials WHERE user_id != ? AND id != ?"
                        " AND image_phash IS NOT NULL", [user_id, credential_id])
    for (other,) in rows:
        try:
            if phash_distance(phash, other) <= max_distance:
                return ["duplicate_image"]
        except ValueError:
            continue
    return []
