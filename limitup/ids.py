"""Chinese resident ID numbers (GB 11643): check digit, keyed hash, display mask.

An ID number is never stored or logged in clear: we keep an HMAC (for matching) and a mask.
`find_ids_in_text` finds the numbers in free text, printed plain (110101199003074573) or grouped
(1101 0119 9003 0745 73, 110101-19900307-4573, full-width spaces, full-width digits);
`mask_ids_in_text` is the one masking function every stored or logged text goes through (OCR
text, recognition JSON, edit signals, error notes, log lines); the redaction of stored photos
uses `find_ids_in_text` to pick the OCR boxes to black out (limitup/redact.py).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
ID_LENGTH = 18

# Free text: runs of digit groups. A group is digits, the last one may end in the check
# character X; groups are joined by what people and OCR put between printed groups: up to three
# spaces (also no-break, full-width U+3000, thin) or dashes (ASCII, full-width, en/em, minus),
# or what a full-width space becomes where only ASCII is kept ("?" in EXIF text written by PIL
# and others, U+FFFD after a failed decoding), or a line break (OCR text is one box a line,
# and a grouped number may be read as two boxes).
_DIGIT = "0-9\uff10-\uff19"
_CHECK = "Xx\uff38\uff58"
_SOFT_SEPARATOR = ("[ \t\u00a0\u2000-\u200b\u202f\u3000\\-\u2010-\u2015\u2212\ufe63\uff0d"
                   "?\ufffd]{1,3}")
_GROUP = f"[{_DIGIT}]+[{_CHECK}]?"
_RUN = re.compile(f"{_GROUP}(?:(?:{_SOFT_SEPARATOR}|[ \\t\u3000]*\\n[ \\t\u3000]*){_GROUP})*")
_GROUP_IN_RUN = re.compile(_GROUP)


@dataclass(frozen=True)
class FoundId:
    start: int        # span in the text searched (separators inside it included)
    end: int
    number: str       # the 18 characters, ASCII, upper-case X
    valid: bool       # birth date and MOD 11-2 check digit hold (is_valid_id)


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
    """Every ID number in free text (OCR text, recognition JSON, edit signals, error notes, log
    lines), plain or grouped, replaced by its mask 110101********1234."""
    text = text or ""
    found = find_ids_in_text(text)
    for hit in reversed(found):
        text = text[:hit.start] + mask_id(hit.number) + text[hit.end:]
    return text


def find_ids_in_text(text: str) -> list[FoundId]:
    """The ID numbers in `text`, left to right, none overlapping.

    In a run of digit groups (see _RUN), an ID is taken where
    - 18 characters whose check digit and birth date hold lie anywhere in the run (also across
      a line break, and inside a longer number: 1234 110101 19900307 4573 1), or
    - whole groups on one line add up to exactly 17 digits and a last digit or X, valid or
      not (a misread digit leaves the rest of the number readable, and masking more than
      needed costs nothing; an 18-digit certificate number printed alone is masked too, as it
      always was).
    """
    found: list[FoundId] = []
    for run in _RUN.finditer(text or ""):
        found += _ids_in_run(run.group(0), run.start())
    return found


def _ids_in_run(run: str, offset: int) -> list[FoundId]:
    chars: list[tuple[int, str]] = []      # (position in the run, ASCII character)
    starts, ends, line_of = set(), set(), []
    line = 0
    previous_end = 0
    for group in _GROUP_IN_RUN.finditer(run):
        if "\n" in run[previous_end:group.start()]:
            line += 1
        starts.add(len(chars))
        for index, char in enumerate(group.group(0)):
            chars.append((group.start() + index, unicodedata.normalize("NFKC", char).upper()))
            line_of.append(line)
        ends.add(len(chars))
        previous_end = group.end()
    if len(chars) < ID_LENGTH:
        return []
    candidates = []
    for first in range(len(chars) - ID_LENGTH + 1):
        last = first + ID_LENGTH
        number = "".join(char for _, char in chars[first:last])
        if "X" in number[:-1]:
            continue
        valid = is_valid_id(number)
        whole_groups = first in starts and last in ends and line_of[first] == line_of[last - 1]
        if valid or whole_groups:
            # Valid numbers first: where windows overlap, the real number is the one masked.
            candidates.append((not valid, first, FoundId(offset + chars[first][0],
                                                          offset + chars[last - 1][0] + 1,
                                                          number, valid)))
    taken: list[FoundId] = []
    for _, _, hit in sorted(candidates, key=lambda c: (c[0], c[1])):
        if all(hit.end <= other.start or hit.start >= other.end for other in taken):
            taken.append(hit)
    return sorted(taken, key=lambda hit: hit.start)
