"""`limitup eval` on a real-document style manifest: the `legible` map and the plain-call
yardstick (issue 18). Pure judging first, then the command end to end on a tiny labelled set
generated here (real OCR; no real documents in tests)."""
from __future__ import annotations

import json

from limitup.evaluate import Tally, judge, plain_holds, table
from tests.conftest import run_cli


def test_a_field_marked_not_legible_is_not_counted():
    entry = {"type": "ielts", "holder_name": "ANNA LEE", "cert_number": "23XX000001LEEA001A",
             "score": "7.5", "level": None, "issue_date": None,
             "legible": {"cert_number": False, "score": True, "level": False}}
    line = {"type": "ielts", "fields": {"holder_name": "ANNA LEE", "cert_number": None,
                                        "score": "7.5", "level": "Academic"}}
    verdict = judge(entry, line)
    assert verdict["fields"]["cert_number"] == "not legible"
    assert verdict["fields"]["level"] == "not legible"      # not spurious either
    tally = Tally()
    tally.add(verdict, 1.0)
    stats = tally.as_json()
    assert stats["fields"]["cert_number"]["labelled"] == 0
    assert stats["fields"]["cert_number"]["not_legible"] == 1
    assert stats["fields"]["level"]["spurious"] == 0


def test_a_field_or_level_the_type_does_not_have_is_not_counted():
    """SPEC 1: an IELTS form has no level (the real manifest notes Academic / CEFR there), and
    a school scholarship's levels are 一等/二等/三等: 优秀 with no class is none of them; a
    level truth is compared as SPEC 2 reports it (硕士一等 as 一等)."""
    from limitup.rules import load_rules
    from tests.fixtures import ROOT
    type_fields = {kind: cert.fields
                   for kind, cert in load_rules(ROOT / "rules").catalogue.items()}
    ielts = {"type": "ielts", "holder_name": "ANNA LEE", "level": "Academic; CEFR C1",
             "cert_number": None, "score": None, "issue_date": None}
    verdict = judge(ielts, {"type": "ielts", "fields": {"holder_name": "ANNA LEE"}},
                    type_fields=type_fields)
    assert verdict["fields"]["level"] == "not of type"
    assert judge(ielts, {"type": "ielts", "fields": {"level": "Academic"}},
                 type_fields=type_fields)["fields"]["level"] == "spurious"
    school = {"type": "scholarship_school", "holder_name": None, "cert_number": None,
              "score": None, "issue_date": None}
    merit = judge({**school, "level": "优秀"}, {"type": "scholarship_school", "fields": {}},
                  type_fields=type_fields)
    assert merit["fields"]["level"] == "not of type"
    graded = judge({**school, "level": "硕士一等"},
                   {"type": "scholarship_school", "fields": {"level": "一等"}},
                   type_fields=type_fields)
    assert graded["fields"]["level"] == "ok"
    tally = Tally()
    tally.add(verdict, 1.0)
    tally.add(merit, 1.0)
    stats = tally.as_json()
    assert stats["fields"]["level"]["labelled"] == 0
    assert stats["fields"]["level"]["not_of_type"] == 2
    report = {"all": stats, "by_tier": {}, "by_type": {}}
    assert "their type does not have (SPEC 1), not counted: level 2" in table(report)


def test_plain_holds_the_truth_verbatim_spaces_aside():
    text = "Family Name\nLEE\nFirst Name\nANNA\nTest Report Form Number\n23XX 000001LEEA001A\n" \
           "Overall Band Score\n17.5\n7.5\nDate\n07/12/2023\n姓 名：王小明\n2023年6月5日"
    assert plain_holds("holder_name", "ANNA LEE", text)
    assert not plain_holds("holder_name", "ANNA LEES", text)
    assert plain_holds("cert_number", "23XX000001LEEA001A", text)
    assert plain_holds("score", "7.5", text)
    assert not plain_holds("score", "8.0", text)
    assert plain_holds("issue_date", "2023-12-07", text)      # printed 07/12/2023
    assert plain_holds("issue_date", "2023-06-05", text)      # printed 2023年6月5日
    assert plain_holds("holder_name", "王小明", text)
    assert not plain_holds("holder_name", "王小红", text)
    assert not plain_holds("score", "1.5", "17.5")           # a number of its own, not a part


