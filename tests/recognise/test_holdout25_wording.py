"""Wording and layouts first seen on the holdout23-25 sets of real documents (holdout25 measured
unseen at a5b6868 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise import recognise
from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import TODAY, boxes_at, read_boxes_at, trf_page


def test_idps_full_results_panel_is_an_ielts_result_held_for_review(catalogue):
    # IDP's results panel printed from a browser (holdout25b): the skills' bands and "Your
    # overall band score"; IELTS only in the file name the browser printed.
    page = [("1/3/26, 10:15 AM", 45, 22, 189, 52), ("ielts.PNG (819×543)", 631, 24, 794, 54),
            ("Your full score and explanation", 69, 500, 725, 557),
            ("Listening", 150, 617, 305, 678), ("7.0", 1071, 620, 1142, 674),
            ("Reading", 152, 720, 298, 780), ("7.5", 1069, 717, 1144, 778),
            ("Writing", 149, 817, 280, 883), ("6.5", 1069, 817, 1144, 878),
            ("Speaking", 154, 922, 311, 983), ("7.0", 1071, 922, 1142, 976),
            ("Your overall band score", 94, 1028, 504, 1081), ("7.0", 1069, 1028, 1139, 1083)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "ielts"
    assert result.fields["score"] == 7.0
    assert {"holder_name", "cert_number"} <= set(doubted_fields(result.checks))
    # The same panel of another test (no IELTS anywhere) stays unrecognised.
    assert read_boxes_at(catalogue, page[2:]).type is None


def test_a_given_name_never_detected_is_read_again_with_the_family_name(catalogue):
    # holdout23b: in the dithered grey fields of a scanned form, the given name's box was never
    # detected and the name came back as the family name alone. The number's letters (CHES)
    # cannot say so (one word agrees with any): the strips right of Family Name and First
    # Name are read again, in one crop, which finds it.
    page = [row for row in trf_page([("CHEN", 199, 385, 262, 415)], "2300012345CHES001A")
            if row[0] != "SIYUAN"]
    regions = []

    def reread(region, hint):
        regions.append((hint, region))
        found = [TextBox("CHEN", Box(199, 385, 262, 415), 0.95)]
        if region.y1 > 470:          # the crop reaches the given name's row
            found.append(TextBox("SIYUAN", Box(199, 446, 285, 476), 0.95))
        return found
    result = recognise(boxes_at(page), catalogue, today=TODAY, reread=reread)
    assert "holder_name" in [hint for hint, _ in regions]
    assert result.fields["holder_name"] == "CHEN SIYUAN"
    assert "holder_name" not in doubted_fields(result.checks)


def test_a_re_read_that_finds_no_more_words_keeps_the_one_word_name_in_doubt(catalogue):
    page = [row for row in trf_page([("CHEN", 199, 385, 262, 415)], "2300012345CHES001A")
            if row[0] != "SIYUAN"]
    result = recognise(boxes_at(page), catalogue, today=TODAY,
                       reread=lambda region, hint: [TextBox("CHEN", Box(199, 385, 262, 415), 0.95)])
    assert result.fields["holder_name"] == "CHEN"
    assert "holder_name" in doubted_fields(result.checks)


def test_an_accent_read_on_an_ielts_name_is_folded_away(catalogue):
    # holdout23b: the given name re-read from a dithered grey field came back with an É the
    # form does not print (IELTS forms print A-Z only); Duolingo prints names as typed.
    from limitup.recognise import values
    ielts = catalogue["ielts"].fields["holder_name"]
    assert values.name_roman(ielts, "KOVÁCS MÁRTA") == [("KOVACS MARTA", 1.0)]
    duolingo = catalogue["duolingo"].fields["holder_name"]
    assert values.name_roman(duolingo, "Kovács Márta")[0][0] == "Kovács Márta"



def test_an_overall_band_never_detected_is_read_at_last_beside_its_label(catalogue):
    # holdout23b: the overall band in the dithered grey box of a scanned form was never
    # detected by any reading. Its label is on the page: the reader's last resort reads the
    # strip beside it (`unread`, smoothed by the real reader); the label's own last letter
    # inside the crop ("l", a 1) is no band. The band is returned for review, as no reading of
    # the page saw it.
    page = trf_page([("CHEN", 199, 385, 262, 415)], "2300012345CHES001A")
    asked = []

    def unread(region, hint):
        asked.append(hint)
        return [TextBox("l", Box(790, 900, 812, 922), 0.9), TextBox("75", Box(853, 910, 888, 937), 0.9)]
    result = recognise(boxes_at(page), catalogue, today=TODAY, unread=unread)
    assert asked == ["score"]
    assert result.fields["score"] == 7.5
    assert "score" in doubted_fields(result.checks)
