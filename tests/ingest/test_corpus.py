"""Replays every input that ever crashed, hung or surprised intake (tests/ingest/corpus/).

regressions/: inputs found by fuzzing (atheris or hypothesis); each must now be answered with an
IngestedImage or a LimitupError, within a few seconds.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from limitup.errors import LimitupError
from limitup.ingest import ingest

CORPUS = Path(__file__).with_name("corpus")
CASES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_replay(path):
    data = path.read_bytes()
    started = time.perf_counter()
    for limits in ({"max_pixels": 4_000_000, "min_side": 8}, {}):
        try:
            ingest(data, max_bytes=15 * 1024 * 1024, **limits)
        except LimitupError as error:
            assert error.code in ("unreadable_image", "too_large")
    assert time.perf_counter() - started < 5


def test_corpus_is_not_empty():
    assert CASES, "the regression corpus should hold at least the hand-made cases"
