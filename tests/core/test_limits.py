"""Limit rules as pure functions (SPEC 5)."""
import pytest

from limitup import limits
from limitup.limits import Figures, LimitPolicy, LimitRuleError

P = LimitPolicy(step_fen=1000, min_limit_fen=10000, raise_quota=5, raise_window_days=30)


def test_new_account_starts_at_base():
    f = limits.open_figures(500_000, 0, P)
    assert f.current_fen == 500_000 and f.ceiling_fen == 500_000


def test_new_account_base_below_min_limit_starts_at_floor():
    assert limits.open_figures(5_000, 0, P).current_fen == 10_000


def test_new_account_base_off_step_is_rounded_down():
    assert limits.open_figures(123_456, 0, P).current_fen == 123_000


def test_raise_within_ceiling():
    f = Figures(500_000, 0, 200_000, 500_000)
    assert limits.with_current(f, 700_000, P, raises_in_window=0).current_fen == 700_000


@pytest.mark.parametrize("target,code", [
    (700_010, "not_step_multiple"), (710_000, "above_ceiling"), (9_000, "below_floor"),
])
def test_out_of_bounds_is_refused_with_a_reason(target, code):
    f = Figures(500_000, 0, 200_000, 500_000)
    with pytest.raises(LimitRuleError) as error:
        limits.with_current(f, target, P, raises_in_window=0)
    assert error.value.code == code


def test_floor_is_the_outstanding_balance_when_higher():
    f = Figures(500_000, 300_050, 0, 400_000)
    with pytest.raises(LimitRuleError) as error:
        limits.with_current(f, 300_000, P, 0)
    assert error.value.code == "below_floor"
    # used rounded up to the step is the lowest selectable value
    assert limits.selectable_range(f, P) == (301_000, 500_000)


def test_quota_blocks_raises_but_never_lowering():
    f = Figures(500_000, 0, 0, 300_000)
    with pytest.raises(LimitRuleError) as error:
        limits.with_current(f, 400_000, P, raises_in_window=5)
    assert error.value.code == "raise_quota_exceeded"
    assert limits.with_current(f, 200_000, P, raises_in_window=5).current_fen == 200_000


def test_falling_ceiling_lowers_current_rising_does_not_raise_it():
    f = Figures(500_000, 0, 300_000, 800_000)
    lowered = limits.with_bonus(f, 100_000, P)
    assert lowered.current_fen == 600_000
    raised = limits.with_bonus(lowered, 400_000, P)
    assert raised.current_fen == 600_000 and raised.ceiling_fen == 900_000


def test_ceiling_below_floor_keeps_current_at_floor():
    f = Figures(500_000, 450_000, 0, 500_000)
    assert limits.with_base(f, 100_000, P).current_fen == 450_000


def test_negative_amounts_are_refused():
    with pytest.raises(limits.LimitupError):
        limits.with_base(Figures(1, 0, 0, 1), -1, P)
