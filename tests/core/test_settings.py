"""One declaration of every LIMITUP_* setting (limitup/settings.py): the configuration, the two
settings read where the OCR engine loads, and the README's table all come from it."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from limitup import config, settings
from limitup.ocr.rapid import ocr_threads
from tests.fixtures import ROOT, run_cli

TABLE = re.compile(r"<!-- settings table: `limitup settings --markdown` -->\n(.*?)"
                   r"<!-- end of settings table -->", re.S)

# The defaults before the declaration existed (limitup/config.py's DEFAULTS): unchanged.
DEFAULTS_BEFORE = {
    "DATA_DIR": "var", "RULES_DIR": str(ROOT / "rules"), "MIGRATIONS_DIR": str(ROOT / "migrations"),
    "QUEUE_URL": None, "MAX_UPLOAD_BYTES": 15 * 1024 * 1024, "RETENTION_DAYS": 90,
    "UPLOAD_RATE_LIMIT": "30 per hour", "LIMIT_CHANGE_RATE_LIMIT": "60 per hour",
    "TOKEN_TTL_SECONDS": 30 * 24 * 3600, "OCR_ENGINE": "default", "IDEMPOTENCY_LEASE_SECONDS": 60,
    "JOB_LEASE_SECONDS": 120, "QUEUE_HEARTBEAT_MS": 20000, "QUEUE_MAINTENANCE": 100000,
    "QUEUE_MAX_ATTEMPTS": 3, "QUEUE_TIME_LIMIT_MS": 300000, "QUEUE_SWEEP_SECONDS": 30.0,
    "QUEUE_LOST_SECONDS": 120.0, "QUEUE_PENDING_MAX_SECONDS": 6 * 3600.0,
    "WORKER_HOLD_SECONDS": 0.0, "DECODE_BUDGET_MB": 1024, "DECODE_WAIT_SECONDS": 30.0}


def test_the_readme_table_is_the_declaration():
    shown = TABLE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown, "README.md has no settings table between its markers"
    assert shown.group(1) == settings.markdown_table(), \
        "README.md's table is stale: paste the output of `limitup settings --markdown`"


def test_limitup_settings_prints_the_table(tmp_path):
    result = run_cli("settings", "--markdown", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == settings.markdown_table()


def test_every_variable_the_code_reads_is_declared():
    declared = {setting.variable for setting in settings.SETTINGS if setting.env}
    named = set()
    for path in (ROOT / "limitup").rglob("*.py"):
        named |= set(re.findall(r"LIMITUP_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8")))
    assert named <= declared, sorted(named - declared)
    assert len(declared) == 24      # the README showed 4 of them before


def test_defaults_are_the_ones_before(tmp_path):
    assert {key: value for key, value in config.DEFAULTS.items()
            if key != "SECRET_KEY"} == DEFAULTS_BEFORE
    loaded = config.load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path)})
    assert {key: loaded[key] for key in DEFAULTS_BEFORE if key != "DATA_DIR"} == \
        {key: value for key, value in DEFAULTS_BEFORE.items() if key != "DATA_DIR"}


@pytest.mark.parametrize("value, expected", [("two", "a whole number"), ("0", "more than 0")])
def test_a_bad_ocr_threads_is_refused_at_start_with_its_name(tmp_path, value, expected):
    """It was ignored before (the engine fell back to 2 threads without a word)."""
    with pytest.raises(config.ConfigError, match=f"^LIMITUP_OCR_THREADS: expected {expected}, "):
        config.load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path),
                                    "LIMITUP_OCR_THREADS": value})
    result = run_cli("rules", "check", data_dir=tmp_path, env={"LIMITUP_OCR_THREADS": value})
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: LIMITUP_OCR_THREADS: expected {expected}")


@pytest.mark.parametrize("value", ["rapidocr-plain", "rapidocr@1280", "abbyy"])
def test_the_server_runs_a_product_engine_only(tmp_path, value):
    """Bench-only variants (the plain baseline, another detection side) are for `limitup
    bench`, `eval` and `scan`; as the server's engine they were accepted and an unknown name
    failed only at the first upload."""
    with pytest.raises(config.ConfigError, match="^LIMITUP_OCR_ENGINE: expected one of default, "
                                                 "rapidocr, tesseract, got "):
        config.load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path),
                                    "LIMITUP_OCR_ENGINE": value})
    for allowed in ("default", "tesseract"):
        assert config.load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path),
                                           "LIMITUP_OCR_ENGINE": allowed})["OCR_ENGINE"] == allowed


def test_a_bad_ocr_runtime_is_refused_at_start_with_its_name(tmp_path):
    with pytest.raises(config.ConfigError, match="^LIMITUP_OCR_RUNTIME: expected one of "
                                                 "openvino, onnxruntime, got "):
        config.load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path),
                                    "LIMITUP_OCR_RUNTIME": "cuda"})
    result = run_cli("rules", "check", data_dir=tmp_path, env={"LIMITUP_OCR_RUNTIME": "cuda"})
    assert result.returncode == 1
    assert result.stderr.startswith("Error: LIMITUP_OCR_RUNTIME: expected one of")


def test_ocr_threads_reads_the_declaration_then_omp(monkeypatch):
    monkeypatch.setenv("LIMITUP_OCR_THREADS", "3")
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    assert ocr_threads() == 3
    monkeypatch.delenv("LIMITUP_OCR_THREADS")
    assert ocr_threads() == 1
    monkeypatch.delenv("OMP_THREAD_LIMIT")
    assert ocr_threads() == max(1, min(2, os.cpu_count() or 1))


def test_tessdata_reads_the_declaration(tmp_path):
    read = [sys.executable, "-c", "from limitup.ocr.tesseract import TESSDATA; print(TESSDATA)"]
    default = subprocess.run(read, capture_output=True, text=True, env={"PATH": "/usr/bin"})
    assert default.stdout.strip() == "/usr/share/tesseract-ocr/5/tessdata", default.stderr
    chosen = subprocess.run(read, capture_output=True, text=True,
                            env={"PATH": "/usr/bin", "LIMITUP_TESSDATA": str(tmp_path)})
    assert chosen.stdout.strip() == str(tmp_path), chosen.stderr
