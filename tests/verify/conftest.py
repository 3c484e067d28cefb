from pathlib import Path

import pytest
import yaml

from limitup.config import PROJECT_ROOT
from limitup.scoring import ScoringSchema
from limitup.verify.outcomes import ChecksSchema

RULES = Path(PROJECT_ROOT) / "rules"


def _load(name, schema):
    return schema().load(yaml.safe_load((RULES / name).read_text(encoding="utf-8")))


@pytest.fixture
def app(tmp_path):
    """A real app on a temporary SQLite file (tests.fixtures.make_app: the tests hash with its
    SECRET), its context open."""
    from tests.fixtures import make_app
    app = make_app(tmp_path)
    with app.app_context():
        yield app


@pytest.fixture(scope="session")
def checks_rules():
    return _load("checks.yaml", ChecksSchema)


@pytest.fixture(scope="session")
def scoring():
    return _load("scoring.yaml", ScoringSchema)


@pytest.fixture(scope="session")
def catalogue():
    from limitup.rules import load_rules
    return load_rules(RULES).catalogue
