"""Structure validators of catalogue fields, driven by the rules data (pure functions).

A number first must full-match its type's pattern; then each validator of the field checks
its inner structure: a plausible year prefix, a fixed or allowed character at a position, a
digit that maps to a value which must agree with another field (the teacher number's level
and sex digits), the GB 11643 check digit, characters that repeat another field's (echoes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from limitup.ids import is_valid_id
from limitup.recognise.catalogue import FieldSpec, Validator


@dataclass
class NumberCheck:
    matches_pattern: bool
    failures: list = field(default_factory=list)   # plain-words reasons, one per failed rule
    implied: dict = field(default_factory=dict)    # target -> value the number's digits imply

    @property
    def ok(self) -> bool:
        return self.matches_pattern and not self.failures


def check_number(value: str | None, spec: FieldSpec, known: dict | None = None,
                 today: date | None = None) -> NumberCheck:
    """Check `value` against spec.pattern and spec.validators.

    `known` holds what else was read from the document (level, sex...) so digit_map rules can
    cross-check; a target not read yet is not a failure (its implied value is returned)."""
    known = known or {}
    today = today or date.today()
    regex = spec.regex
    if not value or (regex and not regex.fullmatch(value)):
        return NumberCheck(False)
    result = NumberCheck(True)
    for rule in spec.validators:
        problem = _run(rule, value, known, today, result.implied)
        if problem:
            result.failures.append(problem)
    return result


# The capitals or the Chinese prefix before a number's digits (BZK2021…, 泉信院奖2024…).
_LEADING_LETTERS = re.compile(r"[A-Z\u4e00-\u9fff]*")


def _run(rule: Validator, value: str, known: dict, today: date, implied: dict) -> str | None:
    if rule.only_length and len(value) != rule.only_length:
        return None                 # a rule for the type's other number format
    if rule.only_shape and not re.fullmatch(rule.only_shape, value):
        return None                 # ... or for its numbers of another shape
    if rule.rule == "gb11643":
        return None if is_valid_id(value) else "check digit does not match"
    if rule.after_letters:
        value = value[_LEADING_LETTERS.match(value).end():]
    if rule.index >= len(value) or -rule.index > len(value):
        return f"too short for position {rule.index}"
    if rule.rule == "echoes":
        return _echo_problem(value, rule, known)
    char = value[rule.index]
    if rule.rule == "year_prefix":
        return _year_problem(value[rule.index:rule.index + rule.length], rule, today)
    if rule.rule == "fixed":
        return None if char == rule.value else f"position {rule.index} must be {rule.value}"
    if rule.rule == "one_of":
        return None if char in rule.values else f"position {rule.index} must be one of {rule.values}"
    if rule.rule == "digit_map":
        if char not in rule.mapping:
            return f"position {rule.index} ({char}) is not a known {rule.target} code"
        meant = rule.mapping[char]
        implied[rule.target] = meant
        printed = known.get(rule.target)
        if printed and printed != meant:
            return f"position {rule.index} means {rule.target} {meant}, the document says {printed}"
    return None


def echo_of(value: str, rule: Validator, known: dict) -> tuple[int, str, str]:
    """(start, part, printed) of an echoes rule on `value`: where the repeated characters start,
    those characters as the number has them, and the field they repeat as read on its own
    ("" when it was not). `value` is long enough for the rule (_run checks it)."""
    start = rule.index % len(value)
    printed = str(known.get(rule.target) or "").replace(" ", "").upper()
    return start, value[start:start + rule.length], printed


def _echo_problem(value: str, rule: Validator, known: dict) -> str | None:
    """The number repeats the end of another printed field (an IELTS TRF ends with its centre
    number's last three characters): a character read there that no digit could be is trusted
    only when that field, read on its own, shows it too."""
    _, part, printed = echo_of(value, rule, known)
    if not printed:
        return f"no {rule.target} read to confirm {part}"
    if printed[-rule.length:] != part:
        return f"{part} is not the end of the {rule.target} ({printed})"
    return None


def _year_problem(digits: str, rule: Validator, today: date) -> str | None:
    if not digits.isdigit():
        return "year prefix is not a number"
    year = int(digits) + (2000 if rule.length == 2 else 0)
    if rule.length == 2 and year > today.year:
        year -= 100
    if not rule.min_year <= year <= today.year:
        return f"year prefix {digits} is not plausible"
    return None


def score_ok(value: float | None, spec: FieldSpec) -> bool:
    """Within the spec's range and on its step (IELTS 0-9 by 0.5, Duolingo 10-160 by 5)."""
    if value is None:
        return False
    if spec.minimum is not None and value < spec.minimum:
        return False
    if spec.maximum is not None and value > spec.maximum:
        return False
    if spec.step:
        base = spec.minimum or 0
        steps = (value - base) / spec.step
        return abs(steps - round(steps)) < 1e-6
    return True
