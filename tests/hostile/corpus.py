"""The hostile and the unusual-but-valid files of issue 8, built with real encoders
(factories from tests/ingest/images.py), as (multipart file name, bytes, declared type)."""
from __future__ import annotations

import functools
import io

import numpy as np
from PIL import Image

from tests.ingest import images

ZIP_MARKER = b"HOSTILE-ZIP-PAYLOAD-7f3a"
SVG_WITH_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" '
                   b'height="400"><script>fetch("/api/v1/limit",{method:"PUT"})</script>'
                   b'<rect width="400" height="400"/></svg>')
HTML_PAGE = b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"


@functools.lru_cache(maxsize=None)
def hostile() -> dict[str, tuple[str, bytes, str]]:
    """name -> (file name, body, declared type): every one must be refused with a 4xx."""
    jpeg = images.jpeg()
    return {
        "empty": ("certificate.jpg", b"", "image/jpeg"),
        "text_named_jpg": ("certificate.jpg", b"This is my CPA certificate, honest.\n",
                           "image/jpeg"),
        "truncated_jpeg": ("scan.jpg", jpeg[: len(jpeg) // 2], "image/jpeg"),
        "png_bomb": ("bomb.png", images.png_bomb(), "image/png"),
        "svg_with_script": ("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        "html_named_png": ("photo.png", HTML_PAGE, "image/png"),
        "twelve_pixels": ("tiny.png", images.png(Image.new("RGB", (4, 3), "white")),
                          "image/png"),
        "animated_gif": ("moving.gif", images.animated("GIF"), "image/gif"),
    }


@functools.lru_cache(maxsize=None)
def unusual_valid() -> dict[str, tuple[str, bytes, str]]:
    """name -> (file name, body, declared type): every one must be accepted (202)."""
    cmyk = Image.new("CMYK", (420, 300), (0, 255, 255, 0))
    ramp = np.tile(np.linspace(0, 65535, 420).astype(np.uint16), (300, 1))
    rgba = images.certificate(design=1).convert("RGBA")
    rgba.putalpha(200)
    return {
        "cmyk_jpeg": ("cmyk.jpg", images.encode(cmyk, "JPEG", quality=90), "image/jpeg"),
        "png_16_bit": ("deep.png", images.png(Image.fromarray(ramp)), "image/png"),
        "png_alpha": ("alpha.png", images.png(rgba), "image/png"),
        "webp": ("phone.webp", images.encode(images.certificate(), "WEBP", quality=80),
                 "image/webp"),
        "no_extension": ("upload", images.jpeg(images.certificate(design=1)),
                         "application/octet-stream"),
    }


def jpeg_with_zip() -> bytes:
    return images.jpeg() + images.zip_archive(ZIP_MARKER)


def valid_jpeg(design: int = 0) -> bytes:
    return images.jpeg(images.certificate(design=design))


def thirty_megabytes() -> bytes:
    return b"\xff\xd8\xff\xe0" + b"\0" * (30 * 1024 * 1024)


def decodes(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
    return True


def blank_jpeg() -> bytes:
    """A small valid photo with nothing to read: accepted, and cheap for the OCR behind it."""
    return images.jpeg(Image.new("RGB", (320, 240), (245, 245, 240)))
