"""Every row of SPEC 4's table, read from rules/scoring.yaml, and the schema's refusals."""
import pytest
from marshmallow import ValidationError

from limitup.scoring import ScoringSchema

from .conftest import raw_table

Y = 100  # fen per yuan

LEVEL_ROWS = [
    ("teacher_qualification", "高等学校", 3000), ("teacher_qualification", "高级中学", 2500),
    ("teacher_qualification", "中等职业学校", 2500), ("teacher_qualification", "初级中学", 2000),
    ("teacher_qualification", "小学", 1500), ("teacher_qualification", "幼儿园", 1500),
    ("teacher_qualification", "中等职业学校实习指导", 1500),
    ("legal_professional", "A", 4000), ("legal_professional", "B", 3000),
    ("legal_professional", "C", 2000),
    ("constructor", "一级", 4000), ("constructor", "二级", 2000),
    ("computer_professional", "高级", 3000), ("computer_professional", "中级", 2000),
    ("computer_professional", "初级", 1000),
    ("tem8", "优秀", 2500), ("tem8", "良好", 2000), ("tem8", "合格", 1500),
    ("putonghua", "一级甲等", 1500), ("putonghua", "一级乙等", 1500), ("putonghua", "二级甲等", 1000),
    ("putonghua", "二级乙等", 500), ("putonghua", "三级甲等", 0), ("putonghua", "三级乙等", 0),
    ("scholarship_school", "一等", 1500), ("scholarship_school", "二等", 1000),
    ("scholarship_school", "三等", 500),
]

FLAT_ROWS = [("accounting_junior", 1000), ("accounting_intermediate", 2500), ("cpa", 5000),
             ("physician", 4000), ("nurse", 1500), ("securities_practitioner", 800),
             ("scholarship_national", 3000), ("scholarship_provincial", 2000)]

SCORE_ROWS = [
    ("toefl", 120, 3000), ("toefl", 100, 3000), ("toefl", 99, 2000), ("toefl", 90, 2000),
    ("toefl", 89, 1000), ("toefl", 80, 1000), ("toefl", 79, 0), ("toefl", 0, 0),
    ("ielts", 9, 3000), ("ielts", 7.0, 3000), ("ielts", 6.5, 2000), ("ielts", 6.0, 1000),
    ("ielts", 5.5, 0),
    ("duolingo", 160, 3000), ("duolingo", 130, 3000), ("duolingo", 125, 2000),
    ("duolingo", 115, 2000), ("duolingo", 110, 1000), ("duolingo", 100, 1000), ("duolingo", 95, 0),
    ("cet4", 710, 800), ("cet4", 550, 800), ("cet4", 549, 500), ("cet4", 425, 500), ("cet4", 424, 0),
    ("cet6", 550, 1500), ("cet6", 549, 1000), ("cet6", 425, 1000), ("cet6", 424, 0),
]


@pytest.mark.parametrize("type_id, level, yuan", LEVEL_ROWS)
def test_level_rows(table, type_id, level, yuan):
    assert table.band(type_id, level=level).fen == yuan * Y


@pytest.mark.parametrize("type_id, yuan", FLAT_ROWS)
def test_flat_rows(table, type_id, yuan):
    assert table.band(type_id).fen == yuan * Y


@pytest.mark.parametrize("type_id, value, yuan", SCORE_ROWS)
def test_score_rows(table, type_id, value, yuan):
    assert table.band(type_id, score=value).fen == yuan * Y


def test_every_catalogue_type_is_scored_with_spec_categories(table, catalogue_ids):
    assert set(table.types) == catalogue_ids
    assert table.category_of("cpa") == "professional"
    assert table.category_of("putonghua") == "language"
    assert table.category_of("scholarship_school") == "honor"
    assert table.category_caps_fen == {"professional": 800000, "language": 500000, "honor": 400000}
    assert table.global_cap_fen == 1200000


def test_missing_level_or_score_has_no_band(table):
    assert table.band("toefl") is None
    assert table.band("legal_professional", level="D") is None
    assert table.band("no_such_type") is None


def test_score_given_as_text_is_read(table):
    assert table.band("ielts", score="6.5").fen == 2000 * Y


def test_catalogue_consistency_is_checked(table, catalogue_ids):
    assert table.check_catalogue(catalogue_ids) == []
    problems = "\n".join(table.check_catalogue(catalogue_ids - {"nurse"} | {"gym_card"}))
    assert "types.gym_card: missing" in problems and "types.nurse: not in the catalogue" in problems


def _load_with(edit):
    data = raw_table()
    edit(data)
    return ScoringSchema().load(data)


def test_type_must_give_exactly_one_way():
    def edit(data):
        data["types"]["cpa"]["levels"] = {"A": 1}
    with pytest.raises(ValidationError) as error:
        _load_with(edit)
    assert "cpa" in str(error.value.messages["types"])


def test_bands_must_be_highest_first():
    def edit(data):
        data["types"]["toefl"]["score_bands"].reverse()
    with pytest.raises(ValidationError):
        _load_with(edit)


def test_stacking_may_not_increase():
    def edit(data):
        data["stacking_percent"] = [100, 25, 50]
    with pytest.raises(ValidationError) as error:
        _load_with(edit)
    assert "stacking_percent" in error.value.messages


def test_unknown_category_refused():
    def edit(data):
        data["types"]["cpa"]["category"] = "sport"
    with pytest.raises(ValidationError):
        _load_with(edit)


def test_negative_amount_refused():
    def edit(data):
        data["types"]["cpa"]["flat"] = -5
    with pytest.raises(ValidationError):
        _load_with(edit)


def test_invalid_file_names_file_and_key(tmp_path):
    import shutil

    from limitup.config import PROJECT_ROOT
    from limitup.rules import RulesError, load_rules
    rules_dir = tmp_path / "rules"
    shutil.copytree(f"{PROJECT_ROOT}/rules", rules_dir)
    text = (rules_dir / "scoring.yaml").read_text(encoding="utf-8")
    (rules_dir / "scoring.yaml").write_text(text.replace("global_cap_yuan: 12000",
                                                         "global_cap_yuan: lots"), encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(rules_dir)
    assert "scoring.yaml: global_cap_yuan" in str(error.value)


def test_a_category_is_written_once_in_the_table_and_the_catalogue_takes_it(tmp_path):
    import shutil

    from limitup.config import PROJECT_ROOT
    from limitup.rules import RulesError, load_rules
    rules_dir = tmp_path / "rules"
    shutil.copytree(f"{PROJECT_ROOT}/rules", rules_dir)
    scoring = rules_dir / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace(
        "  cpa:\n    category: professional", "  cpa:\n    category: honor"), encoding="utf-8")
    rules = load_rules(rules_dir)
    assert rules.catalogue["cpa"].category == rules.scoring.category_of("cpa") == "honor"
    assert all(cert.category == rules.scoring.category_of(type_id)
               for type_id, cert in rules.catalogue.items())
    # A catalogue file that still writes one is told where it belongs.
    cpa = rules_dir / "catalogue" / "cpa.yaml"
    cpa.write_text(cpa.read_text(encoding="utf-8") + "category: honor\n", encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(rules_dir)
    assert f"{cpa}: category: the category is written in rules/scoring.yaml" in str(error.value)
