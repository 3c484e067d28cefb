import copy
from pathlib import Path

import pytest
import yaml

from limitup.config import PROJECT_ROOT
from limitup.scoring import ScoringSchema

SCORING_FILE = Path(PROJECT_ROOT) / "rules" / "scoring.yaml"
CATALOGUE = Path(PROJECT_ROOT) / "rules" / "catalogue"
STEP_FEN = 1000


def raw_table() -> dict:
    return yaml.safe_load(SCORING_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def catalogue_ids() -> set:
    """The ids of the catalogue's types: one file each (rules/catalogue/<id>.yaml)."""
    return {path.stem for path in CATALOGUE.glob("*.yaml")}


@pytest.fixture(scope="session")
def table():
    return ScoringSchema().load(raw_table())


@pytest.fixture
def make_table():
    """Build a table from the shipped one with edits applied by a function."""
    def build(edit):
        data = copy.deepcopy(raw_table())
        edit(data)
        return ScoringSchema().load(data)
    return build