def test_report_counts_what_the_plain_call_holds_and_the_pipeline_returned():
    entry = {"type": "cet4", "holder_name": "王小明", "cert_number": "231213012345010",
             "score": "615", "level": None, "issue_date": None,
             "legible": {"holder_name": True, "cert_number": True, "score": True}}
    line = {"type": "cet4", "fields": {"holder_name": "王小明", "cert_number": None,
                                       "score": "35"}}
    plain_text = "姓名：王小明\n总分\n615\n(35%)\n成绩报告单编号：231213012345010"
    verdict = judge(entry, line, plain_text)
    assert verdict["plain"]["cert_number"] == {"held": True, "returned": False}
    tally = Tally()
    tally.add(verdict, 1.0)
    stats = tally.as_json()
    assert stats["plain"] == {"images": 1, "holds": 3, "holds_returned": 1, "read_right": 1,
                              "counted": 3}
    report = {"all": stats, "by_tier": {}, "by_type": {"cet4": stats}}
    text = table(report)
    assert "fields the plain call holds: 3, of which the pipeline returned 1" in text
    assert "type:cet4" in text and "1/3" in text


def test_eval_command_on_a_generated_real_style_set(tmp_path):
    """The command reads the manifest's legible map, says what it left out, and runs the plain
    call beside the pipeline by itself (the manifest is a real-document one)."""
    from limitup.samples import make_certificate
    folder = tmp_path / "set"
    folder.mkdir()
    image, label = make_certificate("cet4", holder_name="林小雨", seed=3)
    image.save(folder / "cet4.jpg", quality=92)
    entry = {"file": "cet4.jpg", "type": "cet4"}
    entry.update({name: label.get(name) for name in
                  ("holder_name", "cert_number", "level", "score", "issue_date")})
    entry["legible"] = {"holder_name": True, "cert_number": True, "score": True,
                        "level": False, "issue_date": False}
    (folder / "manifest.jsonl").write_text(json.dumps(entry, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    result = run_cli("eval", str(folder), "--json", data_dir=tmp_path / "data", timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    overall = report["all"]
    assert overall["fields"]["issue_date"]["labelled"] == 0
    assert overall["fields"]["issue_date"]["not_legible"] == 1
    assert overall["plain"]["images"] == 1
    # A clean generated scan: the plain call holds name, number and score, and so does the
    # pipeline's reading.
    assert overall["plain"]["holds"] == 3
    assert overall["plain"]["holds_returned"] == 3
    human = run_cli("eval", str(folder), data_dir=tmp_path / "data", timeout=300)
    assert human.returncode == 0, human.stderr
    assert "legible:false in the manifest, not counted:" in human.stdout and "issue_date 1" in human.stdout
    assert "fields the plain call holds: 3, of which the pipeline returned 3" in human.stdout
    off = run_cli("eval", str(folder), "--json", "--no-plain", data_dir=tmp_path / "data",
                  timeout=300)
    assert json.loads(off.stdout)["all"]["plain"] is None


def test_fields_of_a_document_outside_the_catalogue_are_not_counted():
    entry = {"type": None, "holder_name": "王小明", "legible": {"holder_name": True}}
    quiet = judge(entry, {"type": None, "fields": {}}, plain_text="王小明同学：荣获三好学生")
    assert quiet["fields"]["holder_name"] == "n/a" and quiet["plain"] == {}
    loud = judge(entry, {"type": None, "fields": {"holder_name": "王小明"}})
    assert loud["fields"]["holder_name"] == "spurious"
