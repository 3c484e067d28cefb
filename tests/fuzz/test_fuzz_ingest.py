"""Runs the atheris harness for a few seconds: a smoke test that it still finds nothing.

The real campaign is run by hand for minutes (see fuzz_ingest.py); crashes go to
tests/ingest/corpus/regressions/ and are replayed by tests/ingest/test_corpus.py.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import atheris  # noqa: F401  (pinned in requirements.txt; this test must not silently vanish)

HARNESS = Path(__file__).with_name("fuzz_ingest.py")
SECONDS = 6


def test_harness_finds_nothing_in_a_few_seconds(tmp_path):
    corpus = tmp_path / "corpus"
    run = subprocess.run(
        [sys.executable, str(HARNESS), f"-max_total_time={SECONDS}", "-timeout=10",
         "-rss_limit_mb=2048", "-max_len=8192", f"-artifact_prefix={tmp_path}/", str(corpus)],
        cwd=tmp_path, capture_output=True, text=True, timeout=SECONDS + 120)
    artifacts = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-",
                                                                         "oom-", "leak-"))]
    assert run.returncode == 0 and not artifacts, (artifacts, run.stderr[-3000:])
    assert "Done" in run.stderr and len(list(corpus.iterdir())) >= 11
