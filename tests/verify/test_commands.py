"""The credential commands through the real CLI entry point (no OCR: golden recognitions)."""
import json
from datetime import date

import pytest
from click.testing import CliRunner

from limitup.cli import cli
from limitup.pipeline import process
from limitup.store import get_db, pipeline_settings

from tests.fixtures import SECRET, add_user, golden, ingested, make_app, queued_credential


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("LIMITUP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LIMITUP_SECRET_KEY", SECRET)
    app = make_app(tmp_path)
    with app.app_context():
        wang = add_user("王小明", "11010119900307123")
        db = get_db()
        for seed, rec in enumerate([golden("cpa", number="202300123456", confidence=0.3),
                                    golden("toefl", holder="WANG XIAOMING", score=104,
                                           number="1234567890123456", issued="2024-06-01")]):
            process(db, queued_credential(db, wang, ingested(seed)), rec, pipeline_settings(),
                    today=date(2026, 5, 1))
    return wang


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    return result, lines


def test_review_list_and_approve(env):
    _, queue = run("review", "list")
    assert [item["credential_id"] for item in queue] == [1]
    assert queue[0]["reasons"] == ["low_confidence"]
    _, (line,) = run("review", "approve", "1", "--note", "number checked by hand")
    assert line["status"] == "verified" and line["account"]["bonus_fen"] == 500000 + 300000


def test_sweep_and_withdraw(env):
    _, swept = run("sweep", "--today", "2026-06-01")
    assert [(s["credential_id"], s["status"]) for s in swept] == [(2, "expired")]
    _, (line,) = run("review", "approve", "1", "--note", "ok")
    _, (gone,) = run("withdraw", "1")
    assert gone["status"] == "withdrawn" and gone["account"]["bonus_fen"] == 0


def test_rescore_changes_nothing_without_a_rules_change(env):
    _, lines = run("rescore")
    assert lines == [{"user_id": env, "bonus_before_fen": 300000, "bonus_fen": 300000,
                      "changed": False}]


def test_rosters_import_reports_line(env, tmp_path):
    good = tmp_path / "moe.csv"
    good.write_text("holder_name,year\n王小明,2024\n", encoding="utf-8")
    _, (line,) = run("rosters", "import", "scholarship_national", str(good))
    assert line["imported"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("holder_name,year\n王小明,20x4\n", encoding="utf-8")
    from limitup.errors import LimitupError
    with pytest.raises(LimitupError) as error:
        CliRunner().invoke(cli, ["rosters", "import", "scholarship_national", str(bad)],
                           catch_exceptions=False)
    assert "bad.csv: line 2" in str(error.value)


def test_bonus_explanation(env):
    result, _ = run("bonus", str(env), "--text")
    assert "toefl (language): score 104 >= 100" in result.output
