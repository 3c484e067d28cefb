import time

import pytest

from limitup.auth import Unauthorized, make_token, read_token


def test_round_trip():
    before = time.time()
    token = make_token(7, "reviewer", "s", 60)
    claims = read_token(token, "s")
    assert {k: claims[k] for k in ("user_id", "role")} == {"user_id": 7, "role": "reviewer"}
    # The expiry the web session keeps (issue 21): issued time (whole seconds) plus the ttl.
    assert before - 1 + 60 <= claims["expires_at"] <= time.time() + 60


def test_wrong_key_and_garbage_are_refused():
    token = make_token(7, "user", "s", 60)
    for bad in (token + "x", "garbage", "", make_token(7, "user", "other", 60)):
        with pytest.raises(Unauthorized):
            read_token(bad, "s")


def test_expired_token_is_refused():
    token = make_token(7, "user", "s", 1)
    time.sleep(2.1)
    with pytest.raises(Unauthorized, match="expired"):
        read_token(token, "s")
