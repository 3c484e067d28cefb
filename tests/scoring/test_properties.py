"""Property-based: the bonus never exceeds a cap and never falls when a credential is added."""
from hypothesis import given, settings
from hypothesis import strategies as st

from limitup.scoring import score_with

from .conftest import STEP_FEN, raw_table

_TABLE = raw_table()["types"]


def _credential_strategy():
    def for_type(type_id):
        spec = _TABLE[type_id]
        if "levels" in spec:
            level = st.sampled_from(sorted(spec["levels"]) + [None])
            return level.map(lambda lv: {"type": type_id, "level": lv})
        if "score_bands" in spec:
            value = st.one_of(st.none(), st.integers(0, 160), st.sampled_from([5.5, 6.0, 6.5, 7.0]))
            return value.map(lambda s: {"type": type_id, "score": s})
        return st.just({"type": type_id})
    return st.sampled_from(sorted(_TABLE)).flatmap(for_type)


credentials = st.lists(_credential_strategy(), max_size=14)


def _numbered(items):
    return [dict(item, id=index) for index, item in enumerate(items)]


@settings(max_examples=300, deadline=None)
@given(credentials)
def test_never_above_any_cap(table, items):
    bonus = score_with(_numbered(items), table, STEP_FEN)
    assert 0 <= bonus.total_fen <= table.global_cap_fen
    assert bonus.total_fen % STEP_FEN == 0
    for category in bonus.categories:
        assert category["after_cap_fen"] <= table.category_caps_fen[category["category"]]
    assert bonus.total_fen <= sum(c["after_cap_fen"] for c in bonus.categories)


@settings(max_examples=300, deadline=None)
@given(credentials, _credential_strategy(), st.integers(0, 14))
def test_never_falls_when_a_credential_is_added(table, items, extra, position):
    before = score_with(_numbered(items), table, STEP_FEN).total_fen
    grown = list(items)
    grown.insert(min(position, len(grown)), extra)
    after = score_with(_numbered(grown), table, STEP_FEN).total_fen
    assert after >= before


@settings(max_examples=100, deadline=None)
@given(credentials)
def test_order_does_not_matter(table, items):
    forward = score_with(_numbered(items), table, STEP_FEN).total_fen
    backward = score_with(_numbered(list(reversed(items))), table, STEP_FEN).total_fen
    assert forward == backward
