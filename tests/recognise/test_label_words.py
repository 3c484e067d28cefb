"""The label words no one type owns are rules data (rules/labels.yaml): validated at start-up with
the file and key named, and read by recognition from the rules folder it was given."""
from __future__ import annotations

import shutil

import pytest

from limitup.ids import check_digit
from limitup.recognise import recognise
from limitup.recognise.names import read_expected_name
from limitup.rules import RulesError, load_rules
from tests.recognise.conftest import ROOT, TODAY, boxes

ID17 = "11010519920415642"


def _copied_rules(tmp_path):
    """A copy of rules/: (folder, its labels file)."""
    rules_dir = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    return rules_dir, rules_dir / "labels.yaml"


def _rules_with(tmp_path, old: str, new: str):
    """A copy of rules/ whose labels.yaml has `old` replaced by `new`; (folder, labels file)."""
    rules_dir, path = _copied_rules(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return rules_dir, path


def test_a_label_word_added_to_the_rules_ends_a_value(tmp_path):
    # 政治面貌 (political status) glued to the name in its box: a label no list knew.
    page = boxes([("教师资格证书", 300, 40), ("姓名：李娜政治面貌：群众", 100, 200),
                  ("身份证件号码：" + ID17 + check_digit(ID17), 100, 240),
                  ("资格种类：高级中学教师资格", 100, 280), ("证书号码：20191101042100123", 100, 360),
                  ("颁发日期：2019年7月1日", 100, 400)])
    shipped = recognise(page, load_rules(ROOT / "rules").catalogue, today=TODAY)
    assert shipped.type == "teacher_qualification" and shipped.fields["holder_name"] is None
    rules_dir, _ = _rules_with(tmp_path, "ends_value: [性别,", "ends_value: [政治面貌, 性别,")
    taught = recognise(page, load_rules(rules_dir).catalogue, today=TODAY)
    assert taught.fields["holder_name"] == "李娜"


def test_the_prose_words_that_make_a_sentence_are_rules_data(tmp_path):
    # A TOEFL report's notice: its "test date" is inside a sentence (two of its words are prose
    # words) and labels nothing. The words are the rules folder's, not the code's.
    from types import SimpleNamespace

    from limitup.recognise.extract import _inside_sentence
    text = "Your highest section scores from all valid test dates, as of May 9, 2024"
    hit = SimpleNamespace(start=text.index("test dates"), end=text.index("test dates") + 9)
    shipped = load_rules(ROOT / "rules").catalogue["toefl"].fields["issue_date"].words
    assert _inside_sentence(text, hit, shipped.prose_words)
    rules_dir, path = _copied_rules(tmp_path)
    text_of_rules = path.read_text(encoding="utf-8")
    start = text_of_rules.index("prose_words:")
    path.write_text(text_of_rules[:start] + "prose_words: [nothing]\n", encoding="utf-8")
    untaught = load_rules(rules_dir).catalogue["toefl"].fields["issue_date"].words
    assert not _inside_sentence(text, hit, untaught.prose_words)


@pytest.mark.parametrize("old, new, problem", [
    ("ends_value_anywhere: [性别, 民族, 国籍]", "ends_value_anywhere: [性别, 民族, 国籍, 学历]",
     "ends_value_anywhere: 学历: not in ends_value"),
    ("place_names: [china,", "place_names: [China,",
     "place_names: compared lower-cased: write China in lower case"),
    ("not_issue_date: [出生, birth, born, 有效期, valid, expir, 至, 起, asof, 截止]", "not_issue_date: []",
     "not_issue_date: Shorter than minimum length 1."),
    ('"no"', "no", "name_followers.7: Not a valid string."),
    ('"on"', "on", "prose_words.19: Not a valid string."),
    ("address_forms: [同学, 同志, 君, 家长]", "address_forms: []",
     "address_forms: Shorter than minimum length 1."),
    ("[:：]'\n", "[:：]'\n  - '(.*)同学'\n",
     "honour_name_patterns.2: each value pattern needs a group (?P<v>...)"),
])
def test_a_broken_labels_file_is_named_with_its_key(tmp_path, old, new, problem):
    rules_dir, path = _rules_with(tmp_path, old, new)
    with pytest.raises(RulesError) as error:
        load_rules(rules_dir)
    assert f"{path}: {problem}" in str(error.value)


def test_a_missing_labels_file_stops_the_rules(tmp_path):
    rules_dir, path = _copied_rules(tmp_path)
    path.unlink()
    with pytest.raises(RulesError, match=f"{path}: file is missing"):
        load_rules(rules_dir)


def test_documents_no_type_is_are_rules_data_excluded_from_every_type(tmp_path):
    # An online course certificate naming TOEFL iBT in its title (holdout6b) was typed toefl;
    # course platforms are listed once (labels.yaml not_certificates) and every type excludes them.
    shipped = load_rules(ROOT / "rules")
    assert all("Udemy" in cert.exclusions for cert in shipped.catalogue.values())
    page = boxes([("TOEFL iBT Test Taker Score Report", 100, 40), ("Name: Marco Rossi", 100, 90),
                  ("Test Date: June 10, 2023", 100, 140), ("Total Score 100", 100, 190),
                  ("Appointment Number 1234567890123456", 100, 240),
                  ("Quizlet study set", 100, 290)])
    assert recognise(page, shipped.catalogue, today=TODAY).type == "toefl"
    rules_dir, _ = _rules_with(tmp_path, "not_certificates: [Udemy,", "not_certificates: [Quizlet, Udemy,")
    taught = load_rules(rules_dir)
    assert recognise(page, taught.catalogue, today=TODAY).type is None


def test_honour_certificates_name_their_holder_as_rules_data_shared_by_the_scholarships(tmp_path):
    # The unlabelled forms of address (张三同学：, 学院张三同学) are one list in labels.yaml that
    # each scholarship type takes with `honour_names: true`, not three near copies: the form
    # after a school's name, first seen on a school certificate, reads a national one too.
    page = boxes([("荣誉证书", 300, 40), ("计算机科学与技术学院陈思远同学：", 100, 120),
                  ("荣获2023-2024学年国家奖学金。", 140, 170), ("特发此证，以资鼓励。", 140, 220),
                  ("中华人民共和国教育部", 400, 300), ("二〇二四年十二月", 400, 350)])
    shipped = load_rules(ROOT / "rules")
    result = recognise(page, shipped.catalogue, today=TODAY)
    assert (result.type, result.fields["holder_name"]) == ("scholarship_national", "陈思远")
    spec = shipped.catalogue["scholarship_school"].fields["holder_name"]
    shared = spec.words.honour_name_patterns
    assert spec.value_patterns[:len(shared)] == shared
    rules_dir, _ = _rules_with(tmp_path, "|级|班|学院)(?P<v>", ")(?P<v>")
    untaught = recognise(page, load_rules(rules_dir).catalogue, today=TODAY)
    assert untaught.fields["holder_name"] != "陈思远"


def test_forms_of_address_are_rules_data_for_the_reader_and_the_kyc_match(tmp_path):
    # 同学, 同志, 君, 家长 are one list (labels.yaml address_forms): the honour patterns, the generic
    # name patterns of the KYC match and the trimming of a name run all take it. A form is one
    # only when no other follows it: 王丽君同学 is 王丽君.
    page = boxes([("荣誉证书", 300, 40), ("王丽君同学：", 100, 120),
                  ("荣获2023-2024学年国家奖学金。", 140, 170), ("特发此证，以资鼓励。", 140, 220),
                  ("中华人民共和国教育部", 400, 300), ("二〇二四年十二月", 400, 350)])
    shipped = load_rules(ROOT / "rules")
    assert recognise(page, shipped.catalogue, today=TODAY).fields["holder_name"] == "王丽君"
    cert = shipped.catalogue["scholarship_national"]
    assert read_expected_name(page, cert, "王丽君").value == "王丽君"
    addressed = boxes([("荣誉证书", 300, 40), ("陈思远学员：", 100, 120),
                       ("荣获2023-2024学年国家奖学金。", 140, 170),
                       ("中华人民共和国教育部", 400, 300), ("二〇二四年十二月", 400, 350)])
    assert recognise(addressed, shipped.catalogue, today=TODAY).fields["holder_name"] is None
    rules_dir, _ = _rules_with(tmp_path, "address_forms: [同学, 同志, 君, 家长]",
                               "address_forms: [同学, 同志, 君, 家长, 学员]")
    taught = load_rules(rules_dir).catalogue
    assert recognise(addressed, taught, today=TODAY).fields["holder_name"] == "陈思远"
    assert read_expected_name(addressed, taught["scholarship_national"], "陈思远").value == "陈思远"
