"""Moved to tests/fixtures.py (issue 20); re-exported for tests written before the move."""
from tests.fixtures import (SECRET, add_user, golden, ingested, make_app, picture,  # noqa: F401
                            valid_id)
