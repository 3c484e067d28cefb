"""Metadata: read for edit signals and orientation, then stripped from what is stored."""
from __future__ import annotations

import io

from PIL import Image

from limitup.ingest import ingest
from tests.ingest import images

MAX_BYTES = 15 * 1024 * 1024
METADATA_MARKERS = {0xE1: "APP1 (EXIF/XMP)", 0xE2: "APP2 (ICC)", 0xED: "APP13 (IPTC)",
                    0xFE: "COM (comment)"}


def assert_no_metadata(stored: bytes) -> None:
    found = [METADATA_MARKERS[m] for m in images.jpeg_markers(stored) if m in METADATA_MARKERS]
    assert not found, found
    reopened = Image.open(io.BytesIO(stored))
    assert not reopened.getexif()
    assert not set(reopened.info) & {"exif", "xmp", "icc_profile", "comment"}
    for needle in (b"Exif", b"GPS", b"Photoshop", b"xmpmeta", b"GIMP"):
        assert needle not in stored, needle


def test_gps_and_software_stripped_and_software_named():
    exif = images.exif_with(software="Adobe Photoshop 25.0 (Windows)", gps=True)
    source = images.jpeg(exif=exif)
    assert b"Photoshop" in source and Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)
    result = ingest(source, max_bytes=MAX_BYTES)
    assert_no_metadata(result.stored_bytes)
    assert len(result.edit_signals) == 1
    assert "EXIF Software" in result.edit_signals[0]
    assert "Adobe Photoshop" in result.edit_signals[0]


def test_everything_stripped_from_a_fully_loaded_jpeg():
    from PIL import ImageCms
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description xmp:CreatorTool="GIMP 2.10"/></x:xmpmeta>'
    source = images.jpeg(exif=images.exif_with(gps=True), icc_profile=icc, xmp=xmp,
                         comment=b"Created with GIMP")
    result = ingest(source, max_bytes=MAX_BYTES)
    assert_no_metadata(result.stored_bytes)
    assert any("XMP CreatorTool" in s and "GIMP" in s for s in result.edit_signals)
    assert any("JPEG comment" in s for s in result.edit_signals)


def test_png_and_webp_metadata_stripped():
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("Software", "GIMP 2.10.36")
    exif = images.exif_with(gps=True)
    png = images.png(pnginfo=info, exif=exif)
    result = ingest(png, max_bytes=MAX_BYTES)
    assert_no_metadata(result.stored_bytes)
    assert any("PNG Software" in s and "GIMP" in s for s in result.edit_signals)
    webp = images.encode(images.certificate(), "WEBP", exif=images.exif_with(
        software="Snapseed 2.0", gps=True).tobytes())
    result = ingest(webp, max_bytes=MAX_BYTES)
    assert_no_metadata(result.stored_bytes)
    assert any("Snapseed" in s for s in result.edit_signals)


def test_heic_metadata_stripped_and_meitu_named():
    exif = images.exif_with(gps=True)
    exif[0x0131] = "美图秀秀 10.2".encode()  # Chinese apps put UTF-8 in the ASCII tag
    heic = images.encode(images.certificate(), "HEIF", exif=exif.tobytes())
    result = ingest(heic, max_bytes=MAX_BYTES)
    assert_no_metadata(result.stored_bytes)
    assert result.edit_signals == ["EXIF Software names editing software Meitu (美图秀秀) (美图秀秀 10.2)"]


def test_phone_firmware_is_not_editing_software():
    for software in ("iOS 17.4.1", "G9910ZHS4CXA1", "HDR+ 1.0.612345", "MediaTek Camera Application",
                     "CamScanner"):
        result = ingest(images.jpeg(exif=images.exif_with(software=software)), max_bytes=MAX_BYTES)
        assert result.edit_signals == [], software


def test_modified_long_after_taken():
    exif = images.exif_with(changed="2024:05:01 10:00:00", taken="2023:01:01 09:00:00")
    result = ingest(images.jpeg(exif=exif), max_bytes=MAX_BYTES)
    assert result.edit_signals == [
        "EXIF DateTime (last changed) is 486 day(s) away from DateTimeOriginal (taken)"]
    same_day = images.exif_with(changed="2023:01:01 18:00:00", taken="2023:01:01 09:00:00")
    assert ingest(images.jpeg(exif=same_day), max_bytes=MAX_BYTES).edit_signals == []


def test_malformed_dates_are_no_signal():
    exif = images.exif_with(changed="yesterday", taken="0000:00:00 00:00:00")
    assert ingest(images.jpeg(exif=exif), max_bytes=MAX_BYTES).edit_signals == []


def test_signal_text_is_tamed():
    exif = images.exif_with(software="Photoshop\x1b[31m\nINJECTED" + "x" * 500)
    (signal,) = ingest(images.jpeg(exif=exif), max_bytes=MAX_BYTES).edit_signals
    assert "\x1b" not in signal and "\n" not in signal and len(signal) < 200


def test_exif_orientation_applied():
    upright = Image.new("RGB", (400, 300), "white")
    upright.paste((255, 0, 0), (0, 0, 60, 60))  # red square in the raster's top-left
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to display.
    data = images.jpeg(upright, exif=images.exif_with(orientation=6))
    result = ingest(data, max_bytes=MAX_BYTES)
    assert result.exif_orientation_applied
    assert (result.width, result.height) == (300, 400)
    red = result.image.getpixel((270, 30))  # raster top-left is now top-right
    assert red[0] > 200 and red[1] < 60
    assert Image.open(io.BytesIO(result.stored_bytes)).size == (300, 400)


def test_no_orientation_tag_means_nothing_applied():
    result = ingest(images.jpeg(exif=images.exif_with(orientation=1)), max_bytes=MAX_BYTES)
    assert not result.exif_orientation_applied and (result.width, result.height) == (640, 440)
