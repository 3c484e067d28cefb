"""Issue 19: accounts whose verified name is a passport name (Latin letters), opened through
`limitup users add` and the operator API, and matched against romanised names as printed."""
import json
from datetime import date

import pytest
from click.testing import CliRunner

from limitup import create_app
from limitup.auth import make_token
from limitup.cli import cli, main
from limitup.pipeline import process
from limitup.store import get_db, pipeline_settings
from limitup.verify.names import kyc_name_problem, names_match
from tests.fixtures import queued_credential

from .dbkit import SECRET, add_user, golden, ingested, make_app, valid_id

FOREIGN_ID = valid_id("93015619880712001")     # a foreign permanent resident ID


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result, [json.loads(line) for line in result.output.splitlines()
                    if line.startswith("{")]


def test_users_add_takes_a_passport_name(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LIMITUP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LIMITUP_SECRET_KEY", SECRET)
    result, lines = run("users", "add", "--name", "José  García López", "--id-number",
                        FOREIGN_ID, "--base", "5000")
    assert result.exit_code == 0 and lines == [{"id": 1}]
    _, users = run("users", "list")
    assert users[0]["name"] == "José García López"         # spaces tidied, accents kept
    with pytest.raises(SystemExit) as exit_info:
        main(["users", "add", "--name", "Jos3 García", "--id-number", FOREIGN_ID,
              "--base", "5000"])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.startswith("Error: the name must be")


def test_the_operator_api_opens_a_passport_account(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET})
    with app.app_context():
        operator = add_user("赵六", "11010119900307123")
        get_db().execute("UPDATE users SET role = 'operator' WHERE id = ?", [operator])
    client = app.test_client()
    headers = {"Authorization": f"Bearer {make_token(operator, 'operator', SECRET, 3600)}"}
    body = {"name": "Mohammed Ali Al Hassan", "id_number": FOREIGN_ID, "base_fen": 500_000}
    response = client.post("/api/v1/users", json=body,
                           headers={**headers, "Idempotency-Key": "user-1"})
    assert response.status_code == 201, response.get_data(as_text=True)
    user_id = response.get_json()["id"]
    again = client.post("/api/v1/users", json=body, headers={**headers, "Idempotency-Key": "user-1"})
    assert again.get_json()["id"] == user_id                 # a retry opens no second account
    bad = client.post("/api/v1/users", json={**body, "name": "Mohammed <script>"},
                      headers=headers)
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"
    assert bad.get_json()["code"] == "invalid_name"
    user_token = make_token(user_id, "user", SECRET, 3600)
    forbidden = client.post("/api/v1/users", json=body,
                            headers={"Authorization": f"Bearer {user_token}"})
    assert forbidden.status_code == 403
    # The account's name is compared with the name printed on an English certificate.
    with app.app_context():
        db = get_db()
        result = process(db, queued_credential(db, user_id, ingested(1)),
                         golden("toefl", holder="AL HASSAN MOHAMMED ALI", score=104,
                                number="1234567890123456", issued="2025-06-01"),
                         pipeline_settings(), today=date(2026, 5, 1))
    assert "name_mismatch" not in result["reasons"]
    assert result["name_compared"] == {"printed": "AL HASSAN MOHAMMED ALI",
                                       "account": "Mohammed Ali Al Hassan", "read": "blind",
                                       "match": True}


def test_passport_names_match_as_printed():
    assert names_match("GARCIA LOPEZ JOSE", "José García López")
    assert names_match("Øyvind Hansen", "OYVIND HANSEN")
    assert not names_match("GARCIA JOSE", "José García López")
    assert kyc_name_problem("阿依古丽·买买提") is None
    assert kyc_name_problem("Иван Петров") is not None
