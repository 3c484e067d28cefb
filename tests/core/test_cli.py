"""The real `limitup` command in a subprocess: JSON out, clear errors, never a traceback."""
import json

import pytest

from tests.fixtures import make_id, run_cli


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def cli(data_dir, *args):
    return run_cli(*args, data_dir=data_dir)


def test_help_lists_the_commands(data_dir):
    out = cli(data_dir, "--help").stdout
    for command in ("users", "account", "limit", "base", "used", "migrate", "rules", "serve"):
        assert command in out


def test_user_account_and_limit_changes(data_dir):
    added = cli(data_dir, "users", "add", "--name", "王五", "--id-number", make_id(),
                "--base", "5000", "--used", "120.50")
    assert added.returncode == 0, added.stderr
    uid = json.loads(added.stdout)["id"]
    account = json.loads(cli(data_dir, "account", str(uid)).stdout)
    assert account == {"base_fen": 500000, "used_fen": 12050, "bonus_fen": 0,
                       "ceiling_fen": 500000, "floor_fen": 12050, "current_fen": 500000,
                       "step_fen": 1000}
    lowered = json.loads(cli(data_dir, "limit", "set", str(uid), "3000").stdout)
    assert lowered["current_fen"] == 300000
    based = json.loads(cli(data_dir, "base", "set", str(uid), "2000").stdout)
    assert based["ceiling_fen"] == 200000 and based["current_fen"] == 200000
    used = json.loads(cli(data_dir, "used", "set", str(uid), "0").stdout)
    assert used["floor_fen"] == 10000
    history = [json.loads(line) for line in cli(data_dir, "ledger", str(uid)).stdout.splitlines()]
    assert [e["kind"] for e in history] == ["used", "base", "lower", "open"]
    assert "replays" in cli(data_dir, "ledger", str(uid), "--verify").stdout


def test_id_number_is_never_stored_in_clear(data_dir):
    number = make_id(serial="777")
    cli(data_dir, "users", "add", "--name", "赵六", "--id-number", number, "--base", "100")
    for path in data_dir.iterdir():
        if path.is_file():
            assert number.encode() not in path.read_bytes(), path.name
    listed = json.loads(cli(data_dir, "users", "list").stdout.splitlines()[0])
    assert listed["id_mask"] == number[:6] + "********" + number[-4:]


@pytest.mark.parametrize("args,message", [
    (["users", "add", "--name", "A", "--id-number", "123", "--base", "10"], "ID number is not a valid"),
    (["users", "add", "--name", "A", "--id-number", make_id(), "--base", "-10"], "negative"),
    (["users", "add", "--name", " ", "--id-number", make_id(), "--base", "10"], "name must not be empty"),
    (["users", "add", "--name", "A", "--id-number", make_id(), "--base", "ten"], "not an amount"),
    (["account", "99"], "no user 99"),
    (["account", "abc"], "is not a valid integer"),
    (["limit", "set", "99", "100"], "no user 99"),
    (["limit", "set", "1", "0.001"], "fractions of a fen"),
])
def test_bad_input_is_a_clear_message_and_non_zero_exit(data_dir, args, message):
    result = cli(data_dir, *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert message.lower() in (result.stderr + result.stdout).lower()


def test_limit_above_ceiling_names_the_reason(data_dir):
    uid = json.loads(cli(data_dir, "users", "add", "--name", "A", "--id-number", make_id(),
                         "--base", "100").stdout)["id"]
    result = cli(data_dir, "limit", "set", str(uid), "200")
    assert result.returncode == 1 and "above the ceiling" in result.stderr


def test_invalid_rules_file_stops_every_command(data_dir, tmp_path):
    import shutil

    from limitup.config import DEFAULTS
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULTS["RULES_DIR"], rules)
    (rules / "limits.yaml").write_text("step_yuan: 0\nmin_limit_yuan: 1\nraise_quota: {count: 1, window_days: 1}\n")
    result = run_cli("account", "1", data_dir=data_dir, env={"LIMITUP_RULES_DIR": str(rules)})
    assert result.returncode == 1 and "limits.yaml: step_yuan" in result.stderr
    assert "Traceback" not in result.stderr
    checked = run_cli("rules", "check", "--dir", str(rules), data_dir=data_dir)
    assert checked.returncode == 1 and "limits.yaml: step_yuan" in checked.stderr
