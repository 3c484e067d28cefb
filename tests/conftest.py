"""Shared fixtures: an app on a fresh data directory (a real SQLite file), its db and rules.

Area-specific fixtures live in the conftest.py of each tests/ subfolder; helpers shared across
areas (not fixtures) in tests/fixtures.py.
"""
from __future__ import annotations

import pytest

from limitup import create_app
# Shared helpers live in tests/fixtures.py; re-exported here for tests written before the move.
from tests.fixtures import LIMITUP, ROOT, make_id, run_cli, user_maker  # noqa: F401


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
def new_user(app):
    """new_user(name=..., base_fen=..., used_fen=..., id_number=..., role=...) -> user id."""
    return user_maker(app)
