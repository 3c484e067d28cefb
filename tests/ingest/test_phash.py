"""Perceptual hashes for duplicate_image: the same picture stays near, different ones are far."""
from __future__ import annotations

from PIL import Image

from limitup.ingest import ingest, phash_distance
from tests.ingest import images

MAX_BYTES = 15 * 1024 * 1024


def phash_of(data: bytes) -> str:
    return ingest(data, max_bytes=MAX_BYTES).phash


def test_recompressed_and_resized_copy_is_near():
    original = images.certificate(0)
    reference = phash_of(images.png(original))
    recompressed = phash_of(images.jpeg(original, quality=40))
    resized = phash_of(images.jpeg(original.resize((448, 308), Image.Resampling.LANCZOS),
                                   quality=70))
    as_webp = phash_of(images.encode(original, "WEBP", quality=60))
    for copy in (recompressed, resized, as_webp):
        assert phash_distance(reference, copy) <= 6, (reference, copy)


def test_two_different_certificates_are_far():
    first = phash_of(images.jpeg(images.certificate(0)))
    second = phash_of(images.jpeg(images.certificate(1)))
    assert phash_distance(first, second) > 16


def test_distance_is_symmetric_and_zero_for_itself():
    first = phash_of(images.jpeg(images.certificate(0)))
    second = phash_of(images.jpeg(images.certificate(1)))
    assert phash_distance(first, first) == 0
    assert phash_distance(first, second) == phash_distance(second, first)
    assert len(first) == 16 and int(first, 16) >= 0
