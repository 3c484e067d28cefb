"""Property-based state machine: the limit rules against a simple model (SPEC 5)."""
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from limitup import ledger
from limitup.errors import LimitupError
from limitup.limits import LimitPolicy

AMOUNT = st.integers(min_value=0, max_value=2_000_000)
STEP = 1000


class LimitMachine(RuleBasedStateMachine):
    """Drives the real ledger on a real SQLite file; keeps a naive model beside it."""

    def __init__(self):
        super().__init__()
        self.policy = LimitPolicy(step_fen=STEP, min_limit_fen=10_000, raise_quota=3,
                                  raise_window_days=30)
        self.db_dir = tempfile.mkdtemp(prefix="limitup-sm-")
        self.db = _fresh_db(Path(self.db_dir) / "t.db")
        self.now = datetime(2026, 1, 1, tzinfo=timezone.utc)
        self.user_id = _add_user(self.db, self.policy, base=300_000)
        self.raise_times = []
        self.model = {"base": 300_000, "used": 0, "bonus": 0, "current": 300_000}

    # -- the model ---------------------------------------------------------------------------
    def bounds(self):
        low = -(-max(self.policy.min_limit_fen, self.model["used"]) // STEP) * STEP
        high = (self.model["base"] + self.model["bonus"]) // STEP * STEP
        return low, max(low, high)

    def settle(self):
        low, high = self.bounds()
        self.model["current"] = min(max(self.model["current"], low), high)

    # -- the rules ---------------------------------------------------------------------------
    @rule(days=st.integers(min_value=0, max_value=20))
    def time_passes(self, days):
        self.now += timedelta(days=days)

    @rule(base=AMOUNT)
    def operator_sets_base(self, base):
        ledger.set_base(self.db, self.user_id, base, policy=self.policy, now=self.now)
        self.model["base"] = base
        self.settle()

    @rule(used=AMOUNT)
    def credit_system_reports_used(self, used):
        ledger.set_used(self.db, self.user_id, used, policy=self.policy, now=self.now)
        self.model["used"] = used
        self.settle()

    @rule(bonus=st.integers(min_value=0, max_value=1_200_000))
    def bonus_changes(self, bonus):
        ledger.set_bonus(self.db, self.user_id, bonus, policy=self.policy, now=self.now)
        self.model["bonus"] = bonus
        self.settle()

    # Mostly step multiples (the interesting case), sometimes any amount.
    @rule(wanted=st.one_of(st.integers(min_value=0, max_value=3000).map(lambda n: n * STEP),
                           st.integers(min_value=0, max_value=3_000_000)))
    def user_sets_limit(self, wanted):
        target = wanted
        low, high = self.bounds()
        window_start = self.now - timedelta(days=30)
        recent = [t for t in self.raise_times if t > window_start]
        is_raise = target > self.model["current"]
        allowed = (target % STEP == 0 and low <= target <= high
                   and not (is_raise and len(recent) >= self.policy.raise_quota))
        try:
            ledger.set_current(self.db, self.user_id, target, policy=self.policy, now=self.now)
        except LimitupError:
            assert not allowed, f"refused an allowed change to {target}"
            return
        assert allowed, f"accepted a forbidden change to {target}"
        if is_raise:
            self.raise_times.append(self.now)
        self.model["current"] = target

    # -- what must always hold ---------------------------------------------------------------
    @invariant()
    def account_equals_model_and_ledger(self):
        account = ledger.account(self.db, self.user_id, self.policy, self.now)
        for name in ("base", "used", "bonus", "current"):
            assert account[f"{name}_fen"] == self.model[name], name
        assert account["current_fen"] % STEP == 0
        low, high = self.bounds()
        assert low <= account["current_fen"] <= high
        if low <= (self.model["base"] + self.model["bonus"]):
            assert account["floor_fen"] <= account["current_fen"] <= account["ceiling_fen"]
        assert ledger.verify_account(self.db, self.user_id)

    def teardown(self):
        # Hypothesis runs this machine ~60 times a test run: each database goes with its run,
        # or /tmp fills with directories.
        self.db.conn.close()
        shutil.rmtree(self.db_dir, ignore_errors=True)


_counter = iter(range(10**9))


def _fresh_db(path):
    from limitup import db as dbmod
    from limitup.config import DEFAULTS
    database = dbmod.connect(str(path))
    dbmod.migrate(database, DEFAULTS["MIGRATIONS_DIR"])
    return database


def _add_user(database, policy, base):
    from limitup.accounts import add_user
    from tests.fixtures import make_id
    return add_user(database, name="李四", id_number=make_id(), base_fen=base,
                    secret_key="k", policy=policy)


LimitMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30,
                                          deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
test_limit_rules_state_machine = LimitMachine.TestCase
