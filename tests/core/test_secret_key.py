"""The secret key kept in the data directory (limitup/config.py): processes that start together
on a fresh data directory (`serve` and `worker`, the spawned workers of the concurrency test)
must all end with the same, whole key, and none may crash."""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from limitup import config


def test_a_key_written_by_another_process_after_our_check_is_the_one_used(tmp_path, monkeypatch):
    # The race, made deterministic: this process checked (no key yet), then another process
    # wrote its key before this one created the file. The old code crashed (FileExistsError).
    (tmp_path / "secret_key").write_text("the-winners-key")
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: False if self.name == "secret_key"
                        else real_exists(self))
    assert config._stored_secret(tmp_path) == "the-winners-key"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret_key"]   # no leftovers


def test_a_new_key_is_whole_private_and_kept(tmp_path):
    key = config._stored_secret(tmp_path)
    assert len(key) == 64 and int(key, 16) >= 0
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert config._stored_secret(tmp_path) == key


def _read_key(data_dir: str, barrier, results) -> None:
    barrier.wait()
    try:
        results.put(config.load_config({"DATA_DIR": data_dir})["SECRET_KEY"])
    except BaseException as error:       # reported, so the assertion shows it
        results.put(f"error: {error!r}")


def test_processes_starting_together_share_one_key(tmp_path):
    context = mp.get_context("spawn")
    for round_number in range(3):
        data_dir = tmp_path / f"round{round_number}"
        data_dir.mkdir()
        barrier, results = context.Barrier(4), context.Queue()
        processes = [context.Process(target=_read_key, args=(str(data_dir), barrier, results))
                     for _ in range(4)]
        for process in processes:
            process.start()
        keys = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert len(set(keys)) == 1 and len(keys[0]) == 64, keys
