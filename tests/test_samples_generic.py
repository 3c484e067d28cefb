"""The generic layout draws a catalogue type from its rules alone: tried on a copy, under a new
id, of every shipped type (their number patterns and validators, level vocabularies and score
ranges are the rules a new type would bring)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from limitup.errors import LimitupError
from limitup.recognise.validators import check_number, score_ok
from limitup.samples import make_certificate
from limitup.samples.generator import compose
from tests.fixtures import shipped_catalogue

TODAY = date(2026, 5, 1)


def _copy(type_id: str):
    """The type's catalogue entry under an id the generator has no content for."""
    return replace(shipped_catalogue()[type_id], id=f"{type_id}_copy")


@pytest.mark.parametrize("type_id", sorted(shipped_catalogue()))
def test_values_pass_the_types_own_rules_and_are_printed(type_id):
    cert = _copy(type_id)
    for seed in range(6):
        doc, label, _ = compose(cert.id, cert_type=cert, seed=seed,
                                style="holdout" if seed % 2 else "train")
        printed = {field.role: field.value for field in doc.fields}
        assert doc.title == [max(cert.titles, key=lambda term: term.weight).text]
        assert printed["name"] == label["holder_name"]
        if label["cert_number"] is not None:
            sex = "男" if int(label["kyc_id"][16]) % 2 else "女"
            check = check_number(label["cert_number"], cert.fields["cert_number"],
                                 {"level": label["level"], "sex": sex}, TODAY)
            assert check.ok, (label["cert_number"], check.failures)
            assert printed["number"] == label["cert_number"]
        if label["level"] is not None:
            assert label["level"] in cert.fields["level"].vocabulary
            assert printed["level"] == label["level"]
        if label["score"] is not None:
            assert score_ok(label["score"], cert.fields["score"])
            assert printed["score"] == str(label["score"])
        assert (label["issue_date"] is None) == ("date" not in printed)
        assert (label["id_number"] is None) == ("id" not in printed)


def test_a_field_without_a_label_is_not_drawn():
    # 国家奖学金's level (本专科生, 研究生) is read from the whole text: no row, no label.
    _, label, _ = compose("scholarship_national_copy", cert_type=_copy("scholarship_national"))
    assert label["level"] is None


def test_a_type_is_drawn_generically_only_from_its_own_catalogue_entry():
    with pytest.raises(LimitupError, match="unknown certificate type 'cpa_copy'"):
        make_certificate("cpa_copy")
    with pytest.raises(LimitupError, match="unknown certificate type 'cpa_copy'"):
        make_certificate("cpa_copy", cert_type=_copy("nurse"))
    with pytest.raises(LimitupError, match="cpa_copy has no level"):
        make_certificate("cpa_copy", cert_type=_copy("cpa"), level="一级")
    with pytest.raises(LimitupError, match="outside 0.0–120.0 in steps of 1"):
        make_certificate("toefl_copy", cert_type=_copy("toefl"), score=121)
