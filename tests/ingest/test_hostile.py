"""The hostile corpus of issue 8: each body refused with its code, status and a helpful message."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from limitup.errors import LimitupError
from limitup.ingest import ingest
from tests.ingest import images

MAX_BYTES = 15 * 1024 * 1024  # the configured default (config.MAX_UPLOAD_BYTES)


def refused(data: bytes, **limits) -> LimitupError:
    with pytest.raises(LimitupError) as caught:
        ingest(data, max_bytes=limits.pop("max_bytes", MAX_BYTES), **limits)
    return caught.value


def assert_unreadable(error: LimitupError, *words: str) -> None:
    assert (error.code, error.status) == ("unreadable_image", 422), str(error)
    for word in words:
        assert word in str(error), str(error)


def test_empty_body():
    assert_unreadable(refused(b""), "empty")


def test_text_named_jpg(tmp_path):
    path = tmp_path / "certificate.jpg"  # the name is irrelevant: ingest never sees it
    path.write_text("This is my CPA certificate, honest.\n")
    assert_unreadable(refused(path.read_bytes()), "text", "JPEG, PNG, WebP or HEIC")


def test_truncated_jpeg():
    data = images.jpeg()
    assert_unreadable(refused(data[: len(data) // 2]), "truncated")


def test_truncated_png():
    data = images.png()
    assert_unreadable(refused(data[: len(data) - 200]), "truncated")


def test_png_decompression_bomb_refused_before_decoding():
    bomb = images.png_bomb()
    assert len(bomb) < 200_000
    started = time.perf_counter()
    error = refused(bomb)
    assert time.perf_counter() - started < 1.0  # 900 million pixels were never inflated
    assert_unreadable(error, "too many pixels (900 million)", "40 million")


def test_pixel_limit_is_the_callers():
    data = images.png(Image.new("L", (1000, 1000), 255))
    assert_unreadable(refused(data, max_pixels=999_999), "too many pixels")
    assert ingest(data, max_bytes=MAX_BYTES, max_pixels=1_000_000).width == 1000


def test_svg_with_script():
    svg = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" '
           b'height="400"><script>fetch("/api/limits",{method:"POST"})</script>'
           b'<rect width="400" height="400"/></svg>')
    assert_unreadable(refused(svg), "SVG")


def test_html_named_png(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")
    assert_unreadable(refused(path.read_bytes()), "HTML")


def test_twelve_pixel_image():
    tiny = images.png(Image.new("RGB", (4, 3), "white"))
    assert_unreadable(refused(tiny), "too small", "4×3", "200")


def test_animated_gif():
    assert_unreadable(refused(images.animated("GIF")), "GIF")


def test_animated_png():
    assert_unreadable(refused(images.animated("PNG")), "animated")


def test_animated_webp():
    assert_unreadable(refused(images.animated("WEBP")), "animated")


def test_thirty_megabyte_body_is_413():
    body = b"\xff\xd8\xff\xe0" + b"\0" * (30 * 1024 * 1024)
    error = refused(body)
    assert (error.code, error.status) == ("too_large", 413)
    assert "30.0 MB" in str(error) and "15.0 MB" in str(error)


@pytest.mark.parametrize("fmt, word", [("BMP", "BMP"), ("TIFF", "TIFF"), ("PDF", "PDF"),
                                       ("GIF", "GIF")])
def test_formats_a_phone_never_sends(fmt, word):
    assert_unreadable(refused(images.encode(images.certificate(), fmt)), word)


def test_avif_is_refused_by_content():
    assert_unreadable(refused(images.encode(images.certificate(), "AVIF")), "AVIF")


def test_zip_alone():
    assert_unreadable(refused(images.zip_archive(b"hello")), "archives")


def test_unknown_binary():
    assert_unreadable(refused(bytes(range(256)) * 4), "not an image we accept")


def test_jpeg_header_with_garbage_body():
    assert_unreadable(refused(b"\xff\xd8\xff\xe0" + b"\x13\x37" * 500))


def test_png_signature_with_bad_ihdr_crc():
    data = bytearray(images.png())
    data[29] ^= 0xFF  # inside the IHDR CRC
    assert_unreadable(refused(bytes(data)), "corrupt")


def test_jpeg_declaring_far_more_pixels_than_its_bytes_hold():
    # A 240×210 JPEG whose frame header was patched to 6000×6000: libjpeg would pad it out
    # silently (the EOI marker is there), costing ~3 s and 100 MB for 7 KB uploaded.
    data = (Path(__file__).parent / "corpus" / "regressions"
            / "jpeg-sof-declares-6000x6000-tiny-data.jpg").read_bytes()
    started = time.perf_counter()
    assert_unreadable(refused(data), "truncated or corrupt", "6000×6000")
    assert time.perf_counter() - started < 0.5


def test_a_blank_but_genuine_large_jpeg_is_still_accepted():
    blank = images.encode(Image.new("L", (3000, 3000), 255), "JPEG", quality=1, optimize=True)
    assert ingest(blank, max_bytes=MAX_BYTES).width == 3000


def test_multi_image_heic():
    first, second = Image.new("RGB", (300, 300), "red"), Image.new("RGB", (300, 300), "blue")
    data = images.encode(first, "HEIF", save_all=True, append_images=[second])
    assert_unreadable(refused(data), "multi-image")


def test_mp4_video_is_not_taken_for_heic():
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + b"\x00" * 500
    assert_unreadable(refused(mp4), "video")
