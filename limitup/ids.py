"""Chinese resident ID numbers (GB 11643): check digit, keyed hash, display mask.

An ID number is never stored or logged in clear: we keep an HMAC (for matching) and a mask.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
# Where an ID number may appear in free text (OCR output, logs): 17 digits + digit/X.
ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")


def normalise_id(raw: str) -> str:
    return re.sub(r"\s", "", raw or "").upper()


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def is_valid_id(raw: str) -> bool:
    """Format, birth date and MOD 11-2 check digit."""
    number = normalise_id(raw)
    if not ID_PATTERN.match(number):
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return check_digit(number[:17]) == number[17]


def id_hash(raw: str, secret_key: str) -> str:
    """Keyed hash for equality matching; without the key it cannot be reversed by enumeration."""
    number = normalise_id(raw)
    return hmac.new(secret_key.encode(), b"id:" + number.encode(), hashlib.sha256).hexdigest()


def mask_id(raw: str) -> str:
    """110101199003071234 -> 110101********1234."""
    number = normalise_id(raw)
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_ids_in_text(text: str) -> str:
    """Mask every ID-shaped number in free text (OCR text, log lines)."""
    return ID_IN_TEXT.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text or "")
