"""The user's credential page says which printed name was compared with which account name."""
from datetime import date

from limitup import create_app
from limitup.pipeline import process
from limitup.store import get_db, pipeline_settings
from tests.web.conftest import SECRET, sign_in
from tests.fixtures import queued_credential

from .dbkit import add_user, golden, ingested


def test_the_page_says_which_name_was_compared_with_which(tmp_path, monkeypatch):
    import tests.verify.dbkit as dbkit
    monkeypatch.setattr(dbkit, "SECRET", SECRET)
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET})
    with app.app_context():
        user = add_user("王小明", "11010119900307123")
        db = get_db()
        credential = queued_credential(db, user, ingested(3))
        process(db, credential, golden("toefl", holder="WANG XIAOMING", score=104,
                                       number="1234567890123456", issued="2025-06-01"),
                pipeline_settings(), today=date(2026, 5, 1))
    client = app.test_client()
    sign_in(client, user)
    chinese = client.get(f"/credentials/{credential}").get_data(as_text=True)
    assert 'data-testid="name-compared"' in chinese
    assert "姓名核对：证书上的 WANG XIAOMING 与账户的 王小明" in chinese
    with client.session_transaction() as session:
        session["lang"] = "en"
    english = client.get(f"/credentials/{credential}").get_data(as_text=True)
    assert "Name compared: printed WANG XIAOMING with account 王小明" in english
