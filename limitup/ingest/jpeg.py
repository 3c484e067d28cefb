"""Is a JPEG's compressed data all there? Pillow cannot say.

When a JPEG's data ends early at an EOI marker (a truncated upload with the end marker added back,
or a header patched to declare more rows than were coded), libjpeg only *warns* ("premature end of
data segment") and pads the missing rows with grey; Pillow drops the warning and returns the
padded picture. libjpeg-turbo's TurboJPEG API reports those warnings, and simplejpeg exposes it
with strict=True. The check decodes at 1/8 scale (the compressed data is still read to its end,
the pixels cost 1/64): about 60 ms and a few MB for a 40-megapixel photo.

Only warnings that mean missing or damaged picture data refuse the file. Others, such as
"extraneous bytes before marker" that some cameras write, leave the picture whole and are let
through to Pillow, which decides as before.
"""
from __future__ import annotations

import simplejpeg

from limitup.ingest.sniff import unreadable

TRUNCATED_WARNINGS = ("premature end",)
# libjpeg's JWRN_HUFF_BAD_CODE and JWRN_MUST_RESYNC ("found marker 0x.. instead of RSTn").
CORRUPT_WARNINGS = ("bad huffman code", "instead of rst")
# TurboJPEG decodes CMYK/YCCK only to CMYK, and grey most cheaply to grey.
COLORSPACES = {"CMYK": "CMYK", "YCCK": "CMYK", "Gray": "GRAY"}


def check_complete(data: bytes) -> None:
    """Raise unreadable_image if the JPEG's picture data is cut short or damaged."""
    try:
        _height, _width, colorspace, _subsampling = simplejpeg.decode_jpeg_header(data)
        simplejpeg.decode_jpeg(data, colorspace=COLORSPACES.get(colorspace, "RGB"),
                               min_height=1, min_width=1, strict=True)
    except ValueError as error:
        detail = str(error).lower()
        if any(phrase in detail for phrase in TRUNCATED_WARNINGS):
            raise unreadable("the image is truncated (the upload is incomplete); please send it "
                             "again") from None
        if any(phrase in detail for phrase in CORRUPT_WARNINGS):
            raise unreadable("the image is corrupt and cannot be decoded; please send the "
                             "original photo") from None
        # Anything else TurboJPEG does not take (or only warns about while the picture is
        # whole) is left to Pillow's full decode, which refuses what it cannot read.
