"""Small valid images, one per accepted format and awkward mode, with metadata: mutation seeds
for the property-based tests and the atheris harness (decoded with min_side=8 to stay fast)."""
from __future__ import annotations

import functools

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

import limitup.ingest  # noqa: F401  registers the HEIF opener
from tests.ingest import images

SEED_SIZE = (40, 28)


def _small() -> Image.Image:
    return images.certificate(0).resize(SEED_SIZE)


@functools.lru_cache(maxsize=None)
def seeds() -> dict[str, bytes]:
    small = _small()
    exif = images.exif_with(software="Adobe Photoshop 25.0", gps=True, orientation=6,
                            changed="2024:05:01 10:00:00", taken="2023:01:01 09:00:00")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    text = PngInfo()
    text.add_text("Software", "GIMP 2.10")
    text.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmp:CreatorTool="Canva"/>')
    rgba = small.convert("RGBA")
    rgba.putalpha(128)
    return {
        "exif.jpg": images.encode(small, "JPEG", quality=80, exif=exif, icc_profile=icc,
                                  comment=b"Created with GIMP"),
        "progressive.jpg": images.encode(small, "JPEG", quality=70, progressive=True),
        "cmyk.jpg": images.encode(small.convert("CMYK"), "JPEG"),
        "grey.jpg": images.encode(small.convert("L"), "JPEG"),
        "rgb.png": images.encode(small, "PNG", pnginfo=text, exif=exif),
        "palette.png": images.encode(small.convert("P"), "PNG", transparency=0),
        "alpha.png": images.encode(rgba, "PNG"),
        "i16.png": images.encode(small.convert("L").convert("I").point(lambda v: v * 256)
                                 .convert("I;16"), "PNG"),
        "lossy.webp": images.encode(small, "WEBP", quality=60, exif=exif.tobytes()),
        "alpha.webp": images.encode(rgba, "WEBP", lossless=True),
        "photo.heic": images.encode(small.resize((64, 64)), "HEIF", quality=50,
                                    exif=exif.tobytes()),
    }
