"""recognise()'s contract: the five fields, checks with SPEC 3 codes, extras, and re-reads."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ids import check_digit
from limitup.ocr.base import TextBox
from limitup.recognise import MAX_REREADS, recognise
from tests.recognise.conftest import TODAY, boxes

ID17 = "11010519920415642"
GOOD_ID = ID17 + check_digit(ID17)
BAD_ID = ID17 + ("1" if GOOD_ID[-1] != "1" else "2")


def teacher(number: str, id_number: str = GOOD_ID, sex: str = "女"):
    return boxes([("教师资格证书", 300, 40), ("姓名：李娜", 100, 200), (f"性别：{sex}", 400, 200),
                  ("身份证件号码：" + id_number, 100, 240), ("资格种类：高级中学教师资格", 100, 280),
                  ("证书号码：" + number, 100, 360), ("颁发日期：2019年7月1日", 100, 400)])


def test_fields_extras_and_checks(catalogue):
    result = recognise(teacher("20191101042100123"), catalogue, today=TODAY)
    assert result.type == "teacher_qualification"
    assert result.fields == {"holder_name": "李娜", "cert_number": "20191101042100123",
                             "issue_date": "2019-07-01", "level": "高级中学", "score": None}
    assert result.extras["id_number"] == GOOD_ID
    assert result.extras["sex"] == "女" and result.extras["category"] == "professional"
    assert {"code": "number_format_ok"} in result.checks
    assert all(check["code"] != "low_confidence" for check in result.checks)
    assert result.confidence > 0.9
    assert isinstance(result.field_boxes["cert_number"], TextBox)
    assert 0 < result.field_confidence["holder_name"] <= 1


def test_structure_and_id_failures_are_reported(catalogue):
    # Sex digit 1 (男) but the document says 女; the ID's check digit is wrong.
    result = recognise(teacher("20191101041100123", BAD_ID), catalogue, today=TODAY)
    codes = [check["code"] for check in result.checks]
    assert result.type == "teacher_qualification"
    assert "number_format_invalid" in codes and "id_number_invalid" in codes
    assert "low_confidence" in codes
    assert result.fields["cert_number"] == "20191101041100123"   # as printed


def test_reread_replaces_a_number_that_fails_its_checks(catalogue):
    calls = []

    def reread(region, hint):
        calls.append((region, hint))
        x0, y0, x1, y1 = region
        return [TextBox("证书号码：20191101042100123", Box(x0 + 2, y0 + 2, x1 - 2, y1 - 2), 0.99)]

    result = recognise(teacher("2019110104210012"), catalogue, reread=reread, today=TODAY)
    assert result.fields["cert_number"] == "20191101042100123"
    assert {"code": "number_format_ok"} in result.checks
    assert calls and calls[0][1] == "cert_number" and len(calls) <= MAX_REREADS
    region = calls[0][0]
    assert region[1] <= 360 <= region[3]          # the number's line


def test_no_reread_when_everything_validates(catalogue):
    calls = []
    recognise(teacher("20191101042100123"), catalogue,
              reread=lambda region, hint: calls.append(hint) or [], today=TODAY)
    assert calls == []


def test_level_filled_from_the_number_when_not_printed(catalogue):
    rows = [("教师资格证书", 300, 40), ("姓名：王芳", 100, 200), ("证书号码：20201101022100456", 100, 240)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert result.fields["level"] == "小学"


def test_accounting_siblings_by_level_and_null_without_it(catalogue):
    rows = [("会计专业技术资格证书", 300, 40), ("姓名：周强", 100, 200), ("管理号：2019110000012345", 100, 240)]
    junior = recognise(boxes(rows + [("级别：初级", 100, 280)]), catalogue, today=TODAY)
    middle = recognise(boxes(rows + [("级别：中级", 100, 280)]), catalogue, today=TODAY)
    senior = recognise(boxes(rows + [("级别：高级", 100, 280)]), catalogue, today=TODAY)
    unknown = recognise(boxes(rows), catalogue, today=TODAY)
    assert (junior.type, middle.type) == ("accounting_junior", "accounting_intermediate")
    assert senior.type is None and unknown.type is None


def test_empty_input_is_not_recognised(catalogue):
    result = recognise([], catalogue, today=TODAY)
    assert result.type is None and result.confidence == 0
    assert set(result.fields) == {"holder_name", "cert_number", "issue_date", "level", "score"}


def test_reread_never_takes_a_label_for_a_name(catalogue):
    rows = [("护士执业证书", 300, 40), ("姓名", 100, 200), ("发证机关", 100, 240),
            ("证书编号", 100, 280), ("202372160656", 300, 280)]

    def reread(region, hint):
        return [TextBox("发证机关", Box(100, 240, 180, 264), 0.99), TextBox("姓名", Box(100, 200, 140, 224), 0.99)]

    result = recognise(boxes(rows), catalogue, reread=reread, today=TODAY)
    assert result.type == "nurse" and result.fields["holder_name"] is None


def test_reread_finds_a_name_hidden_by_a_seal(catalogue):
    rows = [("护士执业证书", 300, 40), ("姓名", 100, 200), ("证书编号", 100, 280), ("202372160656", 300, 280)]
    seen = []

    def reread(region, hint):
        seen.append(hint)
        return [TextBox("姓名", Box(100, 200, 140, 224), 0.9), TextBox("邱超艳", Box(300, 200, 360, 224), 0.9)]

    result = recognise(boxes(rows), catalogue, reread=reread, today=TODAY)
    assert seen == ["holder_name"] and result.fields["holder_name"] == "邱超艳"


def test_cet_month_without_day_goes_to_extras(catalogue):
    rows = [("全国大学英语四级考试(CET4)成绩报告单", 100, 30), ("姓名：赵敏", 100, 100),
            ("考试时间：2023年6月", 100, 150), ("总分：498", 100, 200),
            ("成绩报告单编号：231142010300777", 100, 250)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert result.fields["issue_date"] is None
    assert result.extras["exam_month"] == "2023-06"


def test_scholarship_award_month_without_day(catalogue):
    rows = [("荣誉证书", 300, 40), ("兹授予 王 小明 同学", 100, 120), ("荣获2022—2023学年国家奖学金", 100, 160),
            ("中华人民共和国教育部", 450, 320), ("二〇二三年十一月", 450, 360)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert result.type == "scholarship_national" and result.fields["issue_date"] is None
    assert result.extras["award_month"] == "2023-11"
    assert result.extras["issuer"] == "中华人民共和国教育部"


def test_title_lost_gives_the_type_at_low_confidence(catalogue):
    rows = [("级别初级", 100, 220), ("资格名称 网络管理员", 400, 220), ("姓名：朱丽静", 100, 100),
            ("管理号", 100, 300), ("2023825891283092", 250, 300)]
    result = recognise(boxes(rows), catalogue, today=TODAY)
    assert result.type == "computer_professional"
    assert result.confidence < 0.7 and {"code": "low_confidence", "fields": []} in result.checks
