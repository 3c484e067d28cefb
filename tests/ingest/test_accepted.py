"""Valid but unusual images are accepted and come out as plain upright RGB JPEG."""
from __future__ import annotations

import io

import numpy as np
import pillow_heif
import pytest
from PIL import Image

from limitup.ingest import ingest
from tests.ingest import images

MAX_BYTES = 15 * 1024 * 1024


def accept(data: bytes, **limits):
    result = ingest(data, max_bytes=MAX_BYTES, **limits)
    assert result.image.mode == "RGB"
    stored = Image.open(io.BytesIO(result.stored_bytes))
    assert stored.format == "JPEG" and stored.mode == "RGB"
    assert stored.size == (result.width, result.height) == result.image.size
    return result


def pixel(result, xy):
    return result.image.getpixel(xy)


def close(actual, expected, tolerance=40):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def test_plain_jpeg_and_png_and_no_extension(tmp_path):
    path = tmp_path / "upload"  # no extension at all
    path.write_bytes(images.jpeg())
    assert accept(path.read_bytes()).format == "JPEG"
    assert accept(images.png()).format == "PNG"


def test_cmyk_jpeg():
    cmyk = Image.new("CMYK", (300, 240), (0, 255, 255, 0))  # pure red in CMYK
    data = images.encode(cmyk, "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    result = accept(data)
    assert close(pixel(result, (150, 120)), (255, 0, 0), tolerance=60)


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped():
    ramp = np.tile(np.linspace(0, 65535, 400).astype(np.uint16), (220, 1))
    data = images.png(Image.fromarray(ramp))
    assert Image.open(io.BytesIO(data)).mode.startswith("I")
    result = accept(data)
    middle = pixel(result, (200, 100))
    assert 110 <= middle[0] <= 145 and middle[0] == middle[1] == middle[2]
    assert pixel(result, (0, 100))[0] < 10 and pixel(result, (399, 100))[0] > 245


def test_png_with_alpha_composited_on_white():
    rgba = Image.new("RGBA", (300, 300), (0, 0, 0, 0))  # fully transparent black
    rgba.paste((0, 0, 255, 255), (100, 100, 200, 200))
    result = accept(images.png(rgba))
    assert close(pixel(result, (10, 10)), (255, 255, 255), 5)
    assert close(pixel(result, (150, 150)), (0, 0, 255), 10)


def test_greyscale_with_alpha():
    la = Image.new("LA", (300, 300), (0, 0))
    result = accept(images.png(la))
    assert close(pixel(result, (5, 5)), (255, 255, 255), 5)


def test_palette_png_with_and_without_transparency():
    palette = images.certificate().convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    accept(images.png(palette))
    transparent = Image.new("P", (300, 300), 0)
    transparent.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    transparent.paste(1, (100, 100, 200, 200))
    result = accept(images.png(transparent, transparency=0))
    assert close(pixel(result, (5, 5)), (255, 255, 255), 5)
    assert close(pixel(result, (150, 150)), (255, 0, 0), 10)


@pytest.mark.parametrize("mode", ["L", "1"])
def test_greyscale_and_bilevel(mode):
    result = accept(images.png(images.certificate().convert(mode)))
    assert result.image.mode == "RGB"
    accept(images.jpeg(images.certificate().convert("L")))


@pytest.mark.parametrize("params", [{"quality": 80}, {"lossless": True}])
def test_webp(params):
    result = accept(images.encode(images.certificate(), "WEBP", **params))
    assert result.format == "WEBP"


def test_webp_with_alpha():
    rgba = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    result = accept(images.encode(rgba, "WEBP", lossless=True))
    assert close(pixel(result, (5, 5)), (255, 255, 255), 5)


def test_heic_from_a_phone():
    data = images.encode(images.certificate(), "HEIF", quality=85)
    assert data[4:12] == b"ftypheic"
    result = accept(data)
    assert result.format == "HEIF" and (result.width, result.height) == (640, 440)


def test_heic_rotation_is_applied_by_the_decoder():
    exif = images.exif_with(orientation=6)
    data = images.encode(images.certificate(), "HEIF", exif=exif.tobytes())
    result = accept(data)
    assert (result.width, result.height) == (440, 640)
    assert result.exif_orientation_applied


def test_mpo_multi_picture_jpeg_uses_the_first_picture():
    first, second = images.certificate(0), Image.new("RGB", (640, 440), "black")
    data = images.encode(first, "MPO", save_all=True, append_images=[second])
    result = accept(data)
    assert result.format == "JPEG"
    assert close(pixel(result, (320, 5)), (250, 246, 232), 20)


def test_icc_profile_is_applied_then_dropped():
    from PIL import ImageCms
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    result = accept(images.jpeg(icc_profile=profile))
    assert b"ICC_PROFILE" not in result.stored_bytes


def test_small_side_limit_is_the_callers():
    data = images.png(Image.new("RGB", (120, 90), "white"))
    assert accept(data, min_side=64).width == 120


def test_jpeg_with_zip_appended_keeps_only_the_reencoded_image():
    marker = b"SECRET-PAYLOAD-7f3a9c"
    polyglot = images.jpeg() + images.zip_archive(marker)
    result = accept(polyglot)
    assert marker not in result.stored_bytes
    assert b"PK\x03\x04" not in result.stored_bytes
    assert result.stored_bytes.endswith(b"\xff\xd9")


def test_stored_sha256_and_jpeg_quality():
    import hashlib
    result = accept(images.png())
    assert result.sha256 == hashlib.sha256(result.stored_bytes).hexdigest()
    assert len(result.stored_bytes) < 200_000
