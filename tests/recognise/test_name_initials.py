"""An IELTS TRF number repeats the holder's initials: the family name's first three letters and
the given name's initial (23BD012345RAHK050A for RAHMAN KARIM, on 26 real forms 2015-2025). A
name read that gives other letters lost a word (the family name's box never detected on a real
form: MYO AUNG read for HLA MYO AUNG) and is reported in doubt, not as sure."""
from __future__ import annotations

from datetime import date

import pytest

from limitup.recognise import recognise
from limitup.recognise.values import initials_agree

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("name, letters", [
    ("LIN HAOYU", "LINH"), ("HAOYU LIN", "LINH"), ("VU DUC AN", "VUD"),
    ("DO SANTOS PEDRO MIGUEL", "DOP"), ("ALVAREZ GOMEZ LUCIA", "ALVL"), ("García José", "GARJ")])
def test_initials_of_names_as_forms_print_them(name, letters):
    assert initials_agree(name, letters)


@pytest.mark.parametrize("name, letters", [("HAOYU", "LINH"), ("MYO AUNG", "HLAM"),
                                           ("DUC AN", "VUD")])
def test_a_name_missing_its_family_word(name, letters):
    # One word alone cannot be checked: it agrees; two words that give other letters do not.
    assert initials_agree(name, letters) is (len(name.split()) < 2)


# A real form's layout (names and numbers changed): the family name's box never detected.
_FORM = [("IELTS", (31, 140, 207, 208)), ("Test Report Form", (40, 210, 189, 234)),
         ("ACADEMIC", (493, 201, 572, 231)), ("Centre Number", (38, 290, 130, 314)),
         ("CN001", (150, 288, 200, 315)), ("Date", (288, 288, 330, 315)),
         ("11/NOV/2017", (339, 288, 425, 314)), ("Candidate Number", (480, 288, 591, 312)),
         ("002876", (622, 286, 676, 312)), ("Candidate Details", (38, 335, 169, 359)),
         ("Family Name", (36, 370, 119, 393)), ("First Name", (38, 413, 106, 433)),
         ("ZHANG WEI", (139, 413, 211, 433)), ("Candidate ID", (38, 455, 119, 478)),
         ("Date of Birth", (36, 515, 115, 538)), ("10/07/2001", (157, 513, 227, 538)),
         ("Date", (258, 993, 294, 1015)), ("23/11/2017", (332, 993, 398, 1013)),
         ("Test Report Form", (438, 984, 541, 1008)), ("Number", (438, 1000, 490, 1020)),
         ("17CN002876LINZ001A", (562, 991, 701, 1015))]


def _trf(family: str):
    from limitup.boxes import Box
    from limitup.ocr.base import TextBox
    page = [TextBox(text, Box(*box), 0.98) for text, box in _FORM]
    if family:
        page.append(TextBox(family, Box(139, 370, 170, 393), 0.98))
    return page


def _doubted(result) -> list:
    return [name for check in result.checks if check["code"] == "low_confidence"
            for name in check.get("fields") or []]


def test_a_name_that_lost_its_family_word_is_in_doubt(catalogue):
    result = recognise(_trf(""), catalogue, today=TODAY)
    assert result.fields["holder_name"] == "ZHANG WEI"
    assert "holder_name" in _doubted(result)


def test_the_whole_name_agrees_with_its_number(catalogue):
    result = recognise(_trf("LIN"), catalogue, today=TODAY)
    assert result.fields["holder_name"] == "LIN ZHANG WEI"
    assert "holder_name" not in _doubted(result)


def _reread_finding(words):
    """A re-read that finds `words` [(text, box)] wherever it is asked to look, and the boxes
    the page had already (its views read them again)."""
    from limitup.boxes import Box
    from limitup.ocr.base import TextBox
    asked = []

    def reread(region, hint):
        asked.append(hint)
        return [TextBox(text, Box(*box), 0.95) for text, box in words]
    return reread, asked


def test_a_family_name_never_detected_is_read_again_where_its_label_points(catalogue):
    # The initials (LINZ) disagree with ZHANG WEI: the strip right of Family Name is read again
    # and finds LIN; the re-read's second view reads ZHANG WEI again (not doubled).
    reread, asked = _reread_finding([("LIN", (139, 370, 170, 393)), ("LIN", (140, 371, 170, 392)),
                                     ("ZHANG WEI", (139, 413, 211, 433))])
    result = recognise(_trf(""), catalogue, today=TODAY, reread=reread)
    assert asked == ["holder_name"]
    assert result.fields["holder_name"] == "LIN ZHANG WEI"
    assert "holder_name" not in _doubted(result)


def test_a_re_read_that_still_disagrees_changes_nothing(catalogue):
    reread, _ = _reread_finding([("WU", (139, 370, 170, 393))])
    result = recognise(_trf(""), catalogue, today=TODAY, reread=reread)
    assert result.fields["holder_name"] == "ZHANG WEI"
    assert "holder_name" in _doubted(result)


def _results_page(heading: str):
    from limitup.boxes import Box
    from limitup.ocr.base import TextBox
    rows = [("IELTS Registration", (612, 22, 768, 52)), ("IELTS General Training", (64, 48, 528, 111)),
            (heading, (64, 115, 745, 167)), ("Reference: A3-IN620-S-5012345", (67, 217, 431, 252)),
            ("Results", (82, 422, 185, 467)),
            ("Test Report Form(TRF) Number: 20IN134685KAUA620G", (184, 520, 807, 559)),
            ("Listening", (251, 593, 371, 633)), ("8.5", (693, 591, 749, 633)),
            ("Reading", (250, 654, 368, 705)), ("8.5", (691, 659, 749, 700)),
            ("Writing", (255, 728, 350, 767)), ("7.0", (693, 726, 749, 767)),
            ("Speaking", (255, 796, 376, 835)), ("8.0", (691, 791, 749, 835)),
            ("Overall", (208, 878, 307, 917)), ("8.0", (693, 876, 749, 917))]
    return [TextBox(text, Box(*box), 0.98) for text, box in rows]


def test_an_unlabelled_name_is_found_by_the_initials_its_number_repeats(catalogue):
    # A British Council results page (names and numbers changed): the name beside the test
    # date, no label; KAUA = KAU(R) + A(RJUN), printed given name first.
    result = recognise(_results_page("Arjun Kaur, Sunday January 24 2021"), catalogue, today=TODAY)
    assert result.fields["holder_name"] == "Arjun Kaur"
    assert result.fields["cert_number"] == "20IN134685KAUA620G"


def test_no_name_is_taken_when_no_words_or_two_sets_agree(catalogue):
    alone = recognise(_results_page("Sunday January 24 2021"), catalogue, today=TODAY)
    assert alone.fields["holder_name"] is None
    two = recognise(_results_page("Arjun Kaur, Kaur Amrit"), catalogue, today=TODAY)
    assert two.fields["holder_name"] is None
