"""Does a PNG's compressed data hold every row its header declares? Pillow cannot say.

A PNG whose IHDR is patched to declare more rows (its CRC recomputed) decodes "fine" in Pillow:
the zlib stream ends, the decoder stops, and the missing rows stay black. So the image data is
inflated once more, counting bytes without keeping them (a megabyte at a time), and compared
with what the header needs: for each interlace pass, rows × (1 filter byte + the row's bytes).
This costs about a quarter of Pillow's own decode.
"""
from __future__ import annotations

import struct
import zlib

from limitup.ingest.sniff import unreadable

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}        # by colour type
# Adam7: (first column, first row, column step, row step) of each of the seven passes.
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))
STEP = 1 << 20


def check_complete(data: bytes) -> None:
    """Raise unreadable_image if the image data ends before the rows the header declares."""
    header, image_data = _chunks(data)
    if header is None:
        return      # no usable IHDR: Pillow has already refused such a file
    width, height, depth, colour_type, interlace = header
    bits = depth * CHANNELS.get(colour_type, 4)
    needed = sum(_pass_bytes(width, height, bits, pass_) for pass_ in
                 (ADAM7 if interlace else ((0, 0, 1, 1),)))
    if _inflated_size(image_data, needed) < needed:
        raise unreadable("the image is truncated (the upload is incomplete); please send it again")


def _pass_bytes(width: int, height: int, bits: int, pass_: tuple[int, int, int, int]) -> int:
    column, row, column_step, row_step = pass_
    columns = (width - column + column_step - 1) // column_step
    rows = (height - row + row_step - 1) // row_step
    if columns <= 0 or rows <= 0:
        return 0
    return rows * (1 + (columns * bits + 7) // 8)


def _chunks(data: bytes):
    """(IHDR fields or None, the IDAT chunks' payloads as one memoryview list)."""
    view = memoryview(data)
    position, header, parts = len(SIGNATURE), None, []
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", view[position:position + 8])
        payload = view[position + 8:position + 8 + length]
        if kind == b"IHDR" and length >= 13:
            width, height, depth, colour_type, _, _, interlace = struct.unpack(
                ">IIBBBBB", payload[:13])
            header = (width, height, depth, colour_type, interlace)
        elif kind == b"IDAT":
            parts.append(payload)
        elif kind == b"IEND":
            break
        position += 12 + length
    return header, parts


def _inflated_size(parts, enough: int) -> int:
    """Bytes the zlib stream inflates to, counted up to `enough` (nothing kept)."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        for part in parts:
            pending = bytes(part)
            while pending and total < enough:
                total += len(inflater.decompress(pending, STEP))
                pending = inflater.unconsumed_tail
            if total >= enough or inflater.eof:
                break
    except zlib.error:
        return enough   # corrupt, not short: Pillow's decode, which follows, refuses it
    return total
