"""Several OS processes change one account at once: no lost and no doubled change."""
import multiprocessing as mp

from limitup import create_app, ledger
from limitup.errors import LimitupError

WORKERS = 4
CHANGES_PER_WORKER = 15


def _worker(data_dir: str, user_id: int, worker: int, results) -> None:
    app = create_app({"DATA_DIR": data_dir})
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
                except LimitupError:
                    continue
            # Replaying the same key must not apply again.
            ledger.change(db, user_id, kind="used", actor="operator", reason="test",
                          policy=policy, request={"w": worker, "i": i},
                          idempotency_key=f"w{worker}-{i}",
                          mutate=lambda f, _: type(f)(f.base_fen, f.used_fen + 100,
                                                      f.bonus_fen, f.current_fen))
        results.put(applied)


def test_concurrent_processes_lose_and_double_nothing(tmp_path, new_user, app, db, policy):
    data_dir = app.config["DATA_DIR"]
    uid = new_user(base_fen=10_000_000)
    context = mp.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(data_dir, uid, w, results))
                 for w in range(WORKERS)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert sum(results.get(timeout=5) for _ in processes) == WORKERS * CHANGES_PER_WORKER
    account = ledger.account(db, uid, policy)
    assert account["used_fen"] == WORKERS * CHANGES_PER_WORKER * 100
    assert account["version"] == 1 + WORKERS * CHANGES_PER_WORKER
    ledger.verify_account(db, uid)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
