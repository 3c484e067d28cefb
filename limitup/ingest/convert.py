"""Turn any decoded mode into plain 8-bit sRGB on white, upright.

16-bit greyscale is scaled (PIL's own convert would clip everything above 255 to white);
alpha is composited onto white (a transparent background would turn black in JPEG);
an embedded ICC profile (CMYK, Display P3) is applied once so colours survive stripping it.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageCms

TAG_ORIENTATION = 0x0112
SIXTEEN_BIT_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I"}
WHITE = (255, 255, 255)
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
    values = np.asarray(image).astype(np.int64)
    scaled = (np.clip(values, 0, 65535) >> 8).astype(np.uint8)
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
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, WHITE + (255,))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _apply_icc(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Convert through the embedded profile to sRGB; None when the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
    except Exception:  # a broken or mismatched profile (hostile input): fall back to plain convert
        return None

