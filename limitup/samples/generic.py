"""A catalogue type the generator has no layout of its own for, drawn from its catalogue entry.

A type added to rules/catalogue/ is generated before anyone writes its content into
catalogue.TYPES: `type_spec(cert)` makes that content from the rules. The page prints the type's
strongest title (and, when the title lacks one, a word that sets the type apart from its
siblings), then one labelled row per field the type reads, under the field's first label, with
a value drawn to pass the field's own rules: the holder's name, a number from its pattern and
validators, a date, a level of its vocabulary, a score in its range and step; and the holder's
ID number when the type reads one. A field the type reads without a label (value patterns or
the whole text only) is neither drawn nor printed: its label is null. The rows are drawn by the
style's usual layouts.
"""
from __future__ import annotations

import math
import random
import re

from limitup.errors import LimitupError
from limitup.recognise.catalogue import CertType, FieldSpec
from limitup.samples import patterns
from limitup.samples.catalogue import Ctx, TypeSpec, cn_date
from limitup.samples.document import Doc, Field
from limitup.samples.people import format_date

ROLES = {"holder_name": "name", "cert_number": "number", "issue_date": "date", "level": "level",
         "score": "score"}
# Draws of a number before giving up: a pattern's lookarounds are checked, not drawn.
NUMBER_DRAWS = 200


def type_spec(cert: CertType) -> TypeSpec:
    printed = _printed_fields(cert)
    if "holder_name" not in printed:
        raise LimitupError(f"{cert.id}: the generic layout prints the holder's name under its "
                           f"label, and fields.holder_name has no labels")
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", _title(cert)) else "en"
    number, level, score = (printed.get(name) for name in ("cert_number", "level", "score"))
    id_spec = cert.extras.get("id_number")
    return TypeSpec(
        lang, lambda ctx: _build(cert, lang, ctx),
        lambda ctx: _number(number, ctx) if number else None,
        levels=tuple(cert.require_level or (level.vocabulary if level else ())),
        draw_score=(lambda rng, drawn: _score(score, rng, drawn)) if score else None,
        prints_id=bool(id_spec and id_spec.labels), labels_date="issue_date" in printed,
        score_range=(score.minimum, score.maximum, score.step or 1) if score else None)


def _printed_fields(cert: CertType) -> dict:
    """The type's SPEC fields that have a label to print them under, holder's name first."""
    printed = {name: spec for name, spec in cert.fields.items() if spec.labels}
    return dict(sorted(printed.items(), key=lambda item: item[0] != "holder_name"))


def _title(cert: CertType) -> str:
    """The title the type is surest of (the heaviest; the first of equals)."""
    return max(cert.titles, key=lambda term: term.weight).text


def _build(cert: CertType, lang: str, ctx: Ctx) -> Doc:
    title = _title(cert)
    # require_any sets the type apart from its siblings: printed when the title lacks it.
    subtitle = [] if not cert.require_any or any(
        word in title for word in cert.require_any) else [cert.require_any[0]]
    rows = [Field((spec.labels[0],), _value(name, lang, ctx), ROLES[name])
            for name, spec in _printed_fields(cert).items()]
    id_spec = cert.extras.get("id_number")
    if id_spec is not None and id_spec.labels:
        rows.insert(1, ctx.id_field((id_spec.labels[0],)))     # under the holder's name
    return Doc(lang, [title], subtitle, rows)


def _value(name: str, lang: str, ctx: Ctx) -> str:
    if name == "holder_name":
        return ctx.holder_name
    if name == "cert_number":
        return ctx.cert_number
    if name == "issue_date":
        return cn_date(ctx.issue_date, ctx.rng, ctx.style) if lang == "zh" else format_date(
            ctx.issue_date, "en_long")
    if name == "level":
        return ctx.level
    return str(ctx.score)


def _number(spec: FieldSpec, ctx: Ctx) -> str:
    """A number of the field's pattern whose structure passes its validators: the year of
    issue where a year is expected, the holder's level and sex where a digit encodes them."""
    for _ in range(NUMBER_DRAWS):
        characters = list(patterns.draw(spec.pattern, ctx.rng))
        for rule in spec.validators:
            if not rule.only_length or rule.only_length == len(characters):
                characters = _obey(rule, characters, ctx)
        number = "".join(characters)
        if spec.regex.fullmatch(number) and not _needs_a_witness(spec, number):
            return number
    raise LimitupError(f"cannot draw a {spec.name} of the pattern {spec.pattern!r} that passes "
                       f"its validators")


def _needs_a_witness(spec: FieldSpec, number: str) -> bool:
    """Whether an `echoes` rule holds the number to an extra (an IELTS TRF's lettered centre
    to its Centre Number): the generic layout prints no extras, so such a number is drawn
    again."""
    return any(rule.rule == "echoes" and (not rule.only_shape
                                          or re.fullmatch(rule.only_shape, number))
               for rule in spec.validators)


def _obey(rule, characters: list, ctx: Ctx) -> list:
    if rule.rule == "gb11643":
        return list(ctx.person.id_number)
    start = rule.index
    if rule.after_letters:
        start += len(characters) - len("".join(characters).lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if start >= len(characters):
        return characters
    if rule.rule == "year_prefix":
        year = str(ctx.issue_date.year)[-rule.length:]
        characters[start:start + rule.length] = year
    elif rule.rule == "fixed":
        characters[start] = rule.value
    elif rule.rule == "one_of":
        characters[start] = ctx.rng.choice(rule.values)
    elif rule.rule == "digit_map":
        meant = {"level": ctx.level, "sex": ctx.person.sex}.get(rule.target)
        codes = [code for code, value in rule.mapping.items() if value == meant]
        characters[start] = ctx.rng.choice(codes or sorted(rule.mapping))
    return characters


def _score(spec: FieldSpec, rng: random.Random, level: str | None) -> float | int:
    """A score on the field's step, in the range its level is given for when it has one."""
    low, high = spec.level_ranges.get(level, (spec.minimum, spec.maximum))
    step = spec.step or 1
    steps = rng.randint(math.ceil(low / step), math.floor(high / step))
    value = round(steps * step, 6)
    return int(value) if float(value).is_integer() else value
