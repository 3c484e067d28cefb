"""Wording and misreads first seen on the holdout28 sets of real documents (holdout28d measured
unseen at 2a2b704 before these rules), as pages of text boxes with invented values."""
from __future__ import annotations

import pickle

from tests.recognise.conftest import read_boxes_at
from tests.recognise.test_holdout27_wording import scholarship

# A TOEFL iBT report's top (2024): the name "Family,Given" over the legend row, whose "Middle"
# OCR read "Middte" on a small photo, and the name again over the address.
TOEFL_TOP = [("ETS", 34, 24, 67, 39), ("TOEFLiBT", 75, 22, 157, 39),
             ("Test Taker Score Report", 405, 23, 568, 41), ("KOVACS,MARTA", 29, 55, 265, 71),
             ("Last (Family/Surname) Name, First (Given) Name Middte Name", 28, 70, 318, 83),
             ("Email: marta@example.com", 28, 79, 154, 92),
             ("KOVACS, MARTA", 50, 104, 155, 117), ("Fo utca 1 Szeged", 50, 113, 129, 126),
             ("Appointment #: 1234 5678 9012 3456", 28, 172, 214, 188),
             ("Test Date: October 06, 2024", 31, 165, 166, 177), ("Total Score", 71, 244, 138, 257),
             ("96", 87, 268, 121, 286), ("out of 120", 77, 282, 131, 296)]


def test_a_label_word_misread_is_still_no_part_of_the_name(catalogue):
    result = read_boxes_at(catalogue, TOEFL_TOP)
    assert result.type == "toefl"
    assert result.fields["holder_name"] == "KOVACS MARTA"      # not "... Middte"
    assert result.fields["cert_number"] == "1234567890123456"


def test_misread_label_words_are_label_words_and_names_stay_names(catalogue):
    words = catalogue["toefl"].fields["holder_name"].words
    for misread in ("middte", "Emall", "Middle", "natlonality"):
        assert misread in words.not_name_words and misread in words.ends_name_words
    # Four letters are too few to tell (a name may be "Tess" or "Lest"), and another letter is
    # another word: JAMES is no "names", BIDDLE no "middle".
    for name in ("lest", "tast", "james", "biddle", "marta", "siyuan"):
        assert name not in words.not_name_words
    assert "middte" in pickle.loads(pickle.dumps(words.not_name_words))


def test_a_school_code_before_the_awards_initials_and_the_year(catalogue):
    # The school's five-digit code, the award's initials in pinyin, the year and a serial.
    page = scholarship("优秀学生二等奖学金") + [("No:10123EDJXJ20161234", 1061, 368, 1324, 402)]
    result = read_boxes_at(catalogue, page)
    assert result.type == "scholarship_school"
    assert result.fields["cert_number"] == "10123EDJXJ20161234"
    assert {"code": "number_format_ok"} in result.checks
