"""Issuer rosters: import with clear errors, registry_confirmed / registry_not_found."""
import pytest

from limitup.errors import LimitupError
from limitup.store import get_db
from limitup.verify.registry import import_roster, parse_roster

from tests.fixtures import SECRET, add_user, golden, processed

TYPES = ("scholarship_national", "cpa")


def test_roster_errors_name_the_line():
    with pytest.raises(LimitupError) as error:
        parse_roster("holder_name,year\n王小明,2024\n李四,24\n", "list.csv")
    assert "list.csv: line 3" in str(error.value) and error.value.code == "invalid_roster"
    with pytest.raises(LimitupError) as error:
        parse_roster("name,year\n王小明,2024\n", "list.csv")
    assert "line 1" in str(error.value) and "name" in str(error.value)
    with pytest.raises(LimitupError) as error:
        parse_roster("cert_number,holder_name\n,\n12!@,\n", "list.csv")
    assert "line 3" in str(error.value)
    with pytest.raises(LimitupError):
        parse_roster("", "empty.csv")


def test_roster_unknown_type_refused(app):
    with pytest.raises(LimitupError) as error:
        import_roster(get_db(), "gym_card", "holder_name\n王小明\n", "x.csv", secret_key=SECRET,
                      known_types=TYPES)
    assert error.value.code == "unknown_type"


def test_registry_confirms_or_rejects(app):
    wang = add_user("王小明", "11010119900307123")
    zhao = add_user("赵六", "11010119900307456")
    summary = import_roster(get_db(), "scholarship_national",
                            "holder_name,year\n王 小明,2024\n张三,2024\n", "moe-2024.csv",
                            secret_key=SECRET, known_types=TYPES)
    assert summary == {"type": "scholarship_national", "imported": 2,
                       "source_file": "moe-2024.csv"}
    confirmed = processed(wang, golden("scholarship_national", issued="2024-11-20"), 1)
    assert confirmed["reasons"] == ["registry_confirmed"] and confirmed["status"] == "verified"
    missing = processed(zhao, golden("scholarship_national", holder="赵六", issued="2024-11-20"), 2)
    assert missing["reasons"] == ["registry_not_found"] and missing["status"] == "rejected"
    # no roster for cpa: the registry says nothing
    assert processed(wang, golden("cpa", number="202300123456"), 3)["reasons"] == []


def test_registry_by_number(app):
    wang = add_user("王小明", "11010119900307123")
    import_roster(get_db(), "cpa", "cert_number\n2023-0012-3456\n", "cicpa.csv",
                  secret_key=SECRET, known_types=TYPES)
    assert processed(wang, golden("cpa", number="202300123456"), 4)["reasons"] == \
        ["registry_confirmed"]
    assert processed(wang, golden("cpa", number="202300999999"), 5)["reasons"] == \
        ["registry_not_found"]
