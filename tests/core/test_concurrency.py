"""Several OS processes change one account at once: no lost and no doubled change."""
import multiprocessing as mp
import queue
import traceback

from limitup import create_app, ledger

WORKERS = 4
CHANGES_PER_WORKER = 15


def _worker(settings: dict, user_id: int, worker: int, results) -> None:
    """Report the number of changes applied, or the traceback that stopped this worker
    (a dead child's exit code alone says nothing about why)."""
    try:
        results.put(_apply_changes(settings, user_id, worker))
    except BaseException:
        results.put(traceback.format_exc())
        raise


def _apply_changes(settings: dict, user_id: int, worker: int) -> int:
    app = create_app(settings)
    with app.app_context():
        from limitup.store import get_db, get_rules
        db, policy = get_db(), get_rules().limits
        applied = 0
        for i in range(CHANGES_PER_WORKER):
            # Each worker lowers the *used* figure by reading and writing through a version
            # check; on StaleVersion it reads again, like an API client with If-Match would.
            while True:
                version = ledger.account(db, user_id, policy)["version"]
                used = ledger.account(db, user_id, policy)["used_fen"]
                try:
                    ledger.change(db, user_id, kind="used", actor="operator", reason="test",
                                  policy=policy, expected_version=version,
                                  request={"w": worker, "i": i},
                                  idempotency_key=f"w{worker}-{i}",
                                  mutate=lambda f, _: type(f)(f.base_fen, f.used_fen + 100,
                                                              f.bonus_fen, f.current_fen))
                    applied += 1
                    break
                except ledger.StaleVersion:
                    continue  # any other error is a failure, not a reason to spin
            # Replaying the same key must not apply again.
            ledger.change(db, user_id, kind="used", actor="operator", reason="test",
                          policy=policy, request={"w": worker, "i": i},
                          idempotency_key=f"w{worker}-{i}",
                          mutate=lambda f, _: type(f)(f.base_fen, f.used_fen + 100,
                                                      f.bonus_fen, f.current_fen))
        return applied


def _reports(processes, results) -> list:
    """Wait for every worker to end, then take the one report each put on the queue.

    A child flushes what it put before it exits, so after the joins the reports are already in
    the pipe; a worker killed without a report leaves one missing (see the exit codes).
    """
    for p in processes:
        p.join(timeout=120)
    reports = []
    for _ in processes:
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            break
    return reports


def test_concurrent_processes_lose_and_double_nothing(tmp_path, new_user, app, db, policy):
    uid = new_user(base_fen=10_000_000)
    # The workers are more instances of the test's app, with its settings. (Without its
    # SECRET_KEY, four processes creating the data directory's secret_key at once once raced:
    # fixed in limitup.config, tested in test_secret_key.py; not what this test is about.)
    settings = {"DATA_DIR": app.config["DATA_DIR"], "SECRET_KEY": app.config["SECRET_KEY"]}
    context = mp.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(settings, uid, w, results))
                 for w in range(WORKERS)]
    for p in processes:
        p.start()
    reports = _reports(processes, results)
    tracebacks = [r for r in reports if isinstance(r, str)]
    assert not tracebacks, "a worker failed:\n" + "\n".join(tracebacks)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    assert sorted(reports) == [CHANGES_PER_WORKER] * WORKERS
    account = ledger.account(db, uid, policy)
    assert account["used_fen"] == WORKERS * CHANGES_PER_WORKER * 100
    assert account["version"] == 1 + WORKERS * CHANGES_PER_WORKER
    ledger.verify_account(db, uid)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
