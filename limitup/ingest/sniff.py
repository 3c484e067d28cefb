"""Decide what a body is from its first bytes: never from a file name or a declared type.

Only JPEG, PNG, WebP and HEIC/HEIF pass. Everything else is refused here, before any decoder
runs, with a message that says what the body looks like (a GIF, a PDF, an SVG, text ...), so the
user knows what to send instead. BMP and TIFF are refused too: no phone camera or gallery app
sends them, and TIFF in particular is a large, rarely-needed decoder surface.
"""
from __future__ import annotations

from limitup.errors import LimitupError

ACCEPTED_HINT = "send a photo or scan as JPEG, PNG, WebP or HEIC"

# ISO-BMFF brands that mean a HEVC-coded HEIF still image (what iPhones and many Androids send).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
               b"mif1", b"msf1"}
AVIF_BRANDS = {b"avif", b"avis"}


def unreadable(message: str) -> LimitupError:
    return LimitupError(message, code="unreadable_image", status=422)


def sniff_format(data: bytes) -> str:
    """Return "JPEG", "PNG", "WEBP" or "HEIF"; raise unreadable_image for anything else."""
    head = bytes(data[:64])
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        return _iso_media_format(data)
    raise unreadable(_describe_refused(head, data))


def _iso_media_format(data: bytes) -> str:
    """HEIF and AVIF share the ISO-BMFF container; the `ftyp` brands tell them apart."""
    box_size = int.from_bytes(data[0:4], "big")
    end = min(max(box_size, 16), 256, len(data))
    major = bytes(data[8:12])
    compatible = {bytes(data[i:i + 4]) for i in range(16, end - 3, 4)}
    brands = {major} | compatible
    if major in AVIF_BRANDS or (brands & AVIF_BRANDS and not brands & (HEIF_BRANDS - {b"mif1", b"msf1"})):
        raise unreadable(f"AVIF images are not accepted; {ACCEPTED_HINT}")
    if brands & HEIF_BRANDS:
        return "HEIF"
    raise unreadable(f"this is a video or media file, not a photo; {ACCEPTED_HINT}")


def _describe_refused(head: bytes, data: bytes) -> str:
    kind = _refused_kind(head, data)
    if kind is None:
        return f"this is not an image we accept; {ACCEPTED_HINT}"
    return f"{kind} not accepted; {ACCEPTED_HINT}"


def _refused_kind(head: bytes, data: bytes) -> str | None:
    """A short phrase naming a recognised but refused kind of file, or None."""
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF images are"
    if head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in (
            12, 40, 52, 56, 64, 108, 124):
        return "BMP images are"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF images are"
    if head.startswith(b"%PDF"):
        return "PDF documents are"
    if head.startswith((b"PK\x03\x04", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "archives (ZIP, RAR, 7z, gzip) are"
    if head.startswith(b"\x00\x00\x00\x0cjP  "):
        return "JPEG 2000 images are"
    return _markup_or_text_kind(data)


def _markup_or_text_kind(data: bytes) -> str | None:
    sample = bytes(data[:2048])
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if sample.startswith(bom):
            sample = sample[len(bom):]
            break
    lowered = sample.lstrip().lower()
    if lowered.startswith(b"<"):
        if b"<svg" in lowered:
            return "SVG images are"
        if b"<html" in lowered or lowered.startswith(b"<!doctype html"):
            return "HTML pages are"
        return "XML and other markup files are"
    if _looks_like_text(sample):
        return "text files are"
    return None


def _looks_like_text(sample: bytes) -> bool:
    if not sample:
        return False
    text = None
    for cut in range(4):  # the 2 KiB sample may end inside a multi-byte character
        try:
            text = sample[:len(sample) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    if not text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return printable / len(text) > 0.95
