"""phash_distance must equal imagehash's Hamming distance (it is a faster route to the same)."""
import random

import imagehash
import pytest

from limitup.ingest import phash_distance


def test_matches_imagehash_on_random_hashes():
    rng = random.Random(7)
    for _ in range(500):
        a, b = (f"{rng.getrandbits(64):016x}" for _ in range(2))
        assert phash_distance(a, b) == imagehash.hex_to_hash(a) - imagehash.hex_to_hash(b)


def test_refuses_hashes_of_different_sizes():
    with pytest.raises(ValueError):
        phash_distance("ff", "ffff")
