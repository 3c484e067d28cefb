"""Property-based: whatever the bytes, intake answers with an image or a LimitupError, quickly."""
from __future__ import annotations

import time
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limitup.errors import LimitupError
from limitup.ingest import IngestedImage, ingest
from tests.ingest.seeds import seeds

SEED_NAMES = sorted(seeds())
MAGIC_PREFIXES = [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x10\x00\x00WEBPVP8 ",
                  b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", b"GIF89a", b""]
SLOW_SECONDS = 3.0
FUZZ_SETTINGS = settings(max_examples=200, deadline=timedelta(seconds=5),
                         suppress_health_check=[HealthCheck.too_slow])


def ingest_or_refuse(data: bytes) -> None:
    started = time.perf_counter()
    try:
        result = ingest(data, max_bytes=1 << 20, max_pixels=4_000_000, min_side=8)
    except LimitupError as error:
        assert error.code in ("unreadable_image", "too_large") and str(error)
    else:
        assert isinstance(result, IngestedImage)
        assert result.image.mode == "RGB" and result.stored_bytes.startswith(b"\xff\xd8")
    assert time.perf_counter() - started < SLOW_SECONDS


@FUZZ_SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    ingest_or_refuse(data)


@FUZZ_SETTINGS
@given(st.sampled_from(MAGIC_PREFIXES), st.binary(max_size=2048))
def test_random_bytes_behind_a_real_signature(prefix, tail):
    ingest_or_refuse(prefix + tail)


@st.composite
def mutated_seed(draw):
    data = bytearray(seeds()[draw(st.sampled_from(SEED_NAMES))])
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "byte", "truncate", "delete", "insert"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "byte":
            data[at] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, draw(st.integers(0, 255))]))
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@FUZZ_SETTINGS
@given(mutated_seed())
def test_mutated_valid_images(data):
    ingest_or_refuse(data)


def test_every_seed_is_accepted():
    for name in SEED_NAMES:
        assert ingest(seeds()[name], max_bytes=1 << 20, min_side=8).width >= 28, name
