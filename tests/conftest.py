"""Shared fixtures: an app on a fresh data directory (a real SQLite file), its db and rules.

Area-specific fixtures live in the conftest.py of each tests/ subfolder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from limitup import create_app
from limitup.ids import check_digit

ROOT = Path(__file__).resolve().parent.parent
LIMITUP = str(Path(sys.executable).parent / "limitup")


def make_id(birth: str = "19900307", area: str = "110101", serial: str = "123") -> str:
    """A valid 18-character resident ID number (correct MOD 11-2 check digit)."""
    first17 = area + birth + serial
    return first17 + check_digit(first17)


def user_maker(app, first_serial: int = 100):
    """make(name=..., base_fen=..., used_fen=..., id_number=..., role=...) -> user id.

    Each call runs in a short app context of its own, for tests that keep none open around
    their test client (every request then gets its own context, as in a real server)."""
    from limitup import accounts
    from limitup.store import get_db, get_rules
    serials = iter(range(first_serial, 1000))

    def make(name="张三", base_fen=500_000, used_fen=0, role="user", id_number=None):
        with app.app_context():
            return accounts.add_user(get_db(), name=name, base_fen=base_fen, used_fen=used_fen,
                                     id_number=id_number or make_id(serial=str(next(serials))),
                                     role=role, secret_key=app.config["SECRET_KEY"],
                                     policy=get_rules().limits)
    return make


@pytest.fixture
def app(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "test-secret"})
    with app.app_context():
        yield app


@pytest.fixture
def db(app):
    from limitup.store import get_db
    return get_db()


@pytest.fixture
def policy(app):
    from limitup.store import get_rules
    return get_rules().limits


@pytest.fixture
def new_user(app, db, policy):
    """new_user(name=..., base_fen=..., used_fen=..., id_number=..., role=...) -> user id."""
    from limitup import accounts
    counter = iter(range(100, 1000))

    def make(name="张三", base_fen=500_000, used_fen=0, id_number=None, role="user"):
        return accounts.add_user(db, name=name, id_number=id_number or make_id(serial=str(next(counter))),
                                 base_fen=base_fen, used_fen=used_fen, role=role,
                                 secret_key=app.config["SECRET_KEY"], policy=policy)
    return make


def run_cli(*args, data_dir, env=None, input=None, timeout=120):
    """Run the real `limitup` command in a subprocess against a data directory."""
    full_env = {**os.environ, "LIMITUP_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run([LIMITUP, *args], capture_output=True, text=True, env=full_env,
                          input=input, timeout=timeout)
