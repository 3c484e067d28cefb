"""Issuer registries: an interface for issuers' services, and its local implementation, the roster.

`limitup rosters import TYPE FILE.csv` loads an issuer's published list (a scholarship list, ...).
When a roster exists for a type, each credential of that type is confirmed (registry_confirmed)
or not (registry_not_found); without a roster the verifier says nothing (None).
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
from typing import Protocol

from limitup.clock import iso, utcnow
from limitup.errors import LimitupError
from limitup.verify.lookups import normalise_holder, normalise_number

ROSTER_COLUMNS = ("cert_number", "holder_name", "year")


class IssuerVerifier(Protocol):
    def check(self, type_id: str, fields: dict) -> str | None:
        """"confirmed", "not_found", or None when this verifier knows nothing about the type."""
        ...


def holder_hash(name: str, secret_key: str) -> str | None:
    key = normalise_holder(name)
    return _hash(key, secret_key) if key is not None else None


def holder_hashes(name: str, secret_key: str) -> list[str]:
    """The name's hash, and the hash a roster imported before names were folded to simplified
    (hanzi.NAME_SIMPLIFIED) holds for it: its characters as printed (陳). A hash cannot be folded
    afterwards, so both are looked up."""
    forms = dict.fromkeys([normalise_holder(name), normalise_holder(name, fold=False)])
    return [_hash(form, secret_key) for form in forms if form]


def _hash(key: str, secret_key: str) -> str:
    return hmac.new(secret_key.encode(), b"holder:" + key.encode(), hashlib.sha256).hexdigest()


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _year(value) -> int | None:
    match = re.match(r"^\s*(\d{4})", str(value or ""))
    return int(match.group(1)) if match else None


class RosterVerifier:
    """IssuerVerifier over the imported rosters (table roster_entries)."""

    def __init__(self, conn, secret_key: str):
        self.conn, self.secret_key = conn, secret_key

    def check(self, type_id: str, fields: dict) -> str | None:
        if not type_id or self.conn.execute(
                "SELECT 1 FROM roster_entries WHERE type = ? LIMIT 1", [type_id]).fetchone() is None:
            return None
        number = normalise_number(fields.get("cert_number"))
        if number and self._found("cert_number = ?", [type_id, number]):
            return "confirmed"
        names = holder_hashes(fields.get("holder_name"), self.secret_key)
        year = _year(fields.get("issue_date"))
        if names and self._found(f"cert_number IS NULL AND holder_name_hash IN ({_marks(names)})"
                                 " AND (year IS NULL OR year = ?)", [type_id, *names, year]):
            return "confirmed"
        return "not_found"

    def _found(self, where: str, params: list) -> bool:
        return self.conn.execute(f"SELECT 1 FROM roster_entries WHERE type = ? AND {where}"
                                 " LIMIT 1", params).fetchone() is not None


def registry_reasons(verifiers, type_id: str | None, fields: dict) -> list[str]:
    """registry_confirmed when any verifier confirms; registry_not_found when one knows the type
    and none confirms; nothing when none knows the type."""
    answers = [v.check(type_id, fields) for v in verifiers] if type_id else []
    if "confirmed" in answers:
        return ["registry_confirmed"]
    if "not_found" in answers:
        return ["registry_not_found"]
    return []


def parse_roster(text: str, source: str) -> list[dict]:
    """CSV with a header naming some of cert_number, holder_name, year. Errors name the line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in ROSTER_COLUMNS]
    if not header:
        raise LimitupError(f"{source}: empty file (a header line is needed)", code="invalid_roster")
    if unknown:
        raise LimitupError(f"{source}: line 1: unknown column(s) {', '.join(unknown)} "
                           f"(allowed: {', '.join(ROSTER_COLUMNS)})", code="invalid_roster")
    if "cert_number" not in header and "holder_name" not in header:
        raise LimitupError(f"{source}: line 1: needs a cert_number or holder_name column",
                           code="invalid_roster")
    rows = []
    for line_no, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if None in raw:
            raise LimitupError(f"{source}: line {line_no}: more values than columns",
                               code="invalid_roster")
        if not any(row.values()):
            continue
        number, name, year = row.get("cert_number"), row.get("holder_name"), row.get("year")
        if not number and not name:
            raise LimitupError(f"{source}: line {line_no}: needs a cert_number or a holder_name",
                               code="invalid_roster")
        if year and not re.fullmatch(r"(19|20)\d\d", year):
            raise LimitupError(f"{source}: line {line_no}: year {year!r} is not a year like 2024",
                               code="invalid_roster")
        if number and not re.fullmatch(r"[0-9A-Za-z\s\-]{4,40}", number):
            raise LimitupError(f"{source}: line {line_no}: cert_number {number!r} is not a "
                               f"certificate number", code="invalid_roster")
        rows.append({"cert_number": normalise_number(number) if number else None,
                     "holder_name": name or None, "year": int(year) if year else None})
    if not rows:
        raise LimitupError(f"{source}: no entries", code="invalid_roster")
    return rows


def import_roster(db, type_id: str, text: str, source: str, *, secret_key: str,
                  known_types) -> dict:
    """Validate the whole file, then store it in one transaction (nothing stored on an error)."""
    from limitup.db import write
    if type_id not in known_types:
        raise LimitupError(f"unknown certificate type {type_id!r}", code="unknown_type")
    rows = parse_roster(text, source)
    stamp = iso(utcnow())
    with write(db) as conn:
        for row in rows:
            conn.execute("INSERT INTO roster_entries (type, cert_number, holder_name_hash, year,"
                         " source_file, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                         [type_id, row["cert_number"],
                          holder_hash(row["holder_name"], secret_key) if row["holder_name"]
                          else None, row["year"], source, stamp])
    return {"type": type_id, "imported": len(rows), "source_file": source}
