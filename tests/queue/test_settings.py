"""The queue's timing settings go through limitup.config: same LIMITUP_* names and defaults as
before, a bad value refused at start with its name, a good one from the environment reaching the
processor of `limitup serve` (a real redis-server and SQLite; no OCR)."""
from __future__ import annotations

import time

import pytest

from limitup import accounts, create_app, jobs, uploads
from limitup.config import ConfigError, load_config
from limitup.jobs import redis_broker
from limitup.jobs.redis_server import free_port
from limitup.store import get_db, get_rules, pipeline_settings
from tests.fixtures import run_cli
from tests.queue.conftest import SECRET

# What operators had before the settings moved into the config (docs/deploy.md, "Settings").
DEFAULT_QUEUE_SETTINGS = {
    "QUEUE_HEARTBEAT_MS": 20000, "QUEUE_MAINTENANCE": 100000, "QUEUE_MAX_ATTEMPTS": 3,
    "QUEUE_TIME_LIMIT_MS": 300000, "QUEUE_SWEEP_SECONDS": 30.0, "QUEUE_LOST_SECONDS": 120.0,
    "QUEUE_PENDING_MAX_SECONDS": 6 * 3600.0, "WORKER_HOLD_SECONDS": 0.0}

BAD_VALUES = [
    ("QUEUE_SWEEP_SECONDS", "soon", "a number of seconds"),
    ("QUEUE_SWEEP_SECONDS", "0", "more than 0"),            # the sweeper would spin
    ("QUEUE_LOST_SECONDS", "nan", "a number of seconds"),
    ("QUEUE_PENDING_MAX_SECONDS", "-1", "0 or more"),
    ("QUEUE_MAX_ATTEMPTS", "three", "a whole number"),
    ("QUEUE_MAX_ATTEMPTS", "0", "more than 0"),             # a job would never run
    ("QUEUE_HEARTBEAT_MS", "-5", "more than 0"),
    ("QUEUE_MAINTENANCE", "1.5", "a whole number"),
    ("QUEUE_TIME_LIMIT_MS", "0", "more than 0"),
    ("WORKER_HOLD_SECONDS", "x", "a number of seconds"),
]


def test_the_defaults_are_the_ones_operators_had(tmp_path):
    config = load_config(environ={"LIMITUP_DATA_DIR": str(tmp_path)})
    assert {key: config[key] for key in DEFAULT_QUEUE_SETTINGS} == DEFAULT_QUEUE_SETTINGS


@pytest.mark.parametrize("key, value, expected", BAD_VALUES)
def test_a_bad_value_is_refused_with_the_key_named(tmp_path, key, value, expected):
    environ = {"LIMITUP_DATA_DIR": str(tmp_path), f"LIMITUP_{key}": value}
    with pytest.raises(ConfigError, match=f"^LIMITUP_{key}: expected {expected}, got "):
        load_config(environ=environ)


@pytest.mark.parametrize("concurrency", ["1", "2"])
def test_limitup_worker_refuses_a_bad_value_without_a_traceback(tmp_path, concurrency):
    """Before any worker starts: a supervisor must not restart children that cannot start."""
    result = run_cli("worker", "--queue-url", f"redis://127.0.0.1:{free_port()}/0",
                     "--concurrency", concurrency, data_dir=tmp_path / "worker",
                     env={"LIMITUP_SECRET_KEY": SECRET, "LIMITUP_QUEUE_MAX_ATTEMPTS": "0"},
                     timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: LIMITUP_QUEUE_MAX_ATTEMPTS: expected more than 0")
    assert "Traceback" not in result.stderr


def test_limitup_serve_refuses_a_bad_value_without_a_traceback(tmp_path):
    result = run_cli("serve", "--port", str(free_port()), data_dir=tmp_path / "server",
                     env={"LIMITUP_QUEUE_SWEEP_SECONDS": "soon"}, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: LIMITUP_QUEUE_SWEEP_SECONDS: expected a number")
    assert "Traceback" not in result.stderr


@pytest.fixture
def tuned_app(tmp_path, redis_url, monkeypatch):
    """An app whose queue timings come from the environment, as an operator would set them."""
    monkeypatch.setenv("LIMITUP_QUEUE_SWEEP_SECONDS", "0.2")
    monkeypatch.setenv("LIMITUP_QUEUE_LOST_SECONDS", "0")
    monkeypatch.setenv("LIMITUP_QUEUE_TIME_LIMIT_MS", "45000")
    app = create_app({"DATA_DIR": str(tmp_path / "server"), "SECRET_KEY": SECRET,
                      "QUEUE_URL": redis_url})
    yield app
    broker = redis_broker._brokers.pop(redis_url, None)
    if broker is not None:
        broker.close()


def test_settings_from_the_environment_reach_the_processor(tuned_app, certificates):
    data, label = certificates[0]
    with tuned_app.app_context():
        user_id = accounts.add_user(get_db(), name=label["kyc_name"], id_number=label["kyc_id"],
                                    base_fen=500_000, used_fen=0, role="user", secret_key=SECRET,
                                    policy=get_rules().limits)
        credential_id = uploads.accept(get_db(), user_id, data, pipeline_settings(),
                                       start=uploads.in_background(tuned_app.config))
    processor = jobs.start_processor(tuned_app)
    try:
        # The broker's job time limit, from LIMITUP_QUEUE_TIME_LIMIT_MS.
        assert processor.queue.settings.time_limit_ms == 45000
        assert processor.queue.recognise.options["time_limit"] == 45000
        # Redis loses the job (no worker runs here). With the defaults the sweeper would first
        # look after 30 s and call it lost after 120 s; from the environment: at once, 0.2 s.
        processor.queue.client.flushdb()
        deadline = time.monotonic() + 10
        while _sends(tuned_app, credential_id) < 2:
            assert time.monotonic() < deadline, "the sweeper did not send the lost job again"
            time.sleep(0.1)
    finally:
        processor.stop()


def _sends(app, credential_id: int) -> int:
    with app.app_context():
        return get_db().execute("SELECT COUNT(*) FROM queue_jobs WHERE credential_id = ?",
                                [credential_id]).fetchone()[0]
