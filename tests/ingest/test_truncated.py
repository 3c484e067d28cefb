"""Issue 21, 9: a JPEG whose picture data ends early decodes "fine" in Pillow (libjpeg only warns
and pads the missing rows with grey), so intake checks it with TurboJPEG's strict decode; a PNG
whose header declares more rows than its data holds likewise (rows left black), so intake counts
the inflated bytes.

Before the check, every refused file here was accepted.
"""
from __future__ import annotations

import pytest
from PIL import Image

from limitup.ingest import ingest
from tests.ingest import images
from tests.ingest.test_hostile import MAX_BYTES, assert_unreadable, refused


def photo(**params) -> bytes:
    return images.jpeg(images.certificate(size=(1200, 900)), **params)


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_jpeg_ending_in_eoi_is_refused(progressive, keep):
    error = refused(images.cut_at_eoi(photo(progressive=progressive), keep))
    assert_unreadable(error, "truncated")


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_jpeg_with_a_patched_height_is_refused(progressive):
    # 900 rows were coded; the header claims 1400 (within the pixels-per-byte density check).
    data = images.jpeg_with_height(photo(progressive=progressive), 1400)
    with Image.open(__import__("io").BytesIO(data)) as opened:
        assert opened.size == (1200, 1400)
    assert_unreadable(refused(data), "truncated")


@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_whole_jpegs_of_every_colour_space_are_still_accepted(mode, progressive):
    data = images.jpeg(images.certificate(size=(640, 440)).convert(mode), progressive=progressive)
    assert ingest(data, max_bytes=MAX_BYTES).width == 640


def test_a_jpeg_with_trailing_bytes_after_eoi_is_accepted():
    # What phones append (MPO pictures, vendor trailers) lies after the EOI: never decoded.
    assert ingest(photo() + b"\0" * 4096 + b"trailer", max_bytes=MAX_BYTES).height == 900


def test_extraneous_bytes_before_a_marker_are_let_through():
    # Some cameras write a few stray bytes before EOI; libjpeg warns but the picture is whole
    # (docs/intake.md: only missing or damaged picture data refuses a JPEG).
    data = photo()
    assert data.endswith(b"\xff\xd9")
    assert ingest(data[:-2] + b"\0\0\0" + b"\xff\xd9", max_bytes=MAX_BYTES).height == 900


def png_with_height(data: bytes, height: int) -> bytes:
    """The PNG with its IHDR declaring another height, CRC recomputed (a careful forgery)."""
    import struct
    import zlib
    header = bytearray(data[16:29])
    header[4:8] = struct.pack(">I", height)
    chunk = b"IHDR" + bytes(header)
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


@pytest.mark.parametrize("interlace", [False, True], ids=["plain", "interlaced"])
def test_png_with_a_patched_height_is_refused(interlace):
    # The zlib stream ends after the coded rows; Pillow leaves the rest black and says nothing.
    picture = images.certificate(size=(640, 440))
    data = png_with_height(images.interlaced_png(picture) if interlace else images.png(picture),
                           700)
    assert_unreadable(refused(data), "truncated")


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "1", "I;16"])
def test_whole_pngs_of_every_mode_are_still_accepted(mode):
    picture = images.certificate(size=(641, 443)).convert("L" if mode == "I;16" else mode)
    if mode == "I;16":
        picture = picture.point(lambda value: value * 256, "I").convert("I;16")
    assert ingest(images.png(picture), max_bytes=MAX_BYTES).width == 641


def test_a_whole_interlaced_png_is_still_accepted():
    picture = images.certificate(size=(641, 443))
    data = images.interlaced_png(picture)
    assert data[28] == 1                                    # Adam7 in the header
    ingested = ingest(data, max_bytes=MAX_BYTES)
    assert ingested.image.tobytes() == picture.tobytes()
