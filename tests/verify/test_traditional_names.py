"""A Chinese name printed, or read by OCR, in traditional characters is the same name: the KYC
name check, the guided read, the duplicate check, the issuer roster and the stored keys fold
traditional characters to simplified (limitup.hanzi.NAME_SIMPLIFIED). Standard characters that
are names of their own (乾, 於, 锺) are never folded. Invented names; real OCR is not needed: the
pages are text boxes and the recognitions golden."""
import hashlib
import hmac
import shutil

from limitup import db as dbmod
from limitup.config import DEFAULTS
from limitup.recognise.names import read_expected_name
from limitup.store import get_db
from limitup.verify.lookups import normalise_holder
from limitup.verify.names import name_edits, names_match, romanisations
from limitup.verify.registry import import_roster

from tests.fixtures import SECRET, add_user, golden, processed
from tests.recognise.conftest import golden as golden_page
from tests.recognise.test_name_layouts import renamed

def test_a_traditional_name_is_the_kyc_name():
    assert names_match("陳思遠", "陈思远") and names_match("陈思远", "陳思遠")
    assert name_edits("陳 思 遠", "陈思远") == 0
    assert name_edits("陳思達", "陈思远") == 1          # one misread character stays one
    assert names_match("歐陽娜娜", "欧阳娜娜")
    assert "chensiyuan" in romanisations("陳思遠") and "ouyangnana" in romanisations("歐陽娜娜")


def test_standard_characters_that_are_names_of_their_own_are_not_folded():
    assert not names_match("张乾", "张干")
    assert not names_match("於明", "于明")
    assert not names_match("锺明", "钟明")
    assert name_edits("张乾", "张干") == 1


def test_the_guided_read_finds_the_account_name_printed_in_traditional(catalogue):
    _, page = golden_page("hand_name_spaced_label")
    printed = renamed(page, "余文博", "陳思遠")
    found = read_expected_name(printed, catalogue["constructor"], "陈思远")
    assert found is not None and found.value == "陳思遠"        # shown as printed
    assert read_expected_name(printed, catalogue["constructor"], "陈思达") is None


def test_a_traditional_name_verifies_and_is_the_same_holder_for_duplicates(app):
    owner = add_user("陈思远", "11010119900307123")
    namesake = add_user("陈思远", "44030119950101789")
    printed = golden("scholarship_national", holder="陳思遠", issued="2024-11-20",
                     issuer="中华人民共和国教育部")
    first = processed(owner, printed, 1)
    assert first["status"] == "verified" and first["reasons"] == []
    again = processed(namesake, golden("scholarship_national", holder="陈思远", issued="2024-12-01",
                                 issuer="中华人民共和国教育部"), 2)
    assert again["reasons"] == ["duplicate_certificate"]
    stored = get_db().execute("SELECT holder_name, holder_key FROM credentials WHERE id = ?",
                              [first["id"]]).fetchone()
    assert tuple(stored) == ("陳思遠", "陈思远")


def test_rosters_match_traditional_names_and_keep_their_earlier_hashes(app):
    confirmed_new = add_user("陈思远", "11010119900307123")
    import_roster(get_db(), "scholarship_national", "holder_name,year\n陈思远,2024\n",
                  "moe-2024.csv", secret_key=SECRET, known_types=("scholarship_national",))
    result = processed(confirmed_new, golden("scholarship_national", holder="陳思遠",
                                       issued="2024-11-20"), 3)
    assert result["reasons"] == ["registry_confirmed"]
    # A roster imported before names were folded holds the hash of the name as printed.
    earlier = add_user("刘文博", "31010119880512456")
    with dbmod.write(get_db()) as conn:
        conn.execute("INSERT INTO roster_entries (type, holder_name_hash, year, source_file,"
                     " imported_at) VALUES ('scholarship_national', ?, 2024, 'old.csv', 'x')",
                     [hmac.new(SECRET.encode(), "holder:劉文博".encode(),
                               hashlib.sha256).hexdigest()])
    result = processed(earlier, golden("scholarship_national", holder="劉文博", issued="2024-11-20"), 4)
    assert result["reasons"] == ["registry_confirmed"]


def test_the_migration_folds_stored_holder_keys(tmp_path):
    migrations = tmp_path / "migrations"
    shutil.copytree(DEFAULTS["MIGRATIONS_DIR"], migrations)
    folding = migrations / "0011_fold_holder_keys.sql"
    held_back = tmp_path / folding.name
    folding.rename(held_back)
    database = dbmod.connect(str(tmp_path / "t.db"))
    dbmod.migrate(database, str(migrations))
    with dbmod.write(database) as conn:
        conn.execute("INSERT INTO users (id, name, id_hash, id_mask) VALUES (1, '陈思远', 'h', 'm')")
        for key in ("陳思遠", "SAN ZHANG", "张乾", None):
            conn.execute("INSERT INTO credentials (user_id, status, holder_key, created_at,"
                         " updated_at) VALUES (1, 'verified', ?, 'x', 'x')", [key])
    held_back.rename(folding)
    assert [m["name"] for m in dbmod.migrate(database, str(migrations))][-1] == folding.name
    keys = [row[0] for row in database.execute("SELECT holder_key FROM credentials ORDER BY id")]
    assert keys == ["陈思远", "SAN ZHANG", "张乾", None]
    assert keys[0] == normalise_holder("陳思遠")
