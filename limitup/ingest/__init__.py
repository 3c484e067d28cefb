"""Image intake: the one door every uploaded image (web form, API, CLI `submit`) comes through.

`ingest(data, max_bytes=...)` takes the body's bytes (never a file name), and either returns an
`IngestedImage` (decoded, upright, RGB, re-encoded as metadata-free JPEG, perceptually hashed,
with reasons it may have been edited) or raises `LimitupError`:
- code "too_large", status 413: the body is over `max_bytes`;
- code "unreadable_image", status 422: anything else wrong (format, corrupt, truncated, too many
  pixels, too small, animated ...), with a plain message saying what.
See docs/intake.md.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field

import imagehash
import pillow_heif
from PIL import Image

from limitup.errors import LimitupError
from limitup.ingest import budget, jpeg, png
from limitup.ingest.budget import decode_cost
from limitup.ingest.convert import TAG_ORIENTATION, apply_orientation, to_rgb
from limitup.ingest.signals import edit_signals
from limitup.ingest.sniff import ACCEPTED_HINT, sniff_format, unreadable
from limitup.ingest.storage import is_stored_name, load_stored, store_image, stored_path

pillow_heif.register_heif_opener()
# Hostile EXIF makes PIL warn per tag ("Tag data larger than file"); the tags are dropped anyway,
# and attacker-driven warnings should not flood the logs.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.TiffImagePlugin")

DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MIN_SIDE = 200
# Baseline JPEG cannot hold more than 65535 per side; no phone comes near this.
MAX_SIDE = 30_000
JPEG_QUALITY = 90
RGB_BYTES_PER_PIXEL = 4     # Pillow keeps RGB in four bytes a pixel
# Even an all-white baseline JPEG at quality 1 needs a byte per ~256 pixels; a JPEG declaring far
# more pixels than its bytes can carry is a truncated file that libjpeg would silently pad out
# (it only warns when the data ends early at an EOI marker) — a cheap small-file pixel bomb.
MAX_JPEG_PIXELS_PER_BYTE = 4000
# PIL's own bomb guard is a backstop: our header check below runs first with the caller's limit.
Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS

# The PIL plugins allowed to parse each sniffed format (MPO: multi-picture JPEGs from cameras).
PIL_FORMATS = {"JPEG": ["JPEG", "MPO"], "PNG": ["PNG"], "WEBP": ["WEBP"], "HEIF": ["HEIF"]}
SINGLE_FRAME_FORMATS = {"PNG", "WEBP", "HEIF"}

__all__ = ["IngestedImage", "ingest", "phash_distance", "store_image", "load_stored",
           "stored_path", "is_stored_name", "DEFAULT_MAX_PIXELS", "DEFAULT_MIN_SIDE"]


@dataclass
class IngestedImage:
    image: Image.Image = field(repr=False)
    stored_bytes: bytes = field(repr=False)
    format: str
    width: int
    height: int
    sha256: str
    phash: str
    edit_signals: list[str]
    exif_orientation_applied: bool


def ingest(data: bytes, *, max_bytes: int, max_pixels: int = DEFAULT_MAX_PIXELS,
           min_side: int = DEFAULT_MIN_SIDE,
           decodes: budget.DecodeBudget = budget.DECODES) -> IngestedImage:
    _check_body_size(data, max_bytes)
    source_format = sniff_format(data)
    with _decoder_errors(max_pixels):
        original = Image.open(io.BytesIO(data), formats=PIL_FORMATS[source_format])
        _check_frames(original, source_format)
        _check_dimensions(original.size, max_pixels, min_side)
        _check_jpeg_density(source_format, original.size, len(data))
        # What the header says the decode will hold, taken from the budget (the process's,
        # unless the caller passes another) before a pixel is decoded
        # (limitup/ingest/budget.py): small files can cost gigabytes.
        cost = decode_cost(original.mode, original.size,
                           progressive=bool(original.info.get("progressive")))
        hold = decodes.acquire(cost)
        try:
            if source_format == "JPEG":
                jpeg.check_complete(data)  # a JPEG cut short decodes "fine" in Pillow, padded grey
            elif source_format == "PNG":
                png.check_complete(data)   # so does a PNG with rows missing, padded black
            ingested = _decode(original, source_format)
        except BaseException:
            hold.release()
            raise
    # The decoded image lives on with the upload: it stays counted until it is freed.
    hold.keep(ingested.width * ingested.height * RGB_BYTES_PER_PIXEL)
    weakref.finalize(ingested.image, hold.release)
    return ingested


def _decode(original: Image.Image, source_format: str) -> IngestedImage:
    """Decode, convert and re-encode, keeping as few full-size copies alive as possible."""
    original.load()
    exif = _safe_exif(original)
    signals = edit_signals(original, exif)
    orientation = _orientation(original, exif)
    decoder_rotated = _decoder_rotated(original)
    rgb = to_rgb(original)
    if rgb is not original:
        original.close()           # the decoded pixels are not needed once converted
    upright, rotated_here = apply_orientation(rgb, orientation)
    if upright is not rgb:
        rgb.close()
    upright.info = {}  # nothing from the upload travels on: no EXIF, GPS, ICC, XMP or comment
    stored_bytes = _encode_jpeg(upright)
    return IngestedImage(
        image=upright,
        stored_bytes=stored_bytes,
        format=source_format,
        width=upright.width,
        height=upright.height,
        sha256=hashlib.sha256(stored_bytes).hexdigest(),
        phash=str(imagehash.phash(upright)),
        edit_signals=signals,
        exif_orientation_applied=rotated_here or decoder_rotated,
    )


def phash_distance(a: str, b: str) -> int:
    """Hamming distance between two `IngestedImage.phash` strings (0 = same picture).

    Integer XOR and a bit count: ~0.5 µs a pair against ~70 µs through imagehash objects, which
    matters because duplicate_image compares a new photo with every stored one.
    """
    if len(a) != len(b):
        raise ValueError(f"perceptual hashes of different sizes: {len(a)} and {len(b)}")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _check_body_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise LimitupError(
            f"the file is {_megabytes(len(data))} MB; the most we accept is "
            f"{_megabytes(max_bytes)} MB", code="too_large", status=413)
    if not data:
        raise unreadable(f"the file is empty; {ACCEPTED_HINT}")


def _check_frames(image: Image.Image, source_format: str) -> None:
    if source_format in SINGLE_FRAME_FORMATS and getattr(image, "n_frames", 1) > 1:
        raise unreadable("animated or multi-image files are not accepted; send a single photo")


def _check_dimensions(size: tuple[int, int], max_pixels: int, min_side: int) -> None:
    """From the header alone, before a single pixel is decoded (decompression bombs)."""
    width, height = size
    if width * height > max_pixels:
        raise unreadable(
            f"the image has too many pixels ({width}×{height}); the most we accept is "
            f"{max_pixels / 1e6:g} million pixels")
    if max(width, height) > MAX_SIDE:
        raise unreadable(
            f"the image is too long ({width}×{height}); no side may exceed {MAX_SIDE} pixels")
    if min(width, height) < min_side:
        raise unreadable(
            f"the image is too small ({width}×{height} pixels); the shorter side must be at "
            f"least {min_side} pixels for the text to be readable")


def _check_jpeg_density(source_format: str, size: tuple[int, int], byte_count: int) -> None:
    width, height = size
    if source_format == "JPEG" and width * height > MAX_JPEG_PIXELS_PER_BYTE * byte_count:
        raise unreadable(
            f"the image is truncated or corrupt: {byte_count} bytes cannot hold the "
            f"{width}×{height} pixels it declares")


@contextmanager
def _decoder_errors(max_pixels: int):
    """Whatever a decoder raises on hostile bytes becomes one clear unreadable_image error."""
    try:
        yield
    except LimitupError:
        raise
    except Image.DecompressionBombError as error:
        raise unreadable(_bomb_message(error, max_pixels)) from None
    except MemoryError:
        raise unreadable("the image is too large to decode") from None
    except Exception as error:  # PIL raises OSError, ValueError, SyntaxError, struct.error ...
        raise unreadable(_corrupt_message(error)) from None


def _bomb_message(error: Exception, max_pixels: int) -> str:
    """PIL's own guard fired while reading the header; its message carries the pixel count."""
    counted = re.search(r"\((\d+) pixels\)", str(error))
    declared = f" ({int(counted.group(1)) / 1e6:g} million)" if counted else ""
    return (f"the image has too many pixels{declared}; the most we accept is "
            f"{max_pixels / 1e6:g} million pixels")


def _corrupt_message(error: Exception) -> str:
    detail = str(error).lower()
    if "truncated" in detail or isinstance(error, EOFError):
        return "the image is truncated (the upload is incomplete); please send it again"
    return "the image is corrupt and cannot be decoded; please send the original photo"


def _safe_exif(image: Image.Image) -> Image.Exif | None:
    try:
        return image.getexif()
    except Exception:  # malformed EXIF: the pixels may still be fine, the metadata is dropped
        return None


def _orientation(image: Image.Image, exif: Image.Exif | None) -> int | None:
    if image.format == "HEIF" or exif is None:
        return None  # libheif applies HEIF rotations itself while decoding
    value = exif.get(TAG_ORIENTATION)
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _decoder_rotated(image: Image.Image) -> bool:
    original = image.info.get("original_orientation")
    return isinstance(original, int) and original not in (0, 1)


def _encode_jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f}"
