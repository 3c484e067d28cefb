"""The catalogue files: the twenty SPEC ids load (others may be added), and broken files are
named with their key."""
from __future__ import annotations

import shutil

import pytest
import yaml

from limitup.recognise.catalogue import CertType
from limitup.rules import RulesError, _written_over, load_rules
from tests.recognise.conftest import ROOT

SPEC_IDS = {"teacher_qualification", "accounting_junior", "accounting_intermediate", "cpa",
            "legal_professional", "physician", "nurse", "constructor",
            "securities_practitioner", "computer_professional", "toefl", "ielts", "duolingo",
            "cet4", "cet6", "tem8", "putonghua", "scholarship_national",
            "scholarship_provincial", "scholarship_school"}


def test_catalogue_holds_the_spec_types(catalogue):
    assert SPEC_IDS <= set(catalogue)
    for type_id, cert in catalogue.items():
        assert isinstance(cert, CertType) and cert.id == type_id
        assert "holder_name" in cert.fields


def _broken_rules(tmp_path, type_id, change):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    path = target / "catalogue" / f"{type_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target, path


@pytest.mark.parametrize("change, expected_key", [
    (lambda d: d.pop("names"), "names"),
    (lambda d: d["names"].pop("en"), "names.en"),
    (lambda d: d["names"].update(zh=""), "names.zh"),
    (lambda d: d["fields"]["cert_number"].update(pattern="(\\d{17"), "fields.cert_number.value.pattern"),
    (lambda d: d["fields"]["cert_number"].pop("pattern"), "fields.cert_number.value.pattern"),
    (lambda d: d["fields"]["cert_number"].update(unlabelled_pattern="[0-9"),
     "fields.cert_number.value.unlabelled_pattern"),
    (lambda d: d["fields"]["cert_number"].update(spellings={"(E": "E"}),
     "fields.cert_number.value.spellings"),
    (lambda d: d["fields"]["level"].update(vocabulary={}), "fields.level.value.vocabulary"),
    (lambda d: d["fields"]["holder_name"].update(fallback_labels=["持有人"]),
     "fields.holder_name.value.fallback_labels"),
    (lambda d: d["fields"]["holder_name"].update(above_a_date=True),
     "fields.holder_name.value.above_a_date"),
    (lambda d: d["fields"]["holder_name"].update(above_labels=["Candidate Number"]),
     "fields.holder_name.value.above_labels"),
    (lambda d: d["fields"]["holder_name"].update(ascii_letters=True),
     "fields.holder_name.value.ascii_letters"),
    (lambda d: d["fields"]["holder_name"].update(value_patterns=["(.*)同学"]),
     "fields.holder_name.value.value_patterns.0: each value pattern needs a group"),
    (lambda d: d["fields"]["cert_number"].update(honour_names=True),
     "fields.cert_number.value.honour_names"),
    (lambda d: d["fields"]["cert_number"]["validators"][1].update(target="colour"),
     "fields.cert_number.validators.1.target"),
    (lambda d: d["fields"]["cert_number"]["validators"][0].update(rule="magic"),
     "fields.cert_number.value.validators.0.rule"),
    (lambda d: d.update(id="teacher"), "id"),
    (lambda d: d.pop("titles"), "titles"),
    (lambda d: d.update(title_alone="sometimes"), "title_alone"),
    (lambda d: d.update(exclusions_unless={"收据": "二等奖学金"}), "exclusions_unless"),
    (lambda d: d.update(exclusions_unless={"不是排除词": ["二等奖学金"]}), "exclusions_unless"),
    (lambda d: d["fields"].update(colour={"kind": "text"}), "fields.colour"),
])
def test_broken_file_is_named_with_its_key(tmp_path, change, expected_key):
    rules_dir, path = _broken_rules(tmp_path, "teacher_qualification", change)
    with pytest.raises(RulesError) as error:
        load_rules(rules_dir)
    message = str(error.value)
    assert str(path) in message
    assert expected_key in message, message


