"""Limit rules (SPEC 5) as pure functions over integer fen. No I/O here.

base     from the credit system          ceiling = base + bonus
used     outstanding balance             floor   = max(min_limit, used)
bonus    from verified credentials       current: chosen by the user, floor <= current <= ceiling,
                                                  a multiple of the step

Because current must be a step multiple, the bounds a user can actually pick are the floor
rounded *up* and the ceiling rounded *down* to the step. When the credit system reports a balance
above the ceiling, no value satisfies both bounds: current then sits at the (rounded-up) floor,
because a limit below what is already owed is meaningless. This is written down in docs/limits.md.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from marshmallow import Schema, fields, post_load, validate

from limitup.errors import LimitupError


@dataclass(frozen=True)
class LimitPolicy:
    step_fen: int = 1000
    min_limit_fen: int = 10000
    raise_quota: int = 5
    raise_window_days: int = 30


class _QuotaSchema(Schema):
    count = fields.Integer(required=True, validate=validate.Range(min=0))
    window_days = fields.Integer(required=True, validate=validate.Range(min=1, max=3650))


class LimitPolicySchema(Schema):
    step_yuan = fields.Integer(required=True, validate=validate.Range(min=1))
    min_limit_yuan = fields.Integer(required=True, validate=validate.Range(min=0))
    raise_quota = fields.Nested(_QuotaSchema, required=True)

    @post_load
    def make(self, data, **_):
        return LimitPolicy(step_fen=data["step_yuan"] * 100,
                           min_limit_fen=data["min_limit_yuan"] * 100,
                           raise_quota=data["raise_quota"]["count"],
                           raise_window_days=data["raise_quota"]["window_days"])


@dataclass(frozen=True)
class Figures:
    base_fen: int
    used_fen: int
    bonus_fen: int
    current_fen: int

    @property
    def ceiling_fen(self) -> int:
        return self.base_fen + self.bonus_fen


class LimitRuleError(LimitupError):
    """A requested limit breaks a rule; `code` says which."""


def floor_fen(figures: Figures, policy: LimitPolicy) -> int:
    return max(policy.min_limit_fen, figures.used_fen)


def selectable_range(figures: Figures, policy: LimitPolicy) -> tuple[int, int]:
    """(lowest, highest) current the user may pick: floor rounded up, ceiling rounded down."""
    step = policy.step_fen
    low = -(-floor_fen(figures, policy) // step) * step
    high = figures.ceiling_fen // step * step
    return low, max(low, high)


def settle(figures: Figures, policy: LimitPolicy) -> Figures:
    """Bring current back inside its bounds after base, used or bonus changed.

    A rising ceiling never raises current (the user decides that); a falling one lowers it.
    """
    low, high = selectable_range(figures, policy)
    current = min(max(figures.current_fen, low), high)
    return replace(figures, current_fen=current)


def open_figures(base_fen: int, used_fen: int, policy: LimitPolicy) -> Figures:
    """A new account starts with current = base, within its bounds."""
    _non_negative(base=base_fen, used=used_fen)
    return settle(Figures(base_fen, used_fen, 0, base_fen), policy)


def with_base(figures: Figures, base_fen: int, policy: LimitPolicy) -> Figures:
    _non_negative(base=base_fen)
    return settle(replace(figures, base_fen=base_fen), policy)


def with_used(figures: Figures, used_fen: int, policy: LimitPolicy) -> Figures:
    _non_negative(used=used_fen)
    return settle(replace(figures, used_fen=used_fen), policy)


def with_bonus(figures: Figures, bonus_fen: int, policy: LimitPolicy) -> Figures:
    _non_negative(bonus=bonus_fen)
    return settle(replace(figures, bonus_fen=bonus_fen), policy)


def with_current(figures: Figures, target_fen: int, policy: LimitPolicy,
                 raises_in_window: int) -> Figures:
    """The user's own change. Raises LimitRuleError with a reason code when a rule forbids it."""
    if target_fen % policy.step_fen:
        raise LimitRuleError(
            f"the limit must be a multiple of {policy.step_fen} fen", code="not_step_multiple")
    low, high = selectable_range(figures, policy)
    if target_fen > high:
        raise LimitRuleError(f"{target_fen} fen is above the ceiling ({high} fen)",
                             code="above_ceiling")
    if target_fen < low:
        raise LimitRuleError(f"{target_fen} fen is below the floor ({low} fen)",
                             code="below_floor")
    if target_fen > figures.current_fen and raises_in_window >= policy.raise_quota:
        raise LimitRuleError(
            f"at most {policy.raise_quota} raises in {policy.raise_window_days} days",
            code="raise_quota_exceeded", status=422)
    return replace(figures, current_fen=target_fen)


def raise_window_start(now: datetime, policy: LimitPolicy) -> datetime:
    return now - timedelta(days=policy.raise_window_days)


def _non_negative(**amounts: int) -> None:
    for name, value in amounts.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise LimitupError(f"{name} must be a whole number of fen", code="invalid_amount")
        if value < 0:
            raise LimitupError(f"{name} must not be negative", code="invalid_amount")
