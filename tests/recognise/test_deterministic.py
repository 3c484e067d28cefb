"""Recognition gives the same answer in every process: nothing may hang on the order a set or a
dict of strings happens to iterate in (Python salts string hashes per process). A TEM-8 number
came back or not depending on which of two equally long labels the set offered first."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.recognise.conftest import ROOT

READ_ALL_GOLDENS = """
import json
from datetime import date
from pathlib import Path
from limitup.rules import load_rules
from limitup.recognise import recognise
from limitup.recognise.golden import load_boxes
catalogue = load_rules(Path("rules")).catalogue
answers = {}
for path in sorted(Path("tests/golden").glob("*.json")):
    result = recognise(load_boxes(json.loads(path.read_text(encoding="utf-8"))), catalogue,
                       today=date(2026, 12, 6))
    answers[path.name] = [result.type, result.fields, round(result.confidence, 4)]
print(json.dumps(answers, ensure_ascii=False, sort_keys=True, default=str))
"""


def _answers(hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-c", READ_ALL_GOLDENS], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300, check=True)
    return done.stdout


def test_goldens_read_the_same_whatever_the_hash_seed():
    first, second = _answers("1"), _answers("2")
    assert first == second
