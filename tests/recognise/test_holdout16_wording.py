"""Wording and layouts first seen on the holdout16 sets of real documents (2026-12-07, measured
unseen at fe4ed88 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import TODAY, boxes_at, read_boxes_at

# A CET e-report saved from the results site: the total printed in red is lost by the fast
# path's seal-suppressed view; its label (总 分：, spaced) and the sections remain.
EREPORT = [("全国大学英语四级考试(CET4)成绩报告单", 81, 14, 479, 37), ("姓名：王丽君", 52, 107, 200, 130),
           ("学", 53, 192, 81, 213), ("校：某某大学", 97, 190, 236, 216), ("笔试成绩", 243, 249, 317, 277),
           ("准考证号：410011241100123", 54, 297, 279, 316), ("总", 52, 337, 81, 360),
           ("分：", 94, 337, 130, 360), ("听", 132, 379, 159, 404), ("力：150", 195, 377, 265, 402),
           ("阅", 132, 421, 158, 447), ("读：160", 195, 420, 264, 444),
           ("写作和翻译：145", 134, 464, 264, 487), ("考试时间：2024年6月", 53, 505, 227, 528),
           ("成绩报告单编号：241110000012345", 54, 743, 326, 763)]


def _reading_a_stray(text):
    """A re-read that finds `text` in the score's region and nothing elsewhere."""
    def reread(region, hint=""):
        if hint != "score":
            return []
        return [TextBox(text, Box(region.x0 + 40, region.y0, region.x0 + 52, region.y1), 0.83)]
    return reread


def test_a_total_its_sections_do_not_add_up_to_is_held_for_review(catalogue):
    # holdout16a: the re-read of the red total's place returned a stray 1, reported as sure.
    result = recognise(boxes_at(EREPORT), catalogue, reread=_reading_a_stray("1"), today=TODAY)
    assert result.type == "cet4"
    assert result.fields["score"] == 1
    assert "score" in doubted_fields(result.checks)


def test_a_total_not_read_is_the_sum_of_its_sections_for_review(catalogue):
    result = read_boxes_at(catalogue, EREPORT)
    assert result.fields["score"] == 455
    assert "score" in doubted_fields(result.checks)
    # Printed and read, the total they add up to is vouched for (a colour reading's value
    # needs no other witness then: ocr.detail.merge).
    printed = EREPORT[:8] + [("455", 140, 337, 180, 360)] + EREPORT[8:]
    result = read_boxes_at(catalogue, printed)
    assert result.fields["score"] == 455 and "score" in result.vouched
    assert "score" not in doubted_fields(result.checks)


# An ETS account page (2011): the test's scores in a row under Reading, Listening, Speaking,
# Writing, Total; further down, each section's level as "High(22-30)" right of its name.
ETS_PAGE = [("View Scores", 262, 248, 406, 278), ("TOEFL.", 710, 122, 869, 174),
            ("Registration Number: 0000000012345678", 262, 289, 558, 317),
            ("Test Date", 429, 335, 511, 365), ("Reading", 592, 335, 670, 365),
            ("Listening", 674, 335, 755, 365), ("Speaking", 760, 335, 841, 365),
            ("Writing", 848, 335, 918, 367), ("Total", 918, 335, 970, 367),
            ("Sat Mar 12 09:30:00 EST 2011", 354, 367, 582, 402), ("25", 612, 367, 650, 402),
            ("27", 697, 370, 730, 400), ("22", 785, 372, 818, 400), ("24", 865, 370, 897, 400),
            ("98", 923, 367, 968, 402), ("Reading", 268, 776, 339, 809),
            ("High(22-30)", 408, 776, 506, 807), ("Listening", 265, 1265, 346, 1303),
            ("High(22-30)", 408, 1267, 506, 1298)]


def test_sections_read_beside_their_labels_do_not_overrule_the_total(catalogue):
    # holdout16b: the sections were read from the "High(22-30)" ranges. A total right by its
    # label stands.
    result = read_boxes_at(catalogue, ETS_PAGE)
    assert result.type == "toefl"
    assert result.fields["score"] == 98
    assert "score" not in doubted_fields(result.checks)


def test_an_address_in_the_family_given_shape_is_no_name(catalogue):
    # holdout16b: the same page's address block, top right, under the holder's name:
    # "City, Country" and "City, Province" both have the shape of "Family, Given".
    address = [("Alex Morgan", 969, 223, 1078, 259), ("12 Some Street", 972, 252, 1109, 280),
               ("Springfield, Utopia", 972, 272, 1069, 302),
               ("Springfield, Springfield", 972, 296, 1088, 326)]
    result = read_boxes_at(catalogue, ETS_PAGE + address)
    assert result.type == "toefl"
    assert result.fields["holder_name"] is None
    # One line in that shape alone is a name (a report's second page: "Family, Given").
    alone = read_boxes_at(catalogue, ETS_PAGE + [("Morgan, Alex", 969, 223, 1078, 259)])
    assert alone.fields["holder_name"] == "Morgan Alex"


def test_an_ielts_results_page_headed_by_the_name_and_trf_number_is_ielts(catalogue):
    # holdout16b: IDP's results page in its app (2025): the name as a heading, "TRF Number:"
    # over the number, the test's name only in "IELTS on Computer Academic"; bands in red.
    page = [("Chen Siyuan Anna", 80, 63, 589, 131), ("TRF Number:", 462, 145, 671, 194),
            ("Candidate Number:", 89, 152, 378, 189), ("012345", 84, 202, 194, 241),
            ("25XX012345CHEA123A", 466, 202, 753, 239), ("Test Type:", 82, 260, 243, 309),
            ("Test Date:", 464, 263, 624, 307),
            ("IELTS on Computer Academic 02/05/2025", 86, 313, 622, 350),
            ("Centre Number:", 86, 378, 327, 415), ("XX123", 80, 424, 173, 470),
            ("Speaking", 97, 630, 304, 691), ("Listening", 90, 834, 300, 900),
            ("Reading", 92, 1041, 281, 1107), ("Writing", 92, 1245, 260, 1316),
            ("Overall", 99, 1459, 262, 1513)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "ielts"
    assert result.fields["cert_number"] == "25XX012345CHEA123A"
    # Without the label, the same page is no report.
    assert read_boxes_at(catalogue, [row for row in page if row[0] != "TRF Number:"]).type is None

