"""Turn any decoded mode into plain 8-bit sRGB on white, upright.

16-bit greyscale is scaled (PIL's own convert would clip everything above 255 to white);
alpha is composited onto white (a transparent background would turn black in JPEG);
an embedded ICC profile (CMYK, Display P3) is applied once so colours survive stripping it.

Memory matters here (issue 21): an upload may hold 40 million pixels, so every step keeps at most
one full-size copy besides its input. 16-bit grey is scaled in stripes of rows (whole-image int64
arithmetic cost 24 bytes a pixel: 0.8 GB for a 6300² PNG), alpha is pasted onto white through
its own mask (alpha_composite needed three RGBA copies), and an image that is already plain RGB
is returned as it is (convert("RGB") would copy it). limitup/ingest/budget.py counts what is left.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageCms

TAG_ORIENTATION = 0x0112
SIXTEEN_BIT_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I"}
WHITE = (255, 255, 255)
# Rows scaled at a time from 16 to 8 bits: a stripe's int32 copy stays near 30 MB at 30000 px.
STRIPE_ROWS = 256
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in SIXTEEN_BIT_MODES:
        image = _sixteen_bit_to_l(image)
    elif image.mode == "F":
        image = Image.fromarray(np.clip(np.asarray(image), 0, 255).astype(np.uint8))
    if _has_alpha(image):
        return _flatten_on_white(image)
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        converted = _apply_icc(image, icc)
        if converted is not None:
            return converted
    if image.mode == "RGB":
        return image
    return image.convert("RGB")


def apply_orientation(image: Image.Image, orientation: int | None) -> tuple[Image.Image, bool]:
    """Rotate/flip per the EXIF Orientation tag read before conversion; report whether it did."""
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation or 1)
    if method is None:
        return image, False
    return image.transpose(method), True


def _sixteen_bit_to_l(image: Image.Image) -> Image.Image:
    """Top 8 of 16 bits, a stripe of rows at a time (values outside 0..65535 clipped: mode I)."""
    width, height = image.size
    scaled = np.empty((height, width), dtype=np.uint8)
    for top in range(0, height, STRIPE_ROWS):
        bottom = min(height, top + STRIPE_ROWS)
        stripe = np.asarray(image.crop((0, top, width, bottom)), dtype=np.int32)
        np.clip(stripe, 0, 65535, out=stripe)
        np.right_shift(stripe, 8, out=stripe)
        scaled[top:bottom] = stripe
    grey = Image.fromarray(scaled)
    if "transparency" in image.info:
        # a 16-bit grey tRNS colour: approximate it in 8 bits so it still flattens to white
        try:
            grey.info["transparency"] = int(image.info["transparency"]) >> 8
        except (TypeError, ValueError):
            pass
    return grey


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _flatten_on_white(image: Image.Image) -> Image.Image:
    """Paste onto white through the image's own alpha: RGBA and LA are pasted as they are (one
    RGB copy made); palette, premultiplied and transparent-colour images go through RGBA first."""
    if image.mode not in ("RGBA", "LA"):
        image = image.convert("RGBA")
    flat = Image.new("RGB", image.size, WHITE)
    flat.paste(image, (0, 0), image)
    return flat


def _apply_icc(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Convert through the embedded profile to sRGB; None when the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
    except Exception:  # a broken or mismatched profile (hostile input): fall back to plain convert
        return None

