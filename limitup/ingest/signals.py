"""Why an uploaded image looks edited, read from its metadata before that metadata is stripped.

Only signals that are cheap and testable:
- EXIF Software / ProcessingSoftware, XMP CreatorTool / history softwareAgent, a PNG "Software"
  text chunk or a JPEG comment naming editing software (phone firmware such as "iOS 17.4" or
  "G9910ZHS4..." and scanner apps are not editing software and are not flagged);
- an EXIF DateTime (last changed) more than a day away from DateTimeOriginal (taken).

Double JPEG compression (quantisation-table or DCT-histogram analysis) is not attempted: phones
use their own tables, so table matching alone is not reliable, and histogram analysis is neither
cheap nor testable here without a labelled set. The verifier turns a non-empty list into
`edited_image_suspected`, which means needs_review, not rejection.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from PIL import Image

from limitup.ids import mask_ids_in_text

# (pattern, name shown in the signal). Patterns are matched case-insensitively.
EDITING_SOFTWARE = (
    (r"photoshop", "Adobe Photoshop"),
    (r"lightroom", "Adobe Lightroom"),
    (r"illustrator", "Adobe Illustrator"),
    (r"\bgimp\b", "GIMP"),
    (r"美图|meitu|\bmtxx\b", "Meitu (美图秀秀)"),
    (r"醒图|xingtu", "Xingtu (醒图)"),
    (r"snapseed", "Snapseed"),
    (r"picsart", "PicsArt"),
    (r"\bcanva\b", "Canva"),
    (r"pixelmator", "Pixelmator"),
    (r"affinity", "Affinity Photo"),
    (r"paint\.net", "Paint.NET"),
    (r"photoscape", "PhotoScape"),
    (r"\bfotor\b", "Fotor"),
    (r"facetune", "Facetune"),
    (r"polarr", "Polarr"),
    (r"\bpicmonkey\b", "PicMonkey"),
    (r"corel|paintshop", "Corel PaintShop"),
    (r"\bkrita\b", "Krita"),
    (r"acdsee", "ACDSee"),
    (r"capture one", "Capture One"),
    (r"darktable", "darktable"),
)
_EDITOR_PATTERNS = tuple((re.compile(p, re.IGNORECASE), name) for p, name in EDITING_SOFTWARE)

TAG_PROCESSING_SOFTWARE = 0x000B
TAG_SOFTWARE = 0x0131
TAG_DATETIME = 0x0132
TAG_EXIF_IFD = 0x8769
TAG_DATETIME_ORIGINAL = 0x9003
MAX_DATE_GAP = timedelta(days=1)

_XMP_TOOL = re.compile(
    rb"(?:CreatorTool|softwareAgent)\s*(?:=\s*[\"']([^\"']{1,200})[\"']|>\s*([^<]{1,200})<)")


def edit_signals(image: Image.Image, exif: Image.Exif | None) -> list[str]:
    """Plain sentences, one per signal; empty when nothing suggests editing."""
    signals: list[str] = []
    for source, value in _software_mentions(image, exif):
        editor = editor_named(value)
        if editor:
            signals.append(f"{source} names editing software {editor} ({_printable(value)})")
    gap = _modified_after_taken(exif)
    if gap is not None:
        signals.append(f"EXIF DateTime (last changed) is {gap.days} day(s) away from "
                       f"DateTimeOriginal (taken)")
    return list(dict.fromkeys(signals))


def editor_named(value: str) -> str | None:
    for pattern, name in _EDITOR_PATTERNS:
        if pattern.search(value):
            return name
    return None


def _software_mentions(image: Image.Image, exif: Image.Exif | None):
    """(where, text) pairs of every metadata field that names the producing software."""
    if exif is not None:
        for tag, source in ((TAG_SOFTWARE, "EXIF Software"),
                            (TAG_PROCESSING_SOFTWARE, "EXIF ProcessingSoftware")):
            value = _text(exif.get(tag))
            if value:
                yield source, value
    for key in ("Software", "software"):
        value = _text(image.info.get(key))
        if value:
            yield "PNG Software text", value
    comment = _text(image.info.get("comment"))
    if comment:
        yield "JPEG comment", comment
    for value in _xmp_tools(image):
        yield "XMP CreatorTool", value


def _xmp_tools(image: Image.Image) -> list[str]:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    if not isinstance(raw, (bytes, bytearray)):
        return []
    found = []
    for match in _XMP_TOOL.finditer(bytes(raw[:1_000_000])):
        value = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace").strip()
        if value:
            found.append(value)
    return found


def _modified_after_taken(exif: Image.Exif | None) -> timedelta | None:
    if exif is None:
        return None
    try:
        changed = _exif_datetime(exif.get(TAG_DATETIME))
        taken = _exif_datetime(exif.get_ifd(TAG_EXIF_IFD).get(TAG_DATETIME_ORIGINAL))
    except Exception:  # a malformed Exif IFD is not evidence either way
        return None
    if changed is None or taken is None:
        return None
    gap = abs(changed - taken)
    return gap if gap > MAX_DATE_GAP else None


def _exif_datetime(value) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.strptime(text.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return _undo_latin1(value).replace("\x00", "").strip()


def _undo_latin1(value: str) -> str:
    """PIL reads EXIF ASCII as Latin-1; Chinese apps write UTF-8 there (美图秀秀)."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _printable(value: str, limit: int = 80) -> str:
    """Metadata is attacker-controlled and ends up in the database, logs and review screens:
    keep it tame, and mask any ID number in it (an app may write the owner's number into EXIF
    Software) before it is cut, so a cut never leaves most of a number in clear."""
    # A number written in groups takes at most 18 + 17 * 3 characters: masking what is kept and
    # that much more finds any number the cut goes through, without masking a megabyte of text.
    cleaned = "".join(ch if ch.isprintable() else " " for ch in value[:limit + 72])
    return mask_ids_in_text(cleaned)[:limit]
