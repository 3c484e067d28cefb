"""Migrations, configuration and rules validation."""
import sqlite3

import pytest

from limitup import create_app
from limitup import db as dbmod
from limitup.config import DEFAULTS
from limitup.rules import RulesError, load_rules


def test_fresh_data_dir_is_created_and_migrated(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "new" / "dir")})
    conn = sqlite3.connect(app.config["DATABASE"])
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names[0] == "0001_core.sql"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / "new" / "dir" / "secret_key").exists()


def test_older_database_is_brought_up_to_date_once(tmp_path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_a.sql").write_text("CREATE TABLE a (x INTEGER);")
    database = dbmod.connect(str(tmp_path / "t.db"))
    dbmod.migrate(database, str(migrations))
    (migrations / "0002_b.sql").write_text(
        "CREATE TABLE b (x INTEGER);\nCREATE TRIGGER t AFTER INSERT ON b BEGIN SELECT 1; END;")
    applied = dbmod.migrate(database, str(migrations))
    again = dbmod.migrate(database, str(migrations))
    assert [m["name"] for m in applied] == ["0001_a.sql", "0002_b.sql"] == [m["name"] for m in again]


def test_a_failing_migration_leaves_nothing_half_applied(tmp_path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_bad.sql").write_text("CREATE TABLE ok (x);\nCREATE TABLE broken (;")
    database = dbmod.connect(str(tmp_path / "t.db"))
    with pytest.raises(sqlite3.OperationalError):
        dbmod.migrate(database, str(migrations))
    assert "ok" not in database.table_names()
    assert dbmod.applied(database) == []


def test_nothing_is_written_outside_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    create_app({"DATA_DIR": str(tmp_path / "d")})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def _copy_rules(tmp_path):
    import shutil
    target = tmp_path / "rules"
    shutil.copytree(DEFAULTS["RULES_DIR"], target)
    return target


def test_shipped_rules_are_valid():
    load_rules(DEFAULTS["RULES_DIR"])


def test_invalid_rules_name_the_file_and_key(tmp_path):
    rules = _copy_rules(tmp_path)
    (rules / "limits.yaml").write_text("step_yuan: ten\nmin_limit_yuan: 100\n"
                                       "raise_quota: {count: 5, window_days: 0}\n")
    with pytest.raises(RulesError) as error:
        load_rules(rules)
    message = str(error.value)
    assert "limits.yaml: step_yuan" in message
    assert "limits.yaml: raise_quota.window_days" in message


def test_service_refuses_to_start_on_invalid_rules(tmp_path):
    rules = _copy_rules(tmp_path)
    (rules / "limits.yaml").write_text("step_yuan: [1\n")
    with pytest.raises(RulesError, match="limits.yaml: not valid YAML"):
        create_app({"DATA_DIR": str(tmp_path / "d"), "RULES_DIR": str(rules)})


def test_scoring_and_catalogue_must_agree(tmp_path):
    rules = _copy_rules(tmp_path)
    (rules / "catalogue" / "nurse.yaml").rename(tmp_path / "nurse.yaml")
    with pytest.raises(RulesError, match=r"scoring.yaml: types.nurse: not in the catalogue"):
        load_rules(rules)
