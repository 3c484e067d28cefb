"""Wording first seen on the holdout23 set of real documents (2026-12-07, measured unseen at
9ec2101 before this rule), as pages of text boxes with invented values."""
from __future__ import annotations

from limitup.recognise.result import doubted_fields
from tests.recognise.conftest import read_boxes_at, trf_page


def test_an_ielts_online_form_number_with_a_digit_and_two_letters_for_the_centre(catalogue):
    # IELTS Online prints a digit and two letters where a paper form prints the centre's three
    # characters.
    result = read_boxes_at(catalogue, trf_page([("CHEN", 199, 385, 262, 415)],
                                               "2300012345CHES1XYA", centre=None))
    assert result.fields["cert_number"] == "2300012345CHES1XYA"
    assert "cert_number" not in doubted_fields(result.checks)


def test_an_ielts_online_number_still_checks_the_names_letters(catalogue):
    # The name letters of such a number are checked as a paper form's are: CHEN SIYUAN is CHES,
    # so a number carrying WANS says the name read lost or misread a word.
    agree = read_boxes_at(catalogue, trf_page([("CHEN", 199, 385, 262, 415)],
                                              "2300012345CHES1XYA", centre=None))
    assert "holder_name" not in doubted_fields(agree.checks)
    disagree = read_boxes_at(catalogue, trf_page([("CHEN", 199, 385, 262, 415)],
                                                 "2300012345WANS1XYA", centre=None))
    assert "holder_name" in doubted_fields(disagree.checks)
