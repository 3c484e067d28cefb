"""A random string that a regular expression matches: the generator draws a number for a type
it knows only from the catalogue (the number's `pattern`, e.g. `[ABC]\\d{17}`).

The pattern is walked through Python's own regex parser (re._parser: private, but the one
parser that reads every pattern the catalogue's schema accepts). Lookarounds are not drawn; the
caller checks the whole string against the pattern and draws again when one fails.
"""
from __future__ import annotations

import random
import re._constants as op
import re._parser as parser
import string

# How far past its minimum an open repeat (\d+, [A-Z]*) is drawn.
OPEN_REPEAT_EXTRA = 3
CATEGORY_CHARACTERS = {op.CATEGORY_DIGIT: string.digits, op.CATEGORY_SPACE: " ",
                       op.CATEGORY_WORD: string.ascii_letters + string.digits}


def draw(pattern: str, rng: random.Random) -> str:
    return _sequence(parser.parse(pattern), rng)


def _sequence(items, rng: random.Random) -> str:
    return "".join(_item(code, value, rng) for code, value in items)


def _item(code, value, rng: random.Random) -> str:
    if code is op.LITERAL:
        return chr(value)
    if code is op.IN:
        return rng.choice(_class(value))
    if code is op.ANY:
        return rng.choice(string.ascii_letters + string.digits)
    if code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
        low, high, body = value
        high = low + OPEN_REPEAT_EXTRA if high is op.MAXREPEAT else high
        return "".join(_sequence(body, rng) for _ in range(rng.randint(low, high)))
    if code is op.BRANCH:
        return _sequence(rng.choice(value[1]), rng)
    if code is op.SUBPATTERN:
        return _sequence(value[-1], rng)
    if code in (op.AT, op.ASSERT, op.ASSERT_NOT):
        return ""
    raise ValueError(f"cannot draw a string for the regular expression element {code}")


def _class(items) -> str:
    """The characters a [...] class allows (negated classes are not drawn)."""
    characters = ""
    for code, value in items:
        if code is op.LITERAL:
            characters += chr(value)
        elif code is op.RANGE:
            characters += "".join(chr(point) for point in range(value[0], value[1] + 1))
        elif code is op.CATEGORY and value in CATEGORY_CHARACTERS:
            characters += CATEGORY_CHARACTERS[value]
        else:
            raise ValueError(f"cannot draw a character of the class element {code} {value}")
    return characters
