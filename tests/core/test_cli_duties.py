"""The command line keeps the separation of duties when told who acts (issue 21, item 3):
`--by` on base/used set and `--reviewer` on review decisions are refused on one's own account.
Without them the CLI acts as the machine (docs/api.md, "Separation of duties")."""
from __future__ import annotations

from limitup import accounts, create_app
from limitup import credentials as store
from limitup.db import write
from limitup.store import get_db, get_rules
from tests.conftest import make_id, run_cli


def test_cli_refuses_own_base_and_own_review(tmp_path):
    data_dir = tmp_path / "data"
    app = create_app({"DATA_DIR": str(data_dir)})
    with app.app_context():
        policy = get_rules().limits
        operator = accounts.add_user(get_db(), name="赵操", id_number=make_id(serial="811"),
                                     base_fen=500_000, role="operator", policy=policy,
                                     secret_key=app.config["SECRET_KEY"])
        reviewer = accounts.add_user(get_db(), name="李审核", id_number=make_id(serial="812"),
                                     base_fen=500_000, role="reviewer", policy=policy,
                                     secret_key=app.config["SECRET_KEY"])
        with write(get_db()) as conn:
            held = store.insert(conn, reviewer, type="cpa", holder_name="李审核",
                                holder_key="李审核", cert_number="110001000888",
                                issue_date="2020-05-01")
            store.move(conn, held, "processing", actor="system")
            store.move(conn, held, "needs_review", actor="system")
    own_base = run_cli("base", "set", str(operator), "1000000000", "--by", str(operator),
                       data_dir=data_dir)
    assert own_base.returncode == 1 and "own account" in own_base.stderr, own_base.stderr
    other = run_cli("base", "set", str(reviewer), "6000", "--by", str(operator),
                    data_dir=data_dir)
    assert other.returncode == 0, other.stderr
    own_review = run_cli("review", "approve", str(held), "--note", "mine",
                         "--reviewer", str(reviewer), data_dir=data_dir)
    assert own_review.returncode == 1 and "own account" in own_review.stderr
    as_operator = run_cli("review", "approve", str(held), "--note", "x",
                          "--reviewer", str(operator), data_dir=data_dir)
    assert as_operator.returncode == 1 and "not a reviewer" in as_operator.stderr
    with app.app_context():
        assert store.get(get_db(), held)["status"] == "needs_review"
        assert accounts.get_user(get_db(), operator)["role"] == "operator"
