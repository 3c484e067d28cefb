"""Layouts first seen on the holdout26 set of real documents (measured unseen at e764aba before
this rule), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at

# A 普通话 certificate: the test date in the table (测试时间), the issue date under 发证单位 by the
# seal, whose ink took the month: OCR read "2015 年" and "19" only.
PUTONGHUA = [("普通话水平测试", 108, 159, 562, 226), ("等级证书", 207, 235, 464, 295),
             ("姓名", 682, 191, 777, 222), ("陈思远", 840, 178, 915, 210),
             ("性别", 680, 236, 781, 274), ("男", 861, 226, 894, 258),
             ("2015年03月10日", 823, 323, 979, 353), ("测试时间", 683, 337, 776, 369),
             ("87.5分", 859, 374, 927, 406), ("成绩", 682, 383, 781, 420),
             ("二级甲等", 857, 418, 946, 450), ("等级", 682, 431, 781, 468),
             ("3512001001234", 812, 517, 951, 542), ("证书编号", 685, 529, 776, 561),
             ("国家语言文字工作委员会制", 188, 625, 494, 664), ("发证单位", 807, 621, 897, 653)]


def test_a_later_date_left_unread_under_the_seal_puts_the_test_date_in_doubt(catalogue):
    result = read_boxes_at(catalogue, PUTONGHUA + [("2015 年", 854, 743, 948, 773),
                                                   ("19", 1024, 746, 1052, 768)])
    assert result.type == "putonghua"
    # The test date is all that reads as a date: returned, but for a person to check.
    assert result.fields["issue_date"] == "2015-03-10"
    assert "issue_date" in doubted_fields(result.checks)


def test_with_no_other_date_on_the_page_the_test_date_is_not_in_doubt(catalogue):
    result = read_boxes_at(catalogue, PUTONGHUA)
    assert result.fields["issue_date"] == "2015-03-10"
    assert "issue_date" not in doubted_fields(result.checks)
    # An earlier year under the seal says nothing against it.
    earlier = read_boxes_at(catalogue, PUTONGHUA + [("2014 年", 854, 743, 948, 773)])
    assert "issue_date" not in doubted_fields(earlier.checks)
