#!/usr/bin/env python
"""Coverage-guided fuzzing of image intake with atheris (libFuzzer).

Run by hand, e.g. for 5 minutes, seeded with the small valid images and the regression corpus:

    .venv/bin/python tests/fuzz/fuzz_ingest.py -max_total_time=300 -timeout=10 \\
        -rss_limit_mb=2048 -artifact_prefix=/tmp/ingest- /tmp/ingest-corpus

The harness writes the seeds into the first corpus directory it is given (made if missing) and
adds tests/ingest/corpus/regressions as a read-only second one. An input that makes `ingest`
raise anything but LimitupError, hang past -timeout, or exhaust -rss_limit_mb is saved by
libFuzzer as <artifact_prefix>crash-*/timeout-*/oom-*: copy it into
tests/ingest/corpus/regressions/ so tests/ingest/test_corpus.py replays it forever.
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = ROOT / "tests" / "ingest" / "corpus" / "regressions"
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["limitup", "PIL", "pillow_heif"]):
    from limitup.errors import LimitupError
    from limitup.ingest import ingest


def test_one_input(data: bytes) -> None:
    try:
        ingest(data, max_bytes=1 << 20, max_pixels=4_000_000, min_side=8)
    except LimitupError:
        pass


def _write_seeds(corpus: Path) -> None:
    from tests.ingest.seeds import seeds
    corpus.mkdir(parents=True, exist_ok=True)
    for name, data in seeds().items():
        (corpus / f"seed-{name}").write_bytes(data)


def main(argv: list[str]) -> None:
    corpus_dirs = [arg for arg in argv[1:] if not arg.startswith("-")]
    if corpus_dirs:
        _write_seeds(Path(corpus_dirs[0]))
        if REGRESSIONS.is_dir():
            argv = argv + [str(REGRESSIONS)]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
