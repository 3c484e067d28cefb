"""The scoring table (rules/scoring.yaml) as a validated object, and band look-up per credential.

Amounts are yuan in the file and integer fen here. Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

CATEGORIES = ("professional", "language", "honor")


@dataclass(frozen=True)
class Band:
    """Where one credential falls in its type's table: a label for the explanation, and fen."""
    label: str
    fen: int


@dataclass(frozen=True)
class TypeTable:
    category: str
    flat_fen: int | None = None
    levels_fen: dict = field(default_factory=dict)          # level word -> fen
    score_bands: tuple = ()                                   # ((min score, fen), ...) min descending

    def band(self, level, score) -> Band | None:
        """The band for a credential's level/score; None when the needed field is missing/unknown."""
        if self.flat_fen is not None:
            return Band("flat", self.flat_fen)
        if self.levels_fen:
            if level is None or str(level) not in self.levels_fen:
                return None
            return Band(f"level {level}", self.levels_fen[str(level)])
        if score is None:
            return None
        try:
            value = Decimal(str(score))
        except ArithmeticError:
            return None
        for minimum, fen in self.score_bands:
            if value >= minimum:
                return Band(f"score {_plain(value)} >= {_plain(minimum)}", fen)
        lowest = self.score_bands[-1][0] if self.score_bands else 0
        return Band(f"score {_plain(value)} < {_plain(lowest)}", 0)


@dataclass(frozen=True)
class ScoringRules:
    types: dict                        # type id -> TypeTable
    category_caps_fen: dict            # category -> fen
    global_cap_fen: int
    stacking_percent: tuple            # (100, 50, 25)

    def category_of(self, type_id: str) -> str | None:
        table = self.types.get(type_id)
        return table.category if table else None

    def band(self, type_id: str, level=None, score=None) -> Band | None:
        table = self.types.get(type_id)
        return table.band(level, score) if table else None

    def check_catalogue(self, catalogue) -> list[str]:
        """Problems where the catalogue and this table disagree: every catalogue type is scored,
        and the table scores no type the catalogue lacks. (A type's category is written here
        only; the catalogue takes it from this table.)"""
        problems = []
        for type_id in sorted(set(catalogue) - set(self.types)):
            problems.append(f"scoring.yaml: types.{type_id}: missing (the catalogue has it)")
        for type_id in sorted(set(self.types) - set(catalogue)):
            problems.append(f"scoring.yaml: types.{type_id}: not in the catalogue")
        return problems


def _plain(value: Decimal) -> str:
    """104.0 -> '104', 6.50 -> '6.5': scores as people write them."""
    return format(value.normalize(), "f")


def _fen(yuan) -> int:
    return int(Decimal(str(yuan)) * 100)


_yuan = dict(validate=validate.Range(min=0), required=True)


class _ScoreBandSchema(Schema):
    min = fields.Decimal(required=True, validate=validate.Range(min=0))
    yuan = fields.Integer(**_yuan)


class _TypeSchema(Schema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    flat = fields.Integer(validate=validate.Range(min=0))
    levels = fields.Dict(keys=fields.String(), values=fields.Integer(validate=validate.Range(min=0)))
    score_bands = fields.List(fields.Nested(_ScoreBandSchema))

    @validates_schema
    def one_way(self, data, **_):
        ways = [key for key in ("flat", "levels", "score_bands") if data.get(key) is not None]
        if len(ways) != 1:
            raise ValidationError("give exactly one of flat, levels, score_bands")
        if "levels" in data and not data["levels"]:
            raise ValidationError("levels must not be empty", "levels")
        if "score_bands" in data:
            mins = [band["min"] for band in data["score_bands"]]
            if not mins:
                raise ValidationError("score_bands must not be empty", "score_bands")
            if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
                raise ValidationError("bands must be listed highest min first", "score_bands")


class _CapSchema(Schema):
    cap_yuan = fields.Integer(**_yuan)


class ScoringSchema(Schema):
    stacking_percent = fields.List(fields.Integer(validate=validate.Range(min=0, max=100)),
                                   required=True, validate=validate.Length(min=1))
    categories = fields.Dict(keys=fields.String(validate=validate.OneOf(CATEGORIES)),
                             values=fields.Nested(_CapSchema), required=True)
    global_cap_yuan = fields.Integer(**_yuan)
    types = fields.Dict(keys=fields.String(), values=fields.Nested(_TypeSchema), required=True)

    @validates_schema
    def consistent(self, data, **_):
        percents = data.get("stacking_percent") or []
        if percents != sorted(percents, reverse=True):
            # A later credential must never count more than an earlier one, or adding one could
            # lower the bonus.
            raise ValidationError("must not increase", "stacking_percent")
        missing = [c for c in CATEGORIES if c not in (data.get("categories") or {})]
        if missing:
            raise ValidationError(f"missing categories: {', '.join(missing)}", "categories")

    @post_load
    def make(self, data, **_) -> ScoringRules:
        types = {}
        for type_id, spec in data["types"].items():
            types[type_id] = TypeTable(
                category=spec["category"],
                flat_fen=_fen(spec["flat"]) if spec.get("flat") is not None else None,
                levels_fen={k: _fen(v) for k, v in (spec.get("levels") or {}).items()},
                score_bands=tuple((band["min"], _fen(band["yuan"]))
                                  for band in spec.get("score_bands") or ()))
        return ScoringRules(
            types=types,
            category_caps_fen={name: _fen(cap["cap_yuan"]) for name, cap in data["categories"].items()},
            global_cap_fen=_fen(data["global_cap_yuan"]),
            stacking_percent=tuple(data["stacking_percent"]))