def test_require_level_must_be_in_the_vocabulary(tmp_path):
    rules_dir, path = _broken_rules(tmp_path, "accounting_junior",
                                    lambda d: d.update(require_level=["初等"]))
    with pytest.raises(RulesError, match="require_level"):
        load_rules(rules_dir)


def test_level_words_decide_needs_a_level_vocabulary(tmp_path):
    rules_dir, path = _broken_rules(tmp_path, "cpa", lambda d: d.update(level_words_decide=True))
    with pytest.raises(RulesError, match="level_words_decide") as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)


def test_level_words_decide_lets_a_qualification_name_stand_for_a_required_word(catalogue):
    # 软考: the qualification names of its level vocabulary, not its canonical levels, count.
    required = catalogue["computer_professional"].require_any
    assert {"计算机", "软件", "网络管理员", "系统架构设计师"} <= set(required)
    assert not {"初级", "中级", "高级"} & set(required)


def test_after_letters_is_for_year_prefix_only(tmp_path):
    def change(data):
        data["fields"]["cert_number"]["validators"][1].update(after_letters=True)
    rules_dir, path = _broken_rules(tmp_path, "teacher_qualification", change)
    with pytest.raises(RulesError, match="after_letters") as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("change, expected", [
    (dict(rule="echoes", target=""), "echoes needs a 'target'"),
    (dict(index=-2), "negative index is for echoes only"),
    (dict(rule="year_prefix", length=3), "year_prefix needs a 'length' of 2 or 4"),
])
def test_a_validator_that_cannot_run_is_named(tmp_path, change, expected):
    def broken(data):
        data["fields"]["cert_number"]["validators"][1].update(change)
    rules_dir, path = _broken_rules(tmp_path, "teacher_qualification", broken)
    with pytest.raises(RulesError, match=expected) as error:
        load_rules(rules_dir)
    assert str(path) in str(error.value)


def test_a_sibling_type_extends_another_file(catalogue):
    # cet6.yaml writes only what sets it apart from cet4.yaml; the rest is cet4's.
    cet4, cet6 = catalogue["cet4"], catalogue["cet6"]
    assert cet6.exclusions == cet4.exclusions and cet6.keywords == cet4.keywords
    assert cet6.fields["score"] == cet4.fields["score"]
    assert cet6.extras.keys() == cet4.extras.keys()
    assert "六级" in cet6.require_any and "六级" not in cet4.require_any
    assert cet6.fields["cert_number"].labels == cet4.fields["cert_number"].labels
    assert [v.value for v in cet6.fields["cert_number"].validators if v.rule == "fixed"] == ["2"]
    junior, intermediate = catalogue["accounting_junior"], catalogue["accounting_intermediate"]
    assert intermediate.fields == junior.fields and intermediate.titles == junior.titles
    assert (junior.require_level, intermediate.require_level) == (("初级",), ("中级",))


def test_written_over_merges_mappings_and_replaces_lists():
    base = {"a": 1, "fields": {"x": {"labels": ["甲", "乙"], "key": True}, "y": {"kind": "date"}}}
    own = {"a": 2, "fields": {"x": {"labels": ["丙"]}}}
    assert _written_over(base, own) == {
        "a": 2, "fields": {"x": {"labels": ["丙"], "key": True}, "y": {"kind": "date"}}}
    assert base["fields"]["x"]["labels"] == ["甲", "乙"]  # the parent is left as it was


@pytest.mark.parametrize("parent, expected", [
    ("cet5", "'cet5' is no other file of this folder"),
    (["cet4"], "is no other file of this folder"),
    ("cet6", "'cet6' extends another file itself; one level only"),
    ("tem8", "a file cannot extend itself"),
])
def test_an_extends_that_cannot_be_followed_is_named(tmp_path, parent, expected):
    rules_dir, path = _broken_rules(tmp_path, "tem8", lambda d: d.update(extends=parent))
    with pytest.raises(RulesError) as error:
        load_rules(rules_dir)
    assert f"{path}: extends: " in str(error.value) and expected in str(error.value)
