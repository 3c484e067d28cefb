"""What the pipeline takes from recognise(): the ID number's box (blacked out of the stored photo),
the full OCR text (stored masked), label stripping, and re-reads of names that are no names."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from tests.recognise.conftest import TODAY, boxes
from tests.recognise.test_recognise_contract import GOOD_ID, teacher


def test_id_number_box_is_the_box_it_was_read_from(catalogue):
    page = teacher("20191101042100123")
    result = recognise(page, catalogue, today=TODAY)
    assert result.extras["id_number"] == GOOD_ID
    box = result.field_boxes["id_number"]
    assert isinstance(box, TextBox) and GOOD_ID in box.text and box in page


def test_id_number_box_when_value_sits_right_of_its_label(catalogue):
    page = boxes([("教师资格证书", 300, 40), ("姓名：李娜", 100, 200), ("身份证件号码", 100, 240),
                  (GOOD_ID, 300, 240), ("资格种类：高级中学教师资格", 100, 280),
                  ("证书号码：20191101042100123", 100, 360)])
    result = recognise(page, catalogue, today=TODAY)
    assert result.field_boxes["id_number"].text == GOOD_ID


def test_no_id_box_without_an_id_value(catalogue):
    page = boxes([("教师资格证书", 300, 40), ("姓名：李娜", 100, 200),
                  ("资格种类：高级中学教师资格", 100, 280), ("证书号码：20191101042100123", 100, 360)])
    result = recognise(page, catalogue, today=TODAY)
    assert result.type == "teacher_qualification"
    assert "id_number" not in result.field_boxes and "id_number" not in result.extras


def test_ocr_text_is_every_box_in_reading_order(catalogue):
    page = teacher("20191101042100123")
    shuffled = list(reversed(page))
    result = recognise(shuffled, catalogue, today=TODAY)
    lines = result.extras["ocr_text"].split("\n")
    assert lines[0] == "教师资格证书"
    assert lines == [box.text for box in sorted(page, key=lambda b: ((b.box[1] + b.box[3]) / 2, b.box[0]))]


def test_ocr_text_also_when_not_recognised(catalogue):
    result = recognise(boxes([("机动车驾驶证", 100, 40), ("姓名 张三", 100, 100)]), catalogue,
                       today=TODAY)
    assert result.type is None
    assert result.extras["ocr_text"] == "机动车驾驶证\n姓名 张三"


def test_second_label_in_a_merged_box_is_stripped(catalogue):
    page = boxes([("全国大学英语六级考试(CET6)成绩报告单", 100, 40), ("持证人姓名曹怡", 100, 200),
                  ("考试时间2023年6月", 100, 260), ("成绩报告单编号231236933999845", 100, 300),
                  ("总分", 100, 120), ("327", 300, 120)])
    assert recognise(page, catalogue, today=TODAY).fields["holder_name"] == "曹怡"


def test_a_name_that_is_no_name_is_reread(catalogue):
    asked = []

    def reread(region, hint):
        asked.append(hint)
        return [TextBox("秦萍", Box(*region), 0.9)] if hint == "holder_name" else []

    page = teacher("20191101042100123")
    page = [TextBox("姓名：案萍", b.box, b.score) if b.text.startswith("姓名") else b for b in page]
    assert recognise(page, catalogue, today=TODAY).fields["holder_name"] == "案萍"
    result = recognise(page, catalogue, today=TODAY, reread=reread)
    assert asked == ["holder_name"]
    assert result.fields["holder_name"] == "秦萍"


def test_a_reread_that_is_no_better_keeps_the_first_reading(catalogue):
    page = [TextBox("姓名：案萍", b.box, b.score) if b.text.startswith("姓名") else b
            for b in teacher("20191101042100123")]
    result = recognise(page, catalogue, today=TODAY,
                       reread=lambda region, hint: [TextBox("姓名：案革", Box(*region), 0.9)])
    assert result.fields["holder_name"] == "案萍"


def test_a_plausible_name_is_not_reread(catalogue):
    asked = []
    recognise(teacher("20191101042100123"), catalogue, today=TODAY,
              reread=lambda region, hint: asked.append(hint) or [])
    assert asked == []


def test_unlabelled_romanised_name_is_taken(catalogue):
    page = boxes([("Duolingo English Test", 100, 40), ("Overall Score", 100, 100), ("125", 300, 100),
                  ("XIALING ZHOU", 100, 200), ("BEIJING CHINA", 100, 240),
                  ("Certificate ID", 100, 300), ("4c708e64d223aa5b", 300, 300)])
    result = recognise(page, catalogue, today=TODAY)
    assert result.type == "duolingo"
    assert result.fields["holder_name"] == "XIALING ZHOU"


def test_issue_date_before_birth_or_years_ahead_is_null(catalogue):
    # The ID says born 1992-04-15: a "2081" issue date is a misread year, 1990 is before birth.
    for printed in ("2081年7月1日", "1990年7月1日"):
        page = [b if not b.text.startswith("颁发日期") else TextBox("颁发日期：" + printed, b.box, b.score)
                for b in teacher("20191101042100123")]
        assert recognise(page, catalogue, today=TODAY).fields["issue_date"] is None, printed
    near = [b if not b.text.startswith("颁发日期") else TextBox("颁发日期：2025年7月1日", b.box, b.score)
            for b in teacher("20191101042100123")]
    # A date just after today is kept (verification reports future_date).
    assert recognise(near, catalogue, today=TODAY).fields["issue_date"] == "2025-07-01"


def test_year_with_its_first_digit_lost():
    from limitup.recognise.dates import parse_date
    assert parse_date("025年10月30日").isoformat() == "2025-10-30"


def test_a_number_under_another_fields_bare_label_is_not_the_certificate_number(catalogue):
    page = boxes([("TOEFL iBT Test Taker Score Report", 100, 40), ("Name", 100, 100),
                  ("LEI LIAO", 300, 100), ("Registration Number", 100, 160),
                  ("0000000930735074", 100, 190), ("Apponfmnt Nunbr", 500, 160),
                  ("9678125463393830", 500, 190), ("Total Score", 100, 260), ("104", 300, 260)])
    result = recognise(page, catalogue, today=TODAY)
    assert result.type == "toefl"
    assert result.fields["cert_number"] == "9678125463393830"


def test_a_level_word_beside_the_name_label_is_no_name(catalogue):
    page = boxes([("计算机技术与软件专业技术资格证书", 100, 40), ("持证人", 100, 200), ("高级", 200, 200),
                  ("高欣红", 100, 230), ("资格级别 高级", 100, 300), ("管理号2017395993956168", 100, 360)])
    result = recognise(page, catalogue, today=TODAY)
    assert result.type == "computer_professional"
    assert result.fields["holder_name"] == "高欣红" and result.fields["level"] == "高级"


def test_pinyin_plausibility_follows_pinyin_spelling(catalogue):
    from limitup.recognise.romanised import split_merged
    from limitup.recognise.values import plausible_name
    roman, cjk = (catalogue[type_id].fields["holder_name"] for type_id in ("ielts", "cpa"))
    assert plausible_name(roman, "CHEN YANJUN") and plausible_name(roman, "OUYANG AN")
    # Misreads of CHEN YANJUN: no syllable starts with U (YANIUN), one word is no whole name.
    assert not plausible_name(roman, "TAEN YANIUN")
    assert not plausible_name(roman, "CHENYANJUN")          # one word: re-read it
    assert plausible_name(cjk, "秦萍") and not plausible_name(cjk, "案萍")
    assert split_merged("LIANGYU") == "LIANG YU"


def test_a_reread_finds_an_unlabelled_name_by_the_types_value_pattern(catalogue):
    # "刘玲博同学：" has no label: only the type's value pattern reads the name in it.
    def page(name):
        return boxes([("国家奖学金证书", 300, 40), (f"{name}同学：", 100, 200),
                      ("在2014-2015学年度表现优异，荣获国家奖学金。", 100, 260),
                      ("中华人民共和国教育部", 300, 400), ("2015年10月20日", 300, 440)])

    def reread(region, hint):
        return page("刘玲博")[1:2] if hint == "holder_name" else []

    assert recognise(page("刻玲博"), catalogue, today=TODAY).fields["holder_name"] == "刻玲博"
    result = recognise(page("刻玲博"), catalogue, today=TODAY, reread=reread)
    assert result.type == "scholarship_national"
    assert result.fields["holder_name"] == "刘玲博"
